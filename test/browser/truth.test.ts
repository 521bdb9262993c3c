/**
 * The browser twin's promises of issue 12 and the page's items of issue 8, driven in Chromium: one
 * instant shown everywhere (alarm click, scrub, keys, playback), stale results marked after an edit, the
 * results panel with the CLI's limits verdict and the exports, the worker watchdog, and two tabs editing
 * the same model. Screenshots go to test-results/.
 */
import { describe, it, expect } from 'vitest';
import { servedApp, SHOTS } from './fixture';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { loadText, runScenario } from '../../sim/api';
import { clock } from '../../src/format';
import { chromiumAvailable, openApp, runToEnd as run, waitForHall, ROOT } from './harness';


// The engine's own times for the dlc-hall drill (the CLI, the worker and this run agree bit for bit):
// what the page must show, not numbers copied from one run.
const dlcReport = (() => {
  const r = loadText(readFileSync(join(ROOT, 'models/dlc-hall.yaml'), 'utf8'), 'dlc-hall.yaml');
  if (!r.ok) throw new Error('dlc-hall does not load');
  return runScenario(r.scenario).report;
})();
const TRIP_T = dlcReport.time_to_limit['rack_trip']!.t_s;
const THROTTLE_T = dlcReport.time_to_limit['rack_throttle']!.t_s;
/** dlc-hall frame spacing in the page (frameIntervalFor: 2,000 frames over 24 h). */
const FRAME = 86_400 / 1999;

interface Shown { timeline: number; inspector: number; kpi: string; timelineText: string; inspectorText: string }

describe.skipIf(!chromiumAvailable())('browser twin: one moment, results, watchdog, two tabs', () => {
  const served = servedApp();

  async function open(query = '', context?: BrowserContext, viewport = { width: 1600, height: 950 }): Promise<{ page: Page; errors: string[] }> {
    return openApp(context ?? await served.browser.newContext({ viewport, acceptDownloads: true }), served.app.url + query);
  }
  const runToEnd = async (page: Page) => expect(await run(page)).toBe('done');
  /** The instant each view says it shows. */
  const shown = (page: Page) => page.evaluate(() => {
    const el = (id: string) => document.querySelector<HTMLElement>(`[data-testid=${id}]`)!;
    return {
      timeline: Number(el('timeline-time').dataset.t), inspector: Number(el('inspector-time').dataset.t), kpi: el('kpi-at').textContent!,
      timelineText: el('timeline-time').textContent!, inspectorText: el('inspector-time').textContent!,
    };
  }) as Promise<Shown>;
  /** Waits until the timeline, the inspector and the KPI agree (React readers sample the cursor at 8 Hz). */
  async function agreed(page: Page): Promise<Shown> {
    await expect.poll(async () => { const s = await shown(page); return s.timeline === s.inspector && s.kpi === s.timelineText && s.inspectorText === s.timelineText; }).toBe(true);
    return shown(page);
  }
  /** Where the first chart's cursor line sits, as a time on that chart's axis. */
  const chartCursorTime = (page: Page, durationS: number) => page.evaluate((d) => {
    const over = document.querySelector('.chart-host .u-over')!.getBoundingClientRect();
    const line = document.querySelector('.chart-host .chart-cursor')!.getBoundingClientRect();
    return ((line.left - over.left) / over.width) * d;
  }, durationS);

  it('shows one instant everywhere: alarm click, scrub, arrow keys and playback', async () => {
    const { page, errors } = await open('?model=dlc-hall');
    await runToEnd(page);
    // The eight trips of row C at one instant are one line with a count; clicking it lists them.
    const list = page.locator('[data-testid=alarm-list]');
    const rows = list.locator('[data-testid=alarm-row]');
    const trips = rows.filter({ hasText: 'row-C-01 … row-C-08' }).filter({ hasText: 'tripped: coolant passed its critical limit' });
    expect(await trips.getAttribute('data-count')).toBe('8');
    const before = await rows.count();
    expect(before).toBeLessThan(30); // the report's 30 alarms (22, and row C's eight restarts), grouped
    await trips.click();
    // The group opens into its eight trips (the list builds only the rows near the view, so count those).
    await expect.poll(() => rows.filter({ hasText: /row-C-0\d tripped/ }).count()).toBe(8);
    await rows.filter({ hasText: 'row-C-02 tripped' }).click();
    const atAlarm = await agreed(page);
    // The alarm is at the engine's time to trip; the frame shown is the first at or after it, so the rack
    // reads tripped, and the time printed is that frame's.
    expect(atAlarm.timeline).toBeGreaterThanOrEqual(TRIP_T - 1e-3);
    expect(atAlarm.timeline).toBeLessThan(TRIP_T + FRAME + 1e-3);
    const inspector = page.locator('[data-testid=inspector]');
    expect(await inspector.textContent()).toContain('row-C-02');
    expect(await inspector.locator('.state').textContent()).toMatch(/tripped|failed/);
    expect(await inspector.textContent()).toMatch(/headroom— \((tripped|failed)\)/); // off: no headroom to offer
    // The inspector says when it restarts by itself and offers a restart now, as an event at the instant shown.
    expect(await page.textContent('[data-testid=trip-note]')).toContain('restarts by itself');
    await page.selectOption('[data-testid=metric-picker]', 'headroom');
    await page.locator('[data-testid=twin-canvas]').screenshot({ path: join(SHOTS, 'headroom-tripped.png') });
    await expect.poll(async () => Math.abs(await chartCursorTime(page, 86_400) - atAlarm.timeline)).toBeLessThan(86_400 / 400);
    await page.screenshot({ path: join(SHOTS, 'moment-alarm.png') });

    // Scrub to about 40 % of the day: every view shows the same frame.
    const track = (await page.locator('[data-testid=timeline-track]').boundingBox())!;
    await page.mouse.click(track.x + track.width * 0.4, track.y + track.height / 2);
    const scrubbed = await agreed(page);
    expect(Math.abs(scrubbed.timeline - 0.4 * 86_400)).toBeLessThan(86_400 / 200);
    await expect.poll(async () => Math.abs(await chartCursorTime(page, 86_400) - scrubbed.timeline)).toBeLessThan(86_400 / 400);

    // Keyboard: the track takes focus and steps one frame per arrow.
    await page.focus('[data-testid=timeline-track]');
    await page.keyboard.press('ArrowRight');
    const stepped = await agreed(page);
    expect(stepped.timeline - scrubbed.timeline).toBeCloseTo(FRAME, 1);

    // Restarting the rack from the inspector adds a repair event in time order; the run is now stale.
    await rows.filter({ hasText: 'row-C-02 tripped' }).click();
    await page.click('[data-testid=restart-rack]');
    const events = page.locator('[data-testid=event-item]');
    await expect.poll(() => events.count()).toBe(6);
    const times = (await events.locator('button.link').allTextContents());
    // The restart at the frame shown, in time order among the drill's events.
    expect(times).toEqual(['10 h', '10.5 h', '14 h', '15 h', `${+(Math.round(atAlarm.timeline) / 3600).toFixed(4)} h`, '15.05 h']);
    expect(await events.nth(4).textContent()).toContain('repair row-C-02');
    await expect.poll(() => page.locator('[data-testid=stale-hall]').count()).toBe(1);
    // Removing the CDU failure takes its repair along: no orphan repair is left.
    await events.filter({ hasText: 'fail cdu-C' }).filter({ hasNotText: 'pump' }).locator('button[title^="Remove this failure"]').click();
    await expect.poll(() => events.count()).toBe(4);
    expect(await page.locator('[data-testid=orphan-repair]').count()).toBe(0);

    // Playback at 1 h/s, then pause: whatever frame it stopped on is the one everyone shows.
    await page.click('[data-testid=play-button]');
    await page.waitForTimeout(600);
    await page.click('[data-testid=play-button]');
    const played = await agreed(page);
    expect(played.timeline).toBeGreaterThan(stepped.timeline);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('marks the hall, charts, alarms, timeline, inspector and KPIs stale after an edit until the next run', async () => {
    const { page } = await open('?model=dlc-hall');
    await runToEnd(page);
    const views = ['hall', 'charts', 'alarms', 'timeline', 'inspector', 'results'];
    for (const v of views) expect(await page.locator(`[data-testid=stale-${v}]`).count()).toBe(0);
    const power = page.locator('[data-testid="rack-type-power-nvl72"]');
    await power.fill('130');
    await power.press('Enter');
    for (const v of views) await expect.poll(() => page.locator(`[data-testid=stale-${v}]`).count()).toBe(1);
    for (const id of ['twin', 'charts', 'alarm-list', 'timeline']) expect(await page.getAttribute(`[data-testid=${id}]`, 'data-stale')).toBe('true');
    expect(await page.getAttribute('[data-testid=kpis]', 'class')).toContain('stale');
    await page.screenshot({ path: join(SHOTS, 'stale-after-edit.png') });
    await runToEnd(page);
    for (const v of views) await expect.poll(() => page.locator(`[data-testid=stale-${v}]`).count()).toBe(0);
    // The engine's design warnings show in the results panel as soon as the scenario is checked, before a run.
    await page.locator('[data-testid=row-item]').first().locator('select[title="CDU feeding the row"]').selectOption('cdu-B');
    await expect.poll(() => page.textContent('[data-testid=results]')).toContain('CDU cdu-A feeds no rack');
    await page.context().close();
  });

  it('shows the results panel with the CLI verdict, exports the JSON report and the charted series, and labels every KPI', async () => {
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/dist/dctwin.mjs'), 'run', join(ROOT, 'models/dlc-hall.yaml'), '--json'], { encoding: 'utf8' });
    expect(cli.status).toBe(2); // a stated limit is violated
    const expected = JSON.parse(cli.stdout) as { violations: { limit: string; message: string }[]; kpis: Record<string, unknown>; time_to_limit: Record<string, { t_s: number }>; alarms: unknown[] };

    const { page, errors } = await open('?model=dlc-hall');
    expect(await page.textContent('[data-testid=results]')).toContain('No results yet');
    await runToEnd(page);
    const status = page.locator('[data-testid=limits-status]');
    expect(await status.getAttribute('data-ok')).toBe('false');
    expect(await status.textContent()).toContain('LIMITS VIOLATED');
    for (const v of expected.violations) expect(await status.textContent()).toContain(`${v.limit}: ${v.message}`);
    expect(await page.textContent('[data-testid=kpi-limits]')).toBe(`${expected.violations.length} violated`);
    const results = page.locator('[data-testid=results]');
    const ttl = await page.textContent('[data-testid=time-to-limit]');
    expect(ttl).toContain(`rack throttle at ${clock(THROTTLE_T)}`);
    expect(ttl).toContain(`rack trip at ${clock(TRIP_T)}`);
    for (const label of ['GPU-hours lost', 'UPS runtime margin', 'WUE', 'per installed GPU-hour', 'per 1k tokens']) expect(await results.textContent()).toContain(label);

    // Every KPI in the top bar has its kpi-… testid and a value.
    const kpis = await page.$$eval('.kpis .kpi b', (bs) => bs.map((b) => [b.getAttribute('data-testid'), b.textContent]));
    expect(kpis.length).toBeGreaterThanOrEqual(9);
    for (const [id, text] of kpis) { expect(id).toMatch(/^kpi-/); expect(text).not.toBe('—'); }
    await results.screenshot({ path: join(SHOTS, 'results-panel.png') });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'print-summary.png'), fullPage: true });
    expect(await page.isVisible('[data-testid=twin-canvas]')).toBe(false);
    expect(await page.isVisible('[data-testid=limits-status]')).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The JSON report is the CLI's, field for field where it matters.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-report]')]);
    expect(json.suggestedFilename()).toBe('dlc-hall-report.json');
    const report = JSON.parse(readFileSync((await json.path())!, 'utf8')) as typeof expected & { final: Record<string, unknown> };
    expect(report.violations).toEqual(expected.violations);
    expect(report.kpis).toEqual(expected.kpis);
    expect(report.time_to_limit).toEqual(expected.time_to_limit);
    expect(report.alarms).toHaveLength(expected.alarms.length);
    expect(Object.keys(report)).toEqual(Object.keys(expected));
    expect(Object.keys(report.final)).toContain('row-C-02');

    // The CSV holds the charted series, one row per frame.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t_s,IT & facility power: IT [MW],IT & facility power: facility [MW],Inlet air & FWS supply: rack inlet air [°C],Inlet air & FWS supply: FWS supply [°C],CDU (TCS) supply: cdu-A [°C],CDU (TCS) supply: cdu-B [°C],CDU (TCS) supply: cdu-C [°C],CDU (TCS) supply: cdu-D [°C]');
    expect(lines).toHaveLength(1 + 2000);
    expect(lines[lines.length - 1]!.split(',')[0]).toBe('86400');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('restarts a dead or silent engine, says so, keeps the edits, and Cancel always works', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    // Record the page's workers so the test can kill one (a dead worker and a stuck one look the same to
    // the page: silence), and shorten the watchdog from 10 s.
    await context.addInitScript(() => {
      const Base = window.Worker;
      const all: Worker[] = [];
      (window as unknown as { __workers: Worker[] }).__workers = all;
      window.Worker = class extends Base { constructor(url: string | URL, options?: WorkerOptions) { super(url, options); all.push(this); } };
      window.__dctwinWatchdogMs = 1500;
    });
    const { page, errors } = await open('?model=dlc-hall', context);
    const killWorker = () => page.evaluate(() => { const w = (window as unknown as { __workers: Worker[] }).__workers; w[w.length - 1]!.terminate(); });
    const power = page.locator('[data-testid="rack-type-power-nvl72"]');
    await power.fill('128');
    await power.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=inspector]')).toContain('4.10 MW'); // 32 × 128 kW

    // A dead worker during a run: no progress, so the watchdog restarts it.
    await killWorker();
    await page.click('[data-testid=run-button]');
    await page.waitForFunction(() => window.__dctwinStats.simState === 'error', null, { timeout: 10_000 });
    expect(await page.textContent('[data-testid=notice]')).toMatch(/engine stopped \(the engine sent no progress for \d+ s\); it was restarted\. Your edits are kept/);
    expect(await power.inputValue()).toBe('128 kW');
    expect(await page.evaluate(() => (window as unknown as { __workers: Worker[] }).__workers.length)).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'engine-restarted.png') });
    // The fresh worker has the edited scenario: the run completes with it.
    await expect.poll(() => page.isDisabled('[data-testid=run-button]')).toBe(false);
    await runToEnd(page);
    expect(await page.textContent('[data-testid=kpi-it]')).not.toBe('—');
    expect(await page.textContent('[data-testid=inspector]')).toContain('4.10 MW');

    // A worker that dies while idle is found by the ping, before the user asks anything of it.
    await killWorker();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __workers: Worker[] }).__workers.length), { timeout: 5_000 }).toBe(3);
    expect(await page.textContent('[data-testid=notice]')).toContain('the engine stopped answering');
    await expect.poll(() => page.isDisabled('[data-testid=run-button]')).toBe(false);

    // Cancel on a worker that cannot hear it (dead mid-run, watchdog far away): the run still ends, as cancelled.
    await page.evaluate(() => { window.__dctwinWatchdogMs = 60_000; });
    await killWorker();
    await page.click('[data-testid=run-button]');
    await page.click('[data-testid=cancel-button]');
    await page.waitForFunction(() => window.__dctwinStats.simState === 'cancelled', null, { timeout: 5_000 });
    expect(await page.textContent('[data-testid=notice]')).toContain('Cancelled: the engine did not stop when asked');
    await expect.poll(() => page.isDisabled('[data-testid=run-button]')).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two tabs on one model: an unedited tab follows, an edited tab chooses (keep mine as a copy / take theirs)', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const one = (await open('?model=dlc-hall', context)).page;
    const two = (await open('?model=dlc-hall', context)).page;
    const power = (p: Page) => p.locator('[data-testid="rack-type-power-nvl72"]');
    const setPower = async (p: Page, kw: string) => { await power(p).fill(kw); await power(p).press('Enter'); await expect.poll(() => power(p).inputValue()).toBe(`${kw} kW`); };

    // Tab two has no edits of its own: it takes tab one's edit and says so.
    await setPower(one, '140');
    await expect.poll(() => power(two).inputValue()).toBe('140 kW');
    expect(await two.textContent('[data-testid=notice]')).toContain('Another tab changed dlc-hall');

    // Both edited: tab one is asked, and keeps showing its own edit until it chooses.
    await setPower(two, '150');
    await expect.poll(() => one.locator('[data-testid=tab-conflict]').count()).toBe(1);
    expect(await power(one).inputValue()).toBe('140 kW');
    expect(await one.textContent('[data-testid=conflict-diff]')).toBe('rack_types.nvl72.power: yours 140 kW, theirs 150 kW');
    await one.screenshot({ path: join(SHOTS, 'two-tabs-conflict.png') });
    await one.click('[data-testid=conflict-take-theirs]');
    await expect.poll(() => power(one).inputValue()).toBe('150 kW');
    expect(await one.locator('[data-testid=tab-conflict]').count()).toBe(0);

    // Tab one edits again; tab two keeps its version as a copy, and the model keeps tab one's.
    await setPower(one, '141');
    await expect.poll(() => two.locator('[data-testid=tab-conflict]').count()).toBe(1);
    await two.click('[data-testid=conflict-keep-mine]');
    await expect.poll(() => two.locator('[data-testid=model-picker]').inputValue()).toBe('file:dlc-hall (my copy).yaml');
    expect(await power(two).inputValue()).toBe('150 kW');
    expect(await two.textContent('[data-testid=notice]')).toContain('saved as "dlc-hall (my copy).yaml"');
    const stored = await two.evaluate(() => ({
      model: JSON.parse(localStorage.getItem('dctwin.autosave:model:dlc-hall')!).raw.rack_types.nvl72.power,
      copy: JSON.parse(localStorage.getItem('dctwin.autosave:file:dlc-hall (my copy).yaml')!).raw.rack_types.nvl72.power,
    }));
    expect(stored).toEqual({ model: '141 kW', copy: '150 kW' });
    // The copy reopens from the picker after a reload, with the edit.
    await two.reload();
    await waitForHall(two);
    await two.selectOption('[data-testid=model-picker]', 'file:dlc-hall (my copy).yaml');
    await expect.poll(() => power(two).inputValue()).toBe('150 kW');
    await context.close();
  });

  it('a shared link opens the model as published; autosaved edits are offered, restored on a reload, never lost', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const power = (p: Page) => p.locator('[data-testid="rack-type-power-nvl72"]');
    const a = (await open('?model=dlc-hall', context)).page;
    await power(a).fill('140');
    await power(a).press('Enter');
    await expect.poll(() => power(a).inputValue()).toBe('140 kW');
    await a.reload(); // the same tab: its own edits come back
    await waitForHall(a);
    await expect.poll(() => power(a).inputValue()).toBe('140 kW');
    expect(await a.locator('[data-testid=autosave-offer]').count()).toBe(0);
    await a.close();

    // A trainee opening the link in a new tab sees the model as published, and is offered the edits.
    const b = (await open('?model=dlc-hall', context)).page;
    await expect.poll(() => b.locator('[data-testid=autosave-offer]').count()).toBe(1);
    expect(await power(b).inputValue()).toBe('132 kW');
    await b.screenshot({ path: join(SHOTS, 'shared-link-offer.png') });
    await b.click('[data-testid=offer-restore]');
    await expect.poll(() => power(b).inputValue()).toBe('140 kW');
    await b.close();

    // Editing the published model while the offer stands keeps the offered edits as a copy.
    const c = (await open('?model=dlc-hall', context)).page;
    await expect.poll(() => c.locator('[data-testid=autosave-offer]').count()).toBe(1);
    await power(c).fill('135');
    await power(c).press('Enter');
    await expect.poll(() => c.textContent('[data-testid=notice]')).toContain('kept as "dlc-hall (my copy).yaml"');
    expect(await c.locator('[data-testid=autosave-offer]').count()).toBe(0);
    const stored = await c.evaluate(() => ({
      model: JSON.parse(localStorage.getItem('dctwin.autosave:model:dlc-hall')!).raw.rack_types.nvl72.power,
      copy: JSON.parse(localStorage.getItem('dctwin.autosave:file:dlc-hall (my copy).yaml')!).raw.rack_types.nvl72.power,
    }));
    expect(stored).toEqual({ model: '135 kW', copy: '140 kW' });
    await context.close();
  });

  it('fits a 1000 × 700 window: every KPI readable, no panel clipped away, the legend folded off the hall', async () => {
    const { page, errors } = await open('?model=dlc-hall', undefined, { width: 1000, height: 700 });
    await runToEnd(page);
    // Each KPI value is inside the window and is what the browser finds at its own centre (not covered or clipped).
    const kpis = await page.$$eval('[data-testid^=kpi-]', (els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { id: el.getAttribute('data-testid'), inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && r.width > 0, found: !!hit && (hit === el || el.contains(hit)) };
    }));
    expect(kpis.map((k) => k.id).sort()).toEqual(['kpi-alarms', 'kpi-at', 'kpi-facility', 'kpi-it', 'kpi-limits', 'kpi-peak-coolant', 'kpi-peak-inlet', 'kpi-pue', 'kpi-racks']);
    for (const k of kpis) expect(k, k.id!).toMatchObject({ inside: true, found: true });
    for (const id of ['results', 'limits-status', 'inspector', 'timeline-track', 'alarm-list', 'charts', 'run-button', 'twin-canvas']) {
      const box = (await page.locator(`[data-testid=${id}]`).first().boundingBox())!;
      expect(box.width, id).toBeGreaterThan(id === 'run-button' ? 30 : 80);
      expect(box.height, id).toBeGreaterThan(18);
      expect(box.x + box.width, id).toBeLessThanOrEqual(1000 + 0.5);
    }
    const legend = (await page.locator('.legend').boundingBox())!;
    const hall = (await page.locator('[data-testid=twin-canvas]').boundingBox())!;
    expect(legend.height * legend.width).toBeLessThan(0.1 * hall.height * hall.width);
    // The picture for the docs: the moment row C trips, from its (grouped) alarm.
    await page.locator('[data-testid=alarm-row]', { hasText: 'tripped: coolant passed its critical limit' }).click();
    await expect.poll(() => page.textContent('[data-testid=inspector]')).toContain('row-C-01');
    await page.waitForTimeout(900); // the camera's eased move
    await page.screenshot({ path: join(SHOTS, 'narrow-1000x700.png') });
    await page.click('[data-testid=legend-toggle]');
    await expect.poll(async () => (await page.locator('.legend').boundingBox())!.height).toBeGreaterThan(legend.height + 40);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('works from the keyboard: Tab reaches Open… and Run, Space presses Run, arrows step through time, ? lists the shortcuts', async () => {
    const { page, errors } = await open('?model=dlc-hall');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
    const tabTo = async (id: string) => {
      for (let i = 0; i < 120 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(id);
    };
    // Listen first: playwright intercepts file choosers only once a listener is in place.
    const chooser = page.waitForEvent('filechooser');
    await page.locator('body').focus();
    await tabTo('open-button');
    await page.keyboard.press('Enter');
    expect((await chooser).isMultiple()).toBe(false);
    await tabTo('run-button');
    await page.keyboard.press('Space'); // presses Run (it used to toggle playback)
    await page.waitForFunction(() => window.__dctwinStats.simState === 'done', null, { timeout: 60_000 });
    const end = Number(await page.getAttribute('[data-testid=timeline-time]', 'data-t'));
    expect(end).toBe(86_400);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(async () => Number(await page.getAttribute('[data-testid=timeline-time]', 'data-t'))).toBeCloseTo(86_400 - 11 * FRAME, 1);
    await tabTo('timeline-track'); // past the scenario editor's fields, the hall and the results
    await page.keyboard.press('Home');
    await expect.poll(() => page.getAttribute('[data-testid=timeline-time]', 'data-t')).toBe('0');
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('[data-testid=shortcuts]').count()).toBe(1);
    expect(await page.textContent('[data-testid=shortcuts]')).toContain('previous / next frame');
    await page.screenshot({ path: join(SHOTS, 'shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=shortcuts]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('charts read: full legends with values at the instant shown, two axes told apart, drag zooms every chart, double-click resets', async () => {
    const { page, errors } = await open('?model=dlc-hall');
    await runToEnd(page);
    await page.locator('[data-testid=alarm-row]', { hasText: 'tripped: coolant passed its critical limit' }).click();
    await page.click('text=Selected rack');
    const legends = page.locator('[data-testid=chart-legend]');
    await expect.poll(() => legends.count()).toBe(4);
    expect(await legends.nth(2).textContent()).toMatch(/cdu-A.*cdu-B.*cdu-C.*cdu-D/); // every series, not the first only
    const rack = await legends.nth(3).textContent();
    expect(rack).toContain('coolant / inlet (°C, left)');
    expect(rack).toMatch(/power \(kW, right\) 0\.00/); // tripped at the instant shown: no power
    // Drag over 55–70 % of the first chart: every chart shows that window, so the cursor line (15:01) moves.
    const cursorAt = (k: number) => page.evaluate((i) => {
      const over = document.querySelectorAll('.chart-host .u-over')[i]!.getBoundingClientRect();
      const line = document.querySelectorAll('.chart-host .chart-cursor')[i]!.getBoundingClientRect();
      return (line.left - over.left) / over.width;
    }, k);
    await expect.poll(() => page.locator('.chart-host .u-over').count()).toBe(4);
    await expect.poll(() => cursorAt(3)).toBeCloseTo(54_070 / 86_400, 1);
    // The fourth chart narrowed the others: measure once their size has settled.
    const firstOver = () => page.locator('.chart-host .u-over').first().boundingBox();
    // Charts refresh at most 4 times a second: the plot is settled when its box holds still for 0.6 s.
    let over = (await firstOver())!;
    for (let still = 0; still < 3; ) {
      await page.waitForTimeout(200);
      const now = (await firstOver())!;
      still = now.width === over.width && now.x === over.x ? still + 1 : 0;
      over = now;
    }
    await page.mouse.move(over.x + over.width * 0.55, over.y + 30);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.7, over.y + 30, { steps: 5 });
    await page.mouse.up();
    const inWindow = (54_070 / 86_400 - 0.55) / 0.15;
    await expect.poll(() => cursorAt(1)).toBeCloseTo(inWindow, 1);
    expect(await cursorAt(3)).toBeCloseTo(inWindow, 1);
    expect(Number(await page.getAttribute('[data-testid=timeline-time]', 'data-t'))).toBeCloseTo(54_070, -2); // a drag is not a click
    await page.locator('[data-testid=charts]').screenshot({ path: join(SHOTS, 'charts-zoomed.png') });
    await page.mouse.dblclick(over.x + over.width * 0.3, over.y + 30);
    await expect.poll(() => cursorAt(1)).toBeCloseTo(54_070 / 86_400, 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens the 1,024-rack hall with a light editor: long lists build what is near the view, scroll and Tab reach every item', async () => {
    const { page, errors } = await open('?model=ai-hall-1024');
    // 64 rows and 131 power feeds: some 2,100 elements when every item was built; a window of each now.
    expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(2_000);
    const rows = page.locator('[data-testid=section-rows] .rows-list');
    const feeds = page.locator('[data-testid=section-power] [data-virtual]');
    const windowOf = async (list: typeof rows) => {
      const [from, to, count] = (await list.getAttribute('data-virtual'))!.match(/^(\d+)-(\d+) of (\d+)$/)!.slice(1).map(Number) as [number, number, number];
      return { from, to, count };
    };
    expect((await windowOf(rows)).count).toBe(64);
    expect((await windowOf(rows)).to).toBeLessThan(40);
    expect(await page.locator('[data-testid=row-item]').count()).toBeLessThan(40);

    // A source select builds its 148 options only when reached (not 262 × 148 option elements up front).
    const source = page.locator('[data-testid=section-power] select').first();
    expect(await source.locator('option').count()).toBe(1);
    await source.focus();
    await expect.poll(() => source.locator('option').count()).toBe(148); // 2 buses, 16 UPS, 130 distribution elements

    // Scrolled to the end, the panel shows the model's last feed, where it would be with every item built.
    const modelFeeds = (parseYaml(readFileSync(join(ROOT, 'models/ai-hall-1024.yaml'), 'utf8')) as { power: { feeds: { loads: string[] }[] } }).power.feeds;
    expect(modelFeeds.length).toBe(131);
    await page.evaluate(() => { document.querySelector('.left')!.scrollTop = 1e6; });
    await expect.poll(async () => (await windowOf(feeds)).to).toBe(131);
    const last = page.locator('[data-testid=section-power] [data-index="130"]');
    const box = (await last.boundingBox())!, panel = (await page.locator('.left').boundingBox())!;
    expect(box.y + box.height).toBeLessThan(panel.y + panel.height);
    expect(await last.locator('.loads').textContent()).toBe(modelFeeds.at(-1)!.loads.join(', '));

    // Tab walks the rows one by one past the first window: focus never skips an item.
    await page.evaluate(() => { document.querySelector('.left')!.scrollTop = 0; });
    await expect.poll(async () => (await windowOf(rows)).from).toBe(0);
    await page.locator('[data-testid=row-item]').first().locator('button.link').focus();
    const focusedRow = () => page.evaluate(() => Number(document.activeElement?.closest<HTMLElement>('[data-testid=section-rows] [data-index]')?.dataset.index ?? -1));
    let at = 0;
    for (let k = 0; k < 400 && at < 50; k++) {
      await page.keyboard.press('Tab');
      const next = await focusedRow();
      expect(next === at || next === at + 1, `Tab from row ${at} went to ${next}`).toBe(true);
      at = next;
    }
    expect(at).toBe(50);
    expect(await page.locator('[data-testid=row-item]').count()).toBeLessThan(64);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
