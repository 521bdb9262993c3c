/**
 * `npm run docs:screenshots`: the five-minute tour of docs/getting-started.md, taken from the real app.
 * Builds and serves the app, drives Debian's Chromium through the tour (the same steps a reader takes) and
 * writes docs/screenshots/tour/*.png. Each step waits for the state its caption describes and checks it
 * (the run is done, the CDU's racks tripped, the sweep has rows, …), so a screenshot that no longer shows
 * what the page says fails the script instead of replacing the picture silently.
 *
 * Run it after a change to the app's look; review the PNGs and commit them with the change.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, chromiumAvailable, launchChromium, openApp, runToEnd, CHROMIUM, ROOT } from '../browser/harness';

const OUT = join(ROOT, 'docs/screenshots/tour');
const VIEWPORT = { width: 1600, height: 950 };

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`tour: ${what}`);
}

const text = async (page: Page, id: string) => (await page.locator(`[data-testid=${id}]`).textContent()) ?? '';
const settle = (page: Page, ms = 600) => page.waitForTimeout(ms); // eased camera moves, chart redraws
const shot = async (page: Page, name: string, selector?: string) => {
  const path = join(OUT, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path });
  console.log(`  ${name}.png`);
};

async function open(browser: Browser, url: string): Promise<Page> {
  const { page, errors } = await openApp(await browser.newContext({ viewport: VIEWPORT }), url);
  page.on('close', () => { if (errors.length) console.warn(`page errors: ${errors.join('; ')}`); });
  return page;
}

/** Clicks the timeline at the simulated time t (of a run of durationS). */
async function scrubTo(page: Page, t: number, durationS: number): Promise<void> {
  const track = (await page.locator('[data-testid=timeline-track]').boundingBox())!;
  await page.mouse.click(track.x + (track.width * t) / durationS, track.y + track.height / 2);
}

async function tour(browser: Browser, url: string): Promise<void> {
  // 1. The default hall, as `npm start` opens it.
  let page = await open(browser, url);
  check(await page.locator('[data-testid=model-picker]').inputValue() === 'dlc-hall', 'the default hall is dlc-hall');
  await settle(page);
  await shot(page, '01-default-hall');

  // 2. Run: the day's drill, KPIs, verdict and alarms.
  check(await runToEnd(page) === 'done', 'the run ends');
  await page.locator('[data-testid=alarm-list] [data-testid=alarm-row]').first().waitFor();
  check((await text(page, 'limits-status')).includes('LIMITS VIOLATED'), 'the drill violates max_racks_tripped');
  await settle(page);
  await shot(page, '02-run-done');

  // 3. The alarm "cdu-C failed" selects the CDU and brings the camera to it; then scrub to 15:01, a minute
  // after it stopped: row C tripped, the inspector on the CDU.
  await page.locator('[data-testid=alarm-row]', { hasText: 'cdu-C failed' }).first().click();
  await scrubTo(page, 15 * 3600 + 60, 86_400);
  const at = Number(await page.getAttribute('[data-testid=timeline-time]', 'data-t'));
  check(Math.abs(at - (15 * 3600 + 60)) < 120, `the cursor is near 15:01 (${at})`);
  await settle(page, 900);
  await shot(page, '03-scrub-15h01');

  // 4. Colour by each metric at that instant.
  for (const [metric, name] of [['coolant', '04-colour-coolant'], ['power', '05-colour-power'], ['headroom', '06-colour-headroom']] as const) {
    await page.selectOption('[data-testid=metric-picker]', metric);
    await settle(page, 400);
    await shot(page, name, '[data-testid=twin]');
  }
  await page.context().close();

  // 5. Fail a CDU: inject "cdu-A fails at 6 h" in the editor, run, see row A trip.
  page = await open(browser, `${url}?model=dlc-hall`);
  const form = page.locator('[data-testid=inject-failure]');
  await form.locator('select').first().selectOption('cdu-A');
  await form.locator('select').nth(1).selectOption('unit');
  await form.locator('input').first().fill('6 h');
  await page.click('[data-testid=add-failure]');
  await page.waitForFunction(() => !(document.querySelector('[data-testid=run-button]') as HTMLButtonElement | null)?.disabled);
  check(await runToEnd(page) === 'done', 'the run with cdu-A failed ends');
  const alarms = page.locator('[data-testid=alarm-row]', { hasText: 'cdu-A failed' });
  await alarms.first().waitFor();
  await alarms.first().click();
  await scrubTo(page, 6 * 3600 + 120, 86_400);
  check((await text(page, 'kpi-racks')).includes('16'), `rows A and C trip: ${await text(page, 'kpi-racks')}`);
  await page.selectOption('[data-testid=metric-picker]', 'state');
  await settle(page, 900);
  await shot(page, '07-fail-cdu-A');
  await page.context().close();

  // 6. Headroom: how many NVL72 racks the expansion hall takes.
  page = await open(browser, `${url}?model=expansion-hall`);
  await page.click('[data-testid=tab-headroom]');
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid=headroom-view]');
    return v?.getAttribute('data-status') === 'done' && v.getAttribute('data-current') === 'true';
  }, null, { timeout: 60_000 });
  check(await text(page, 'headroom-added') === '3', 'expansion-hall takes 3 racks');
  await settle(page, 900);
  await shot(page, '08-headroom');
  await page.context().close();

  // 7. N-1 sweep of the default hall.
  page = await open(browser, `${url}?model=dlc-hall`);
  await page.click('[data-testid=tab-sweep]');
  await page.click('[data-testid=sweep-run]');
  await page.waitForFunction(() => document.querySelector('[data-testid=sweep-view]')?.getAttribute('data-status') === 'done', null, { timeout: 60_000 });
  check(await page.locator('[data-testid=sweep-row]').count() > 10, 'the sweep lists its cases');
  await settle(page);
  await shot(page, '09-sweep');
  await page.context().close();

  // 8. Compare with a baseline: pumps on UPS pinned, pumps off UPS run against it.
  page = await open(browser, `${url}?model=utility-loss-pumps-on-ups`);
  check(await runToEnd(page) === 'done', 'pumps-on run ends');
  await page.click('[data-testid=pin-baseline]');
  await page.selectOption('[data-testid=model-picker]', 'utility-loss-pumps-off-ups');
  await page.waitForFunction(() => document.querySelector('[data-testid=kpi-limits]')?.textContent === '—');
  check(await runToEnd(page) === 'done', 'pumps-off run ends');
  await page.locator('[data-testid=kpi-peak-coolant-delta]').waitFor();
  check((await text(page, 'kpi-peak-coolant-delta')).startsWith('+'), 'pumps off is hotter than the baseline');
  await settle(page, 800);
  await shot(page, '10-baseline');
  await page.context().close();

  // 9. Monte Carlo: 12 random years of the availability hall in the page's workers.
  const tall = await browser.newContext({ viewport: { width: 1600, height: 1300 } });
  page = (await openApp(tall, `${url}?model=availability-hall`)).page;
  await page.fill('[data-testid=mc-years]', '12');
  await page.click('[data-testid=mc-run]');
  await page.locator('[data-testid=mc-result]').waitFor({ timeout: 180_000 });
  check(Number(await page.locator('[data-testid=mc-hist-availability]').getAttribute('data-bins')) >= 1, 'a histogram is drawn');
  await settle(page, 400);
  await shot(page, '11-montecarlo', '[data-testid=results]');
  await tall.close();
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(OUT, { recursive: true });
  console.log(`building the app, then the tour into ${OUT}`);
  const [app, browser] = await Promise.all([buildAndServe(), launchChromium()]);
  try {
    await tour(browser, app.url);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.stack ?? e.message : e); process.exit(1); });
