/**
 * A hall zoned by row in Chromium: a two-row file whose row A loses its CRAH runs in the worker, and the
 * page shows row A's racks breathing hotter air than row B's, at the engine's own values (computed here in
 * Node); the rows editor shows each row's containment. Screenshot: test-results/air-zones.png.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { servedApp, SHOTS } from './fixture';
import { chromiumAvailable, openApp, runToEnd } from './harness';
import { loadText, runScenario } from '../../sim/api';

const YAML = `version: 1
name: two rows, row A's CRAH fails
duration: 1 h
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  air40: { cooling: air, power: 40 kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC }
hall:
  rows:
    - { id: row-A, type: air40, count: 4, containment: none }
    - { id: row-B, type: air40, count: 4, containment: cold_aisle }
  crahs:
    - { id: crah-A, capacity: 250 kW, serves: [row-A] }
    - { id: crah-B, capacity: 250 kW, serves: [row-B] }
plant:
  supply_setpoint: 12 degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
events:
  - { at: 10 min, fail: crah-A }
`;

const engine = (() => {
  const r = loadText(YAML, 'zones.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario).report;
})();

describe.skipIf(!chromiumAvailable())('browser: air zones', () => {
  const served = servedApp();

  it("row A's racks show the hotter inlet, at the engine's values; the rows editor shows containment", async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const { page, errors } = await openApp(context, `${served.app.url}?model=dlc-hall`);
    await page.setInputFiles('[data-testid=open-file]', { name: 'zones.yaml', mimeType: 'text/yaml', buffer: Buffer.from(YAML) });
    await expect.poll(() => page.evaluate(() => window.__dctwinStats?.racks)).toBe(8);
    expect(await runToEnd(page)).toBe('done');
    // A row's name in the rows editor selects its first rack; the inspector shows its inlet at the cursor (the end).
    const inletOf = async (row: number, rack: string) => {
      await page.locator('[data-testid=row-item]').nth(row).locator('button.link').click();
      await expect.poll(() => page.locator('[data-testid=inspector] h3').textContent()).toContain(rack);
      const kv = page.locator('[data-testid=inspector] .kv').filter({ has: page.locator('span', { hasText: /^inlet air$/ }) });
      await expect.poll(() => kv.textContent()).toContain('°C');
      return Number((await kv.locator('span').nth(1).textContent())!.replace(' °C', ''));
    };
    const a = engine.final['row-A-01']!['temperature_c'] as number, b = engine.final['row-B-01']!['temperature_c'] as number;
    expect(a).toBeGreaterThan(b + 5);
    // The inspector rounds to 0.1 °C.
    expect(Math.abs(await inletOf(0, 'row-A-01') - a)).toBeLessThanOrEqual(0.051);
    expect(Math.abs(await inletOf(1, 'row-B-01') - b)).toBeLessThanOrEqual(0.051);
    const containment = page.locator('[data-testid=row-containment]');
    expect(await containment.nth(0).inputValue()).toBe('none');
    expect(await containment.nth(1).inputValue()).toBe('cold_aisle');
    await page.screenshot({ path: join(SHOTS, 'air-zones.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
