/**
 * Standby plant and batteries in the browser. A hall with three 1 MW chillers for 200 kW of racks (chiller
 * staging runs one, the others stand by), ch-1 failing at 1 h and repaired at 2 h (ch-2 starts, then ch-1
 * stands by), a UPS with a battery, and a storage battery peak-shaving a training job's swing on the main
 * bus. The inspector states each chiller's and the battery's state as Node's frames code it at the same
 * instant (standby apart from running and failed), the battery's state of charge and power as the frames
 * hold them; the Batteries chart is offered and shown; the legend says "standby". Screenshots to test-results/.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { servedApp, SHOTS } from './fixture';
import { chromiumAvailable, openApp, runToEnd } from './harness';
import { loadText, runScenario } from '../../sim/api';
import { frameIntervalFor, countsOf } from '../../src/worker/engineApi';

const HALL = `version: 1
name: standby chillers and a battery
duration: 3 h
rack_types: { r: { power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ], crahs: [ { id: crah-1, capacity: 100 kW } ] }
cdus: [ { id: cdu-A } ]
plant:
  chillers: [ { id: ch-1, capacity: 1 MW }, { id: ch-2, capacity: 1 MW }, { id: ch-3, capacity: 1 MW } ]
power:
  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  ups: [ { id: ups-1, bus: msb, modules: 1, required: 1, module_rating: 400 kW, battery: 50 kWh } ]
  feeds: [ { loads: [racks], a: ups-1 } ]
  batteries: [ { id: bess, bus: msb, energy: 50 kWh, power: 100 kW, efficiency: 0.81, soc: 1, strategy: { peak_shave: { limit: 150 kW } } } ]
workload:
  checkpoint_utilisation: 0.2
  jobs: [ { id: train, kind: training, gpus: 16, duration: 10 h, utilisation: 1, checkpoint_interval: 30 min, checkpoint_duration: 60 s } ]
events:
  - { at: 1 h, fail: ch-1 }
  - { at: 2 h, repair: ch-1 }
`;

const CHILLER = ['normal', 'restarting', 'failed', 'unpowered', 'standby'];
const BATTERY = ['normal', 'empty', 'failed', 'unpowered', 'standby'];

function node() {
  const r = loadText(HALL, 'hall.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  // The page's frame interval (finer than the engine's default), so its frames are these frames.
  return runScenario(r.scenario, { frameInterval: frameIntervalFor(r.durationS, countsOf(r.layout)) });
}

const inspectorT = async (page: Page) => Number(await page.getAttribute('[data-testid=inspector-time]', 'data-t'));
const shownState = (page: Page) => page.locator('[data-testid=inspector] > .state').textContent();

describe.skipIf(!chromiumAvailable())('browser: standby plant and batteries', () => {
  const served = servedApp();

  it('standby chillers and batteries read apart from running and failed ones, with the engine\'s states; the battery chart', async () => {
    const { frames, report } = node();
    const frameAt = (t: number) => { let i = 0; while (i + 1 < frames.count && frames.t[i + 1]! <= t + 1e-6) i++; return i; };
    const chillerAt = (t: number, k: number) => CHILLER[frames.chillerState[frameAt(t) * 3 + k]!];
    // The story the hall is built for, in Node's frames: one chiller runs, two stand by; ch-1's failure starts ch-2.
    expect([0, 1, 2].map((k) => chillerAt(1800, k))).toEqual(['normal', 'standby', 'standby']);
    expect([0, 1, 2].map((k) => chillerAt(10_000, k))).toEqual(['standby', 'normal', 'standby']);

    const context = await served.browser.newContext({ viewport: { width: 1500, height: 950 }, locale: 'en-US' });
    const { page, errors } = await openApp(context, served.app.url);
    await page.setInputFiles('[data-testid=open-file]', { name: 'hall.yaml', mimeType: 'text/yaml', buffer: Buffer.from(HALL) });
    await expect.poll(() => page.locator('[data-testid=run-button]').isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await runToEnd(page)).toBe('done');

    // The legend names standby; the Batteries chart is shown unasked, with both batteries' SOC and the storage power.
    expect(await page.locator('[data-testid=legend-equipment]').textContent()).toContain('standby');
    const charts = page.locator('[data-testid=charts]');
    await expect.poll(() => charts.textContent()).toContain('Batteries: state of charge and power');
    for (const label of ['bess SOC', 'ups-1 SOC', 'bess kW']) expect(await charts.textContent()).toContain(label);

    const list = page.locator('[data-testid=alarm-list]');
    const cooling = page.locator('[data-testid=section-cooling]');
    await page.evaluate(() => { (document.querySelector('[data-testid=section-cooling]') as HTMLDetailsElement).open = true; (document.querySelector('[data-testid=section-power]') as HTMLDetailsElement).open = true; });
    const chip = (id: string) => page.locator('.chip', { hasText: new RegExp(`^${id}$`) });
    const check = async (id: string, expected: string) => {
      await chip(id).click();
      await expect.poll(() => page.locator('[data-testid=inspector] h3').textContent()).toContain(id);
      await expect.poll(() => shownState(page)).toBe(expected);
    };

    // At ch-1's failure (its alarm moves the cursor there).
    await list.locator('[data-testid=alarm-row]', { hasText: /ch-1.*(fail|trip)/ }).first().click();
    await expect.poll(() => inspectorT(page)).toBeGreaterThanOrEqual(3600 - 1e-6);
    await expect.poll(() => shownState(page)).toBe('failed');
    const tFail = await inspectorT(page);
    for (const [k, id] of ['ch-1', 'ch-2', 'ch-3'].entries()) await check(id, chillerAt(tFail, k)!);
    expect(await cooling.count()).toBe(1);

    // After the repair: ch-1 back as the stand-by, ch-2 running, ch-3 still standing by.
    await list.locator('[data-testid=alarm-row]', { hasText: 'ch-1 available again' }).first().click();
    const back = report.alarms.find((a) => a.component === 'ch-1' && a.kind === 'online')!.t_s;
    await expect.poll(() => inspectorT(page)).toBeGreaterThanOrEqual(back - 1e-6);
    const tBack = await inspectorT(page);
    const states = ['ch-1', 'ch-2', 'ch-3'].map((_, k) => chillerAt(tBack, k));
    expect(states).toEqual(['standby', 'normal', 'standby']);
    for (const [k, id] of ['ch-1', 'ch-2', 'ch-3'].entries()) await check(id, states[k]!);
    await page.locator('[data-testid=inspector] button', { hasText: 'Focus' }).click();
    await page.waitForTimeout(900); // the camera's eased move
    await page.screenshot({ path: join(SHOTS, 'plant-standby.png') });

    // The battery at the same instant: its state, state of charge and power as the frames hold them.
    await chip('bess').click();
    await expect.poll(() => page.locator('[data-testid=inspector] h3').textContent()).toContain('bess');
    const i = frameAt(tBack), soc = frames.batterySoc[i]!, p = frames.batteryPower[i]!;
    expect(await shownState(page)).toBe(BATTERY[frames.batteryState[i]!]);
    const text = (await page.locator('[data-testid=inspector]').textContent())!;
    expect(text).toContain(`${(100 * soc).toFixed(1)} % (${(soc * 50).toFixed(1)} kWh)`);
    expect(text).toContain(Math.abs(p) < 0.05 ? 'idle' : p > 0 ? `discharging ${p.toFixed(1)} kW` : `charging ${(-p).toFixed(1)} kW`);
    // By 3 h the store has run out: the engine says so, and so does the last frame.
    expect(report.alarms.some((a) => a.kind === 'storage_empty')).toBe(true);
    expect(BATTERY[frames.batteryState[frames.count - 1]!]).toBe('empty');
    await page.screenshot({ path: join(SHOTS, 'plant-battery.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
