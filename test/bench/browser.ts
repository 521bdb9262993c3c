/**
 * Browser benchmark of the 3D twin: `npm run bench:browser [-- --models dlc-hall,ai-hall-1024,stress-10k] [--task-trace]`.
 * Builds the app, serves it, and in headless Chromium (SwiftShader WebGL) measures per model:
 *   first_frame_ms   navigation start → first rendered frame with racks in it
 *   draw_calls       per frame (renderer.info, reset around each scene render)
 *   frame_ms_p50     median interval between rendered frames over ~3 s of orbiting the camera
 *   render_cpu_ms_p50  median main-thread time inside renderer.render during the orbit
 *   long_tasks / long_task_max_ms   main-thread tasks > 50 ms (PerformanceObserver 'longtask') during a full run
 *   load_long_tasks / load_long_task_max_ms   the same from navigation to the first frame (bundle start-up included)
 * Then `browser-pick`: the app open on dlc-hall, ai-hall-1024 picked in the model picker (`--pick FROM:TO` for others,
 * `--no-pick` to skip); `--pick-repeat N` picks (default 3, each in a fresh browser context), reported as the median
 * of each number, its maximum (`…_max`), and every pick (`each`):
 *   pick_first_frame_ms   the pick → the first frame drawn with the new hall
 *   pick_long_tasks / pick_long_task_max_ms / pick_blocking_ms   long tasks (> 50 ms) overlapping that interval, the
 *     longest, and total blocking time (the sum of each task's time over 50 ms); pick_long_tasks_at: [start, ms] of each
 *   after_long_tasks / after_long_task_max_ms   long tasks in the 1.5 s after that first frame (work put off past it)
 *   with --task-trace: pick_task_max_ms / pick_task_max_cpu_ms / pick_tasks_over_30ms from a trace of the pick, and
 *     after_task_max_ms / after_task_max_cpu_ms for the 1.5 s after its first frame (wall against the thread's CPU
 *     time tells the page's own work from time the thread waited for a busy machine)
 *   `--pick-trace FILE` writes a detailed trace of the pick (JS samples included) for DevTools' Performance panel.
 * With `--task-trace`, also from a Chromium trace of the run (category "toplevel" only: little overhead):
 *   run_task_max_ms / run_task_max_cpu_ms   the longest main-thread task of the page (wall, and its thread CPU)
 *   run_tasks_over_30ms   main-thread tasks longer than 30 ms (the long-task observer sees only ≥ 50 ms)
 * First, `first-visit`: on a cold dev-server cache (node_modules/.vite removed, as on a clean clone), `npm start`
 * then navigation to the first frame with racks (first_rack_frame_ms), as a newcomer's first look. `--no-first-visit`
 * skips it.
 * Prints one JSON line per model. Numbers are for notes, not assertions (software GL on a shared CPU).
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, chromiumAvailable, launchChromium, startDevServer, CHROMIUM } from '../browser/harness';

const ORBIT_MS = 3000;

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Orbits in the page: synthetic pointer events on the canvas every animation frame (OrbitControls takes
 * them like a drag), so the pace is the renderer's, not the round trips of a remote-controlled mouse.
 * In-page code goes as a string: tsx's keepNames would wrap inner functions in a helper the page lacks.
 */
async function orbit(page: Page): Promise<{ intervals: number[]; renderCpu: number[] }> {
  return page.evaluate(`new Promise((resolve) => {
    const canvas = document.querySelector('[data-testid=twin-canvas]');
    const r = canvas.getBoundingClientRect();
    const at = (dx) => ({ pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: 1, bubbles: true,
      clientX: r.left + r.width / 2 + dx, clientY: r.top + r.height / 2 });
    const t = [], cpu = [];
    let seen = window.__dctwinStats.renders, k = 0;
    const start = performance.now();
    canvas.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    const tick = (now) => {
      const s = window.__dctwinStats;
      if (s.renders !== seen) { seen = s.renders; t.push(now); cpu.push(s.renderMs); }
      if (now - start > ${ORBIT_MS}) {
        canvas.dispatchEvent(new PointerEvent('pointerup', at(k)));
        resolve({ intervals: t.slice(1).map((x, i) => x - t[i]), renderCpu: cpu });
        return;
      }
      k += 3;
      canvas.dispatchEvent(new PointerEvent('pointermove', at(200 * Math.sin(k / 60))));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

interface TraceEvent { ph: string; name: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/** The page's main-thread tasks in a trace: top-level RunTask events of the busiest renderer main thread. */
function mainThreadTasks(trace: Buffer): { wallMs: number; cpuMs: number; startMs: number; endMs: number }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !mains.has(key)) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const tasks = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  tasks.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const top: { wallMs: number; cpuMs: number; startMs: number; endMs: number }[] = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts < end) continue; // nested in the previous task
    end = t.ts + (t.dur ?? 0);
    top.push({ wallMs: (t.dur ?? 0) / 1000, cpuMs: (t.tdur ?? 0) / 1000, startMs: t.ts / 1000, endMs: end / 1000 });
  }
  return top;
}

/** The trace timestamp (µs) of a performance.mark() made in the page. */
function traceMark(trace: Buffer, name: string): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === name && e.ts > 0);
  if (!mark) throw new Error(`the trace has no mark ${name} (category blink.user_timing)`);
  return mark.ts;
}

async function benchModel(browser: Browser, page: Page, url: string, model: string, taskTrace: boolean) {
  await page.goto(`${url}?model=${model}`);
  await page.waitForFunction(() => window.__dctwinStats?.firstRackFrameAt != null, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const first = await page.evaluate(() => ({ ...window.__dctwinStats }));
  const loadTasks = await page.evaluate(() => [...(window as unknown as { __longTasks: number[] }).__longTasks]);
  const { intervals, renderCpu } = await orbit(page);

  // Find the button before the measured window: Playwright's selector engine walks the whole DOM in the
  // page (some 40,000 elements with the large hall's editor), a 50–80 ms task of the harness's, not the app's.
  const runButton = (await page.$('[data-testid=run-button]'))!;
  await page.evaluate(() => { (window as unknown as { __longTasks: unknown[] }).__longTasks.length = 0; });
  if (taskTrace) await browser.startTracing(page, { categories: ['toplevel'] });
  const runStart = Date.now();
  await runButton.click();
  await page.waitForFunction(() => ['done', 'error', 'cancelled'].includes(window.__dctwinStats.simState), null, { timeout: 600_000 });
  const runWallMs = Date.now() - runStart;
  await page.waitForTimeout(300); // tasks that finish just after the run
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const traced = taskTrace ? mainThreadTasks(await browser.stopTracing()) : null;
  const after = await page.evaluate(() => ({ ...window.__dctwinStats }));
  return {
    bench: 'browser-twin', model, racks: first.racks,
    first_frame_ms: round(first.firstRackFrameAt), draw_calls: first.drawCalls, draw_calls_after_run: after.drawCalls,
    frame_ms_p50: round(median(intervals)), render_cpu_ms_p50: round(median(renderCpu)), orbit_frames: intervals.length + 1,
    run_wall_ms: runWallMs, sim_state: after.simState,
    long_tasks: tasks.length, long_task_max_ms: tasks.length ? Math.round(Math.max(...tasks)) : 0,
    load_long_tasks: loadTasks.length, load_long_task_max_ms: loadTasks.length ? Math.round(Math.max(...loadTasks)) : 0,
    ...(traced && {
      run_task_max_ms: round(Math.max(0, ...traced.map((t) => t.wallMs))),
      run_task_max_cpu_ms: round(Math.max(0, ...traced.map((t) => t.cpuMs))),
      run_tasks_over_30ms: traced.filter((t) => t.wallMs > 30).length,
    }),
  };
}

/** In-page: long tasks overlapping [from, to] as [start, duration] pairs from the observer. */
const spansIn = (spans: [number, number][], from: number, to: number) => spans.filter(([s, d]) => s + d > from && s < to).map(([, d]) => d);

const PICK_TRACE_CATEGORIES = [
  'toplevel', 'devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame', 'disabled-by-default-v8.cpu_profiler', 'gpu',
];

async function benchPick(browser: Browser, page: Page, url: string, from: string, to: string, taskTrace: boolean, traceFile: string | null) {
  await page.goto(`${url}?model=${from}`);
  await page.waitForFunction(() => window.__dctwinStats?.firstRackFrameAt != null, null, { timeout: 120_000 });
  await page.waitForTimeout(1500); // start-up work that trails the first frame
  const fromRacks = await page.evaluate(() => window.__dctwinStats.racks);
  if (taskTrace || traceFile) await browser.startTracing(page, { categories: traceFile ? PICK_TRACE_CATEGORIES : ['toplevel', 'blink.user_timing'], screenshots: false });
  // Picked in the page (as the select's own change event), so the start is the page's clock, not a round trip's.
  const pickedAt = await page.evaluate(`(() => {
    const select = document.querySelector('[data-testid=model-picker]');
    const t = performance.now();
    performance.mark('dctwin-pick');
    select.value = ${JSON.stringify(to)};
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return t;
  })()`) as number;
  await page.waitForFunction((t) => (window.__dctwinStats.hallFrameAt ?? 0) > t, pickedAt, { timeout: 120_000 });
  const frameAt = (await page.evaluate(() => window.__dctwinStats.hallFrameAt))!;
  await page.waitForTimeout(1600);
  const trace = taskTrace || traceFile ? await browser.stopTracing() : null;
  if (trace && traceFile) writeFileSync(traceFile, trace);
  const spans = await page.evaluate(() => (window as unknown as { __longTaskSpans: [number, number][] }).__longTaskSpans);
  const during = spansIn(spans, pickedAt, frameAt);
  const after = spans.filter(([s]) => s >= frameAt && s < frameAt + 1500).map(([, d]) => d);
  const toRacks = await page.evaluate(() => window.__dctwinStats.hallFrameRacks);
  let traced: { wallMs: number; cpuMs: number }[] | null = null, tracedAfter: { wallMs: number; cpuMs: number }[] = [];
  if (trace) {
    // The trace's clock is not the page's: the pick's user-timing mark ties them.
    const mark = traceMark(trace, 'dctwin-pick');
    const shift = mark / 1000 - pickedAt;
    const all = mainThreadTasks(trace);
    traced = all.filter((t) => t.endMs - shift > pickedAt && t.startMs - shift < frameAt);
    tracedAfter = all.filter((t) => t.startMs - shift >= frameAt && t.startMs - shift < frameAt + 1500);
  }
  return {
    bench: 'browser-pick', from, to, from_racks: fromRacks, racks: toRacks,
    pick_first_frame_ms: round(frameAt - pickedAt),
    pick_long_tasks: during.length, pick_long_task_max_ms: Math.round(Math.max(0, ...during)),
    pick_blocking_ms: Math.round(during.reduce((a, d) => a + d - 50, 0)),
    pick_long_tasks_at: spans.filter(([st, d]) => st + d > pickedAt && st < frameAt).map(([st, d]) => [Math.round(st - pickedAt), Math.round(d)]),
    after_long_tasks: after.length, after_long_task_max_ms: Math.round(Math.max(0, ...after)),
    ...(traced && {
      pick_task_max_ms: round(Math.max(0, ...traced.map((t) => t.wallMs))),
      pick_task_max_cpu_ms: round(Math.max(0, ...traced.map((t) => t.cpuMs))),
      pick_tasks_over_30ms: traced.filter((t) => t.wallMs > 30).length,
      after_task_max_ms: round(Math.max(0, ...tracedAfter.map((t) => t.wallMs))),
      after_task_max_cpu_ms: round(Math.max(0, ...tracedAfter.map((t) => t.cpuMs))),
    }),
  };
}

async function benchFirstVisit(browser: Browser) {
  const started = Date.now();
  const server = await startDevServer({ freshCache: true });
  const serverMs = Date.now() - started;
  const context = await browser.newContext({ viewport: { width: 1600, height: 950 } });
  try {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForFunction(() => window.__dctwinStats?.firstRackFrameAt != null, null, { timeout: 120_000 });
    const wall = Date.now() - t0;
    const first = await page.evaluate(() => window.__dctwinStats.firstRackFrameAt);
    return { bench: 'first-visit', command: 'npm start (cold cache)', server_ready_ms: serverMs, first_rack_frame_ms: round(first), navigation_to_racks_wall_ms: wall, reloaded: /reloading/.test(server.output()) ? 1 : 0 };
  } finally {
    await context.close();
    await server.close();
  }
}

async function main() {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM} is missing: install Debian's chromium to run the browser benchmark`);
  const flag = process.argv.indexOf('--models');
  const models = flag > 0 ? process.argv[flag + 1]!.split(',').filter(Boolean) : ['dlc-hall', 'ai-hall-1024', 'stress-10k'];
  const taskTrace = process.argv.includes('--task-trace');
  const arg = (name: string) => { const k = process.argv.indexOf(name); return k > 0 ? process.argv[k + 1]! : null; };
  const pick = process.argv.includes('--no-pick') ? null : arg('--pick') ?? 'dlc-hall:ai-hall-1024';
  const traceFile = arg('--pick-trace');
  const pickRepeat = Number(arg('--pick-repeat') ?? 3);
  if (!(Number.isInteger(pickRepeat) && pickRepeat >= 1)) throw new Error(`--pick-repeat takes a whole number of picks ≥ 1, not "${arg('--pick-repeat')}"`);
  if (pick && !/^[\w.-]+:[\w.-]+$/.test(pick)) throw new Error(`--pick takes FROM:TO (two model names), not "${pick}"`);
  const browser = await launchChromium();
  if (!process.argv.includes('--no-first-visit')) console.log(JSON.stringify(await benchFirstVisit(browser)));
  const app = await buildAndServe();
  const newContext = async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 950 } });
    await context.addInitScript(`
      window.__longTasks = [];
      window.__longTaskSpans = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) { window.__longTasks.push(e.duration); window.__longTaskSpans.push([e.startTime, e.duration]); }
      }).observe({ type: 'longtask', buffered: true });
    `);
    return context;
  };
  try {
    for (const model of models) {
      const context = await newContext();
      console.log(JSON.stringify(await benchModel(browser, await context.newPage(), app.url, model, taskTrace)));
      await context.close();
    }
    if (pick) {
      const [from, to] = pick.split(':') as [string, string];
      // A shared machine makes single picks noisy: several, each in a fresh context (no shader cache carried over).
      const picks: Awaited<ReturnType<typeof benchPick>>[] = [];
      for (let k = 0; k < pickRepeat; k++) {
        const context = await newContext();
        picks.push(await benchPick(browser, await context.newPage(), app.url, from, to, taskTrace, k === 0 ? traceFile : null));
        await context.close();
      }
      const keys = Object.keys(picks[0]!).filter((key) => typeof (picks[0] as Record<string, unknown>)[key] === 'number' && !key.endsWith('racks'));
      const summary: Record<string, unknown> = { bench: 'browser-pick', from, to, from_racks: picks[0]!.from_racks, racks: picks[0]!.racks, picks: picks.length };
      for (const key of keys) {
        const xs = picks.map((p) => (p as Record<string, unknown>)[key] as number);
        summary[key] = median(xs);
        summary[`${key}_max`] = Math.max(...xs);
      }
      summary.each = picks.map(({ bench: _b, from: _f, to: _t, from_racks: _fr, racks: _r, ...rest }) => rest);
      console.log(JSON.stringify(summary));
    }
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
