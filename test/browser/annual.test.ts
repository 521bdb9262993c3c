/**
 * A year in the browser: open the DLC hall, give it a year of hourly weather with the Weather… button,
 * open the Annual tab and get what `dctwin annual dlc-hall --epw year.epw --json` prints — every month's
 * figures and the year's, exactly (the page runs the CLI's own code in an analysis worker); the chart
 * draws the same free-cooling hours and PUE. Then the year's weather and autosave: a year of EPW text is
 * ~1.5 MB, and localStorage holds ~5 M characters per origin, so four scenarios each with its year filled
 * it and the fourth's edits were lost on reload (measured: 4.39 M characters stored, then QuotaExceededError).
 * Now the weather goes to IndexedDB by content and every edit survives; if the browser drops the stored
 * weather, the edits still open and the user is told to give the file again. Screenshots to test-results/ (annual.png for the docs under npm run docs:screenshots).
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedApp, SHOTS, DOC_SHOTS } from './fixture';
import { chromiumAvailable, openApp, ROOT } from './harness';
import { syntheticYear } from '../fixtures/weather/generate-epw';
import type { AnnualResult } from '../../sim/api';

const BIN = join(ROOT, 'bin/dist/dctwin.mjs');
/** `dctwin annual … --json`: exit 0, or 2 when a stated limit was violated (the result is printed either way). */
function cliAnnual(model: string, epw: string): AnnualResult {
  const r = spawnSync(process.execPath, [BIN, 'annual', model, '--epw', epw, '--json'], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 2) throw new Error(`dctwin annual: ${r.stderr}`);
  return JSON.parse(r.stdout) as AnnualResult;
}

const YEAR = syntheticYear();
/** Another year (warmer, another site name): different text, so nothing can share it with the first. */
const yearAt = (mean: number, city: string) => syntheticYear({ mean, city });

describe.skipIf(!chromiumAvailable())('browser: a year at hourly weather', () => {
  const served = servedApp();

  it('the Annual tab shows dctwin annual\'s monthly table, totals and chart for the scenario and its EPW', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const { page, errors } = await openApp(context, `${served.app.url}?model=dlc-hall`);
    await page.setInputFiles('[data-testid=weather-file]', { name: 'year.epw', mimeType: 'text/plain', buffer: Buffer.from(YEAR) });
    await expect.poll(() => page.locator('[data-testid=run-button]').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.click('[data-testid=tab-annual]');
    const view = page.locator('[data-testid=annual-view]');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');

    const dir = mkdtempSync(join(tmpdir(), 'dctwin-annual-'));
    let cli: AnnualResult;
    try {
      writeFileSync(join(dir, 'year.epw'), YEAR);
      cli = cliAnnual('dlc-hall', join(dir, 'year.epw'));
    } finally { rmSync(dir, { recursive: true, force: true }); }
    expect(cli.months).toHaveLength(12);
    expect(cli.annual.free_cooling_hours).toBeGreaterThan(0); // the chart has bars to compare

    const cells = (sel: string) => page.locator(sel).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td[data-value]')].map((td) => Number((td as HTMLElement).dataset.value))));
    const fields = (m: AnnualResult['annual']) => [m.hours, m.it_energy_kwh / 1000, m.facility_energy_kwh / 1000, m.pue, m.water_l / 1000, m.wue_l_per_kwh, m.free_cooling_hours, m.partial_free_cooling_hours];
    expect(await cells('[data-testid=annual-month]')).toEqual(cli.months.map(fields));
    expect(await cells('[data-testid=annual-year]')).toEqual([fields(cli.annual)]);
    const value = async (id: string) => Number(await page.locator(`[data-testid=${id}]`).getAttribute('data-value'));
    expect(await value('annual-pue')).toBe(cli.annual.pue);
    expect(await value('annual-wue')).toBe(cli.annual.wue_l_per_kwh);
    expect(await value('annual-free-hours')).toBe(cli.annual.free_cooling_hours);
    expect(await value('annual-peak-pue')).toBe(cli.peaks.pue_hour!.pue);
    expect(await value('annual-peak-fws')).toBe(cli.peaks.fws_supply.fws_supply_c);
    expect(await value('annual-hottest')).toBe(cli.peaks.hottest_hour.dry_bulb_c);
    const bars = await page.locator('[data-testid=annual-bar]').evaluateAll((gs) => gs.map((g) => [Number((g as HTMLElement).dataset.free), Number((g as HTMLElement).dataset.partial), Number((g as HTMLElement).dataset.pue)]));
    expect(bars).toEqual(cli.months.map((m) => [m.free_cooling_hours, m.partial_free_cooling_hours, m.pue]));
    expect(await page.locator('[data-testid=annual-status]').textContent()).toContain('8,760 h at hourly weather from EPW Synthetic Site');

    await view.screenshot({ path: join(DOC_SHOTS, 'annual.png') });
    await page.screenshot({ path: join(SHOTS, 'annual-page.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  it('a year of weather in each of several scenarios: every edit survives a reload, the weather too', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const { page, errors } = await openApp(context, `${served.app.url}?model=dlc-hall`);
    const models = ['dlc-hall', 'immersion-hall', 'expansion-hall', 'availability-hall'];
    const rowCount = async () => Number((await page.locator('[data-testid=section-rows] summary').textContent())!.match(/(\d+)/)![1]);
    const rowsBefore: number[] = [];
    for (const [i, m] of models.entries()) {
      if (i > 0) await page.selectOption('[data-testid=model-picker]', m);
      await expect.poll(() => page.locator('[data-testid=run-button]').isEnabled(), { timeout: 20_000 }).toBe(true);
      await page.setInputFiles('[data-testid=weather-file]', { name: `year-${i}.epw`, mimeType: 'text/plain', buffer: Buffer.from(yearAt(8 + 2 * i, `Site ${i}`)) });
      await expect.poll(() => page.locator('[data-testid=run-button]').isEnabled(), { timeout: 20_000 }).toBe(true);
      // An edit after the weather: one more row, of one rack (every plant here has room for it).
      rowsBefore.push(await rowCount());
      await page.evaluate(() => { (document.querySelector('[data-testid=section-rows]') as HTMLDetailsElement).open = true; });
      await page.fill('[data-testid=section-rows] .add-form input.qty', '1');
      await page.click('[data-testid=add-row]');
      await expect.poll(rowCount).toBe(rowsBefore[i]! + 1);
    }
    const used = await page.evaluate(() => { let n = 0; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i)!; n += k.length + localStorage.getItem(k)!.length; } return n; });
    console.log(`localStorage holds ${used.toLocaleString('en-US')} characters after ${models.length} scenarios with a year of weather each`);
    const notice = page.locator('[data-testid=notice]');
    console.log(`notice: ${(await notice.count()) ? await notice.textContent() : '(none)'}`);
    expect(await notice.count()).toBe(0);

    // Each scenario reopened after a reload has its extra row and its own year (the site in the Annual view's line).
    await page.reload();
    await page.click('[data-testid=tab-annual]');
    for (const [i, m] of models.entries()) {
      await page.selectOption('[data-testid=model-picker]', m);
      await expect.poll(rowCount, { timeout: 20_000 }).toBe(rowsBefore[i]! + 1);
      await expect.poll(async () => {
        const st = await page.locator('[data-testid=annual-view]').getAttribute('data-status');
        return st === 'error' ? `error: ${await page.locator('[data-testid=annual-error]').textContent()}` : st;
      }, { timeout: 120_000 }).toBe('done');
      expect(await page.locator('[data-testid=annual-status]').textContent()).toContain(`EPW Site ${i}`);
    }
    const inIndexedDb = await page.evaluate(() => new Promise<number>((resolve) => {
      const req = indexedDB.open('dctwin');
      req.onsuccess = () => { const c = req.result.transaction('blobs').objectStore('blobs').count(); c.onsuccess = () => { resolve(c.result); req.result.close(); }; };
    }));
    expect(inIndexedDb).toBe(models.length); // one stored copy per distinct weather file, however many edits
    await page.screenshot({ path: join(SHOTS, 'annual-autosave.png') });

    // The browser clears its IndexedDB (storage pressure, a user's choice): the edits still open, and the
    // user is told to give the weather file again.
    await page.evaluate(() => { indexedDB.deleteDatabase('dctwin'); });
    await page.reload();
    await page.selectOption('[data-testid=model-picker]', models[1]!);
    await expect.poll(rowCount, { timeout: 20_000 }).toBe(rowsBefore[1]! + 1);
    await expect.poll(async () => (await notice.count()) ? await notice.textContent() : '', { timeout: 20_000 }).toContain('The weather file "year-1.epw" it used is no longer stored in this browser: choose the weather file again with the Weather… button.');
    await page.screenshot({ path: join(SHOTS, 'annual-weather-lost.png') });
    errors.splice(0, errors.length, ...errors.filter((e) => !/weather/i.test(e))); // the scenario's weather problem may log
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
