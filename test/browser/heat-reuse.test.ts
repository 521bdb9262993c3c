/**
 * Heat reuse in the page: a hall that exports heat shows ERE and ERF beside PUE — the report's numbers,
 * as the CLI prints them — and draws its heat-recovery unit in the plant yard; a hall without it shows
 * neither. The screenshot (test-results/heat-reuse-hall.png) is for a person to look at.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedApp, SHOTS } from './fixture';
import { chromiumAvailable, openApp, runToEnd, waitForHall, ROOT } from './harness';
import { loadText, runScenario } from '../../sim/api';

const kpis = (() => {
  const r = loadText(readFileSync(join(ROOT, 'models/heat-reuse-hall.yaml'), 'utf8'), 'heat-reuse-hall.yaml');
  if (!r.ok) throw new Error('heat-reuse-hall does not load');
  return runScenario(r.scenario).report.kpis;
})();

describe.skipIf(!chromiumAvailable())('heat reuse in the page', () => {
  const served = servedApp();

  it('shows ERE and ERF beside PUE for heat-reuse-hall, and not for a hall without heat reuse', async () => {
    const { page, errors } = await openApp(await served.browser.newContext({ viewport: { width: 1600, height: 950 } }), served.app.url + '?model=heat-reuse-hall');
    await waitForHall(page);
    expect(await runToEnd(page)).toBe('done');
    expect(await page.textContent('[data-testid=kpi-pue]')).toBe(kpis.pue!.toFixed(3));
    expect(await page.textContent('[data-testid=kpi-ere]')).toBe(kpis.ere!.toFixed(3));
    expect(await page.textContent('[data-testid=kpi-erf]')).toBe(kpis.erf!.toFixed(3));
    await page.screenshot({ path: join(SHOTS, 'heat-reuse-hall.png') });
    await page.locator('[data-testid=model-picker]').selectOption('dlc-hall');
    await waitForHall(page);
    expect(await runToEnd(page)).toBe('done');
    expect(await page.locator('[data-testid=kpi-ere]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
