/**
 * A Monte Carlo study in the browser (issue 11): open a small hall whose racks fail at random, run 24
 * years in the page's worker pool, watch the progress bar, and get the numbers the engine gives in Node
 * for the same scenario (bit for bit: the mean availability's every digit) with the distributions of
 * availability and GPU-hours lost drawn. A screenshot for the docs goes to DOC_SHOTS (docs/screenshots/ under npm run docs:screenshots).
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { servedApp, SHOTS, DOC_SHOTS } from './fixture';
import { chromiumAvailable, openApp, ROOT } from './harness';
import { loadText } from '../../sim/api';
import { monteCarlo } from '../../sim/analysis/montecarlo';

const HALL = `version: 1
name: four racks failing at random
seed: 4
rack_types: { r: { power: 120 kW, idle_power: 30 kW, gpus: 72, cooling: dlc, load: 0.8 } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 4 } ], crahs: [ { id: crah-1, capacity: 200 kW } ] }
cdus: [ { id: cdu-A, pumps: { count: 2, required: 1 } } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
reliability:
  - { target: rack, mtbf: 2000 h, mttr: 24 h }
  - { target: pump, mtbf: 8000 h, mttr: 8 h }
`;

describe.skipIf(!chromiumAvailable())('browser: Monte Carlo availability', () => {
  const served = servedApp();

  it('runs a study in workers with progress and shows the engine\'s numbers and their distributions', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 1500 } });
    const { page, errors } = await openApp(context, served.app.url);
    await page.setInputFiles('[data-testid=open-file]', { name: 'four-racks.yaml', mimeType: 'text/yaml', buffer: Buffer.from(HALL) });
    await expect.poll(() => page.locator('[data-testid=mc-run]').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.fill('[data-testid=mc-years]', '24');
    await page.click('[data-testid=mc-run]');
    await page.locator('[data-testid=mc-progress]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=mc-result]').waitFor({ timeout: 120_000 });

    const r = loadText(HALL, 'four-racks.yaml');
    if (!r.ok) throw new Error('the hall does not load');
    const node = monteCarlo([r.scenario], { years: 24 }).designs[0]!.metrics;
    expect(Number(await page.locator('[data-testid=mc-availability]').getAttribute('data-value'))).toBe(node.it_availability.mean);
    expect(node.it_availability.mean).toBeLessThan(1);
    expect(await page.locator('[data-testid=mc-trip]').textContent()).toBe(`${node.p_rack_trip.p.toFixed(3)} (${node.p_rack_trip.events} of 24)`);
    // Distributions, not only a mean: the replicates differ, so the histograms have several bins.
    expect(Number(await page.locator('[data-testid=mc-hist-availability]').getAttribute('data-bins'))).toBeGreaterThan(1);
    expect(await page.locator('[data-testid=mc-hist-gpu] rect').count()).toBeGreaterThan(1);
    await page.locator('[data-testid=results]').screenshot({ path: join(SHOTS, 'montecarlo.png') });
    await page.locator('[data-testid=results]').screenshot({ path: join(DOC_SHOTS, 'montecarlo.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
