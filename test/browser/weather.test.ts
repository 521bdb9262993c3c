/**
 * An EnergyPlus weather file in the browser: open a hall, give it the three-day EPW fixture with the
 * Weather… button (the page has no file system, so the file is embedded in the scenario), run it, and
 * get the PUE Node computes for the same scenario with the same file embedded — not the PUE of the
 * hall's own 38 °C day.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedApp, SHOTS } from './fixture';
import { chromiumAvailable, openApp, runToEnd } from './harness';
import { loadText, runScenario } from '../../sim/api';

const EPW = readFileSync(new URL('../fixtures/weather/three-days.epw', import.meta.url), 'utf8');
const HALL = `version: 1
name: four racks, dry coolers ahead of a chiller
duration: 24 h
rack_types: { r: { power: 120 kW, idle_power: 30 kW, gpus: 72, cooling: dlc, load: 0.8 } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 4 } ], crahs: [ { id: crah-1, capacity: 200 kW } ] }
cdus: [ { id: cdu-A } ]
plant:
  supply_setpoint: 20 degC
  free_cooling: [ { id: dry-1, kind: dry_cooler, capacity: 1 MW, approach: 5 K } ]
  chillers: [ { id: ch-1, capacity: 1 MW } ]
weather: { kind: constant, dry_bulb: 38 degC }
`;

function nodePue(weather: object | null): number {
  const r = loadText(HALL, 'hall.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const s = weather ? { ...r.scenario, weather } : r.scenario;
  return runScenario(s as typeof r.scenario).report.kpis.pue!;
}
const shown = (pue: number) => pue.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

describe.skipIf(!chromiumAvailable())('browser: EPW weather', () => {
  const served = servedApp();

  it('the Weather… button embeds an EPW file in the scenario and the run uses it', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const { page, errors } = await openApp(context, served.app.url);
    await page.setInputFiles('[data-testid=open-file]', { name: 'hall.yaml', mimeType: 'text/yaml', buffer: Buffer.from(HALL) });
    await expect.poll(() => page.locator('[data-testid=run-button]').isEnabled(), { timeout: 20_000 }).toBe(true);
    const hot = nodePue(null), mild = nodePue({ kind: 'epw', file: 'july.epw', data: EPW });
    expect(shown(mild)).not.toBe(shown(hot)); // the test can tell the two weathers apart

    expect(await runToEnd(page)).toBe('done');
    expect(await page.locator('[data-testid=kpi-pue]').textContent()).toBe(shown(hot));

    await page.setInputFiles('[data-testid=weather-file]', { name: 'july.epw', mimeType: 'text/plain', buffer: Buffer.from(EPW) });
    await expect.poll(() => page.locator('[data-testid=run-button]').isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await runToEnd(page)).toBe('done');
    expect(await page.locator('[data-testid=kpi-pue]').textContent()).toBe(shown(mild));
    await page.screenshot({ path: join(SHOTS, 'weather-epw.png') });

    // A broken file is refused with its line, at weather.file, and nothing runs on it.
    const broken = EPW.replace('2025,7,1,5,0,', '2025,7,1,6,0,');
    await page.setInputFiles('[data-testid=weather-file]', { name: 'broken.epw', mimeType: 'text/plain', buffer: Buffer.from(broken) });
    await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toMatch(/line 13: expected month 7, day 1, hour 5/);
    expect(await page.locator('[data-testid=run-button]').isEnabled()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
