/**
 * Pin a run as the baseline (issue 10, "compare two designs" in the browser): run the CDU pumps on UPS,
 * pin it, open the pumps-off-UPS model, run it; the KPI bar shows each KPI's difference from the baseline
 * (the very B − A of the two engine reports, as `dctwin compare` prints it), the charts draw the baseline
 * beside the run, and unpinning clears it all. A screenshot for the docs goes to DOC_SHOTS (docs/screenshots/ under npm run docs:screenshots).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedApp, SHOTS, DOC_SHOTS } from './fixture';
import { chromiumAvailable, openApp, runToEnd, ROOT } from './harness';
import { loadText, runScenario } from '../../sim/api';

const ON = 'utility-loss-pumps-on-ups', OFF = 'utility-loss-pumps-off-ups';

/** The engine's own report of a built-in model (the worker's is the same, bit for bit). */
function report(model: string) {
  const r = loadText(readFileSync(join(ROOT, `models/${model}.yaml`), 'utf8'), `${model}.yaml`);
  if (!r.ok) throw new Error(`${model} does not load`);
  return runScenario(r.scenario).report;
}

describe.skipIf(!chromiumAvailable())('browser: a pinned baseline', () => {
  const served = servedApp();

  it('pins pumps-on, keeps it across a model switch, and shows pumps-off against it', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const { page, errors } = await openApp(context, `${served.app.url}?model=${ON}`);
    const text = (id: string) => page.locator(`[data-testid=${id}]`).textContent();
    const pin = page.locator('[data-testid=pin-baseline]');
    expect(await pin.count()).toBe(0); // nothing finished to pin yet
    expect(await runToEnd(page)).toBe('done');
    await pin.click();
    expect(await pin.textContent()).toBe('Unpin baseline');
    expect(await text('baseline-label')).toMatch(new RegExp(`vs baseline.*${ON}pinned \\d`));
    // The run is its own baseline: every difference is zero.
    expect(await text('kpi-peak-coolant-delta')).toBe('0.0 K');

    await page.selectOption('[data-testid=model-picker]', OFF);
    await expect.poll(() => text('kpi-limits')).toBe('—'); // the new model is open, its results not yet run
    expect(await text('baseline-label')).toMatch(new RegExp(`${ON}pinned \\d`)); // still the pumps-on run
    expect(await page.locator('[data-testid=kpi-pue-delta]').count()).toBe(0); // no run to compare yet
    expect(await runToEnd(page)).toBe('done');
    expect(await pin.textContent()).toBe('Pin as baseline'); // this run is not the baseline

    const [a, b] = [report(ON), report(OFF)];
    const coolant = b.kpis.peak_rack_coolant_c! - a.kpis.peak_rack_coolant_c!;
    expect(coolant).toBeGreaterThan(10); // the pumps stopped for the generator gap
    await expect.poll(() => text('kpi-peak-coolant-delta')).toBe(`+${coolant.toFixed(1)} K`);
    expect(await text('kpi-peak-coolant')).toBe(`${b.kpis.peak_rack_coolant_c!.toFixed(1)} °C`);
    expect(await page.locator('[data-testid=kpi-peak-coolant-delta]').getAttribute('class')).toContain('worse');
    expect(await text('kpi-racks-delta')).toBe(`+${b.kpis.racks_throttled - a.kpis.racks_throttled} / 0`);
    const pue = b.kpis.pue! - a.kpis.pue!;
    // A difference that rounds to zero is shown unsigned ("0.000"), as the KPI bar writes every delta.
    const pueText = Math.abs(pue).toFixed(3);
    expect(await text('kpi-pue-delta')).toBe(/^[0.]+$/.test(pueText) ? pueText : `${pue < 0 ? '−' : '+'}${pueText}`);
    expect(await text('kpi-limits-delta')).toBe('base: held');

    // Every chart draws the baseline beside the run; the legend gives the baseline's value beside the run's.
    const legend = page.locator('[data-testid=chart-legend]').first();
    expect(await legend.locator('[data-testid=chart-baseline]').count()).toBe(1);
    expect(await legend.locator('.legend-item').allTextContents()).toEqual([
      'baseline', expect.stringMatching(/^IT \d+\.\d\d base \d+\.\d\d$/), expect.stringMatching(/^facility \d+\.\d\d base \d+\.\d\d$/),
    ]);
    await page.waitForTimeout(500); // the charts redraw a task at a time
    await page.screenshot({ path: join(DOC_SHOTS, 'baseline-compare.png') });
    await page.locator('[data-testid=charts]').screenshot({ path: join(SHOTS, 'baseline-charts.png') });

    // In a 1000 × 700 window the label and every delta are still inside it and not covered.
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForTimeout(300);
    const placed = await page.$$eval('[data-testid$=-delta], [data-testid=baseline-label]', (els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { id: el.getAttribute('data-testid'), inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && r.width > 0, found: !!hit && (hit === el || el.contains(hit)) };
    }));
    expect(placed.map((p) => p.id).sort()).toEqual(['baseline-label', 'kpi-alarms-delta', 'kpi-facility-delta', 'kpi-it-delta', 'kpi-limits-delta', 'kpi-peak-coolant-delta', 'kpi-peak-inlet-delta', 'kpi-pue-delta', 'kpi-racks-delta']);
    for (const p of placed) expect(p, p.id!).toMatchObject({ inside: true, found: true });
    await page.screenshot({ path: join(SHOTS, 'baseline-1000x700.png') });

    await page.click('[data-testid=unpin-baseline]');
    expect(await page.locator('[data-testid=baseline-label]').count()).toBe(0);
    expect(await page.locator('[data-testid$=-delta]').count()).toBe(0);
    expect(await legend.locator('[data-testid=chart-baseline]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
