/**
 * The planner's views (issue 10) in Chromium: expansion headroom on the expansion hall (the count, the
 * binding UPS, ghost racks in the hall; a heavy profile recomputes to none, bound by the floor) and the N-1
 * sweep of the DLC hall (the engine's cases in its order, sorting by a header, a case opened as a run with
 * its failure on the timeline). The engine's own answers (computed here in Node) are the expected values.
 * Screenshots for the docs go to DOC_SHOTS (docs/screenshots/ under npm run docs:screenshots).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { servedApp, SHOTS, DOC_SHOTS } from './fixture';
import { chromiumAvailable, openApp, ROOT } from './harness';
import { loadText, headroom, sweep } from '../../sim/api';

const scenario = (model: string) => {
  const r = loadText(readFileSync(join(ROOT, `models/${model}.yaml`), 'utf8'), `${model}.yaml`);
  if (!r.ok) throw new Error(`${model} does not load`);
  return r.scenario;
};

/** Waits until the headroom view shows an answer for the profile as it is now. */
const answered = (page: Page) => page.waitForFunction(() => {
  const v = document.querySelector('[data-testid=headroom-view]');
  return v?.getAttribute('data-status') === 'done' && v.getAttribute('data-current') === 'true';
}, null, { timeout: 60_000 });

describe.skipIf(!chromiumAvailable())('browser: the planner views', () => {
  const served = servedApp();

  it('headroom on expansion-hall: 3 racks added, a UPS binds, 3 ghost racks; a 1,900 kg profile adds none, bound by the floor', async () => {
    const expected = headroom(scenario('expansion-hall'), { rack: 'nvl72' });
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const { page, errors } = await openApp(context, `${served.app.url}?model=expansion-hall`);
    const view = page.locator('[data-testid=headroom-view]');
    const binding = page.locator('[data-testid=headroom-binding]');
    expect(await view.count()).toBe(0);
    await page.click('[data-testid=tab-headroom]');
    expect(await page.locator('[data-testid=headroom-profile]').inputValue()).toBe('nvl72'); // the file's rack type
    await answered(page);

    expect(await page.locator('[data-testid=headroom-added]').textContent()).toBe('3');
    expect(await binding.getAttribute('data-resource')).toBe('power');
    expect(await binding.getAttribute('data-element')).toBe(expected.binding!.element);
    expect(await binding.textContent()).toContain(expected.binding!.case);
    expect(await page.locator('[data-testid=headroom-positions] button').allTextContents()).toEqual(['row-A-09', 'row-A-10', 'row-A-11']);
    // Every resource is a bar; one is the binding one, and it comes first.
    const bars = page.locator('[data-testid=headroom-resource]');
    expect(await bars.count()).toBe(expected.resources.length);
    expect(await page.locator('[data-testid=headroom-resource][data-binding=true]').count()).toBe(1);
    expect(await bars.first().getAttribute('data-element')).toBe(expected.binding!.element);
    expect(await bars.first().getAttribute('data-kind')).toBe('power');
    expect(await page.locator('[data-testid=headroom-stranded] li').count()).toBe(expected.stranded.length);
    // Ghost racks: 3 where racks would go, the other 13 spare positions (row-C's eight included) dimmer.
    expect(await view.getAttribute('data-ghosts')).toBe('3');
    expect(await view.getAttribute('data-spares-left')).toBe('13');
    await expect.poll(() => page.evaluate(() => [window.__dctwinStats.ghostRacks, window.__dctwinStats.sparePositions])).toEqual([3, 13]);
    // A position shows the camera where it is.
    await page.click('[data-testid=headroom-positions] button >> nth=1');
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(DOC_SHOTS, 'headroom-expansion.png') });

    // A heavy profile (1,900 kg over 0.72 m² > 2,500 kg/m²): the floor binds before anything else, nothing fits.
    await page.selectOption('[data-testid=headroom-profile]', { label: 'custom profile…' });
    expect(await page.inputValue('[data-testid=headroom-power]')).toBe('132');
    await page.fill('[data-testid=headroom-weight]', '1900');
    await answered(page);
    expect(await page.locator('[data-testid=headroom-added]').textContent()).toBe('0');
    expect(await binding.getAttribute('data-resource')).toBe('floor');
    expect(await view.getAttribute('data-ghosts')).toBe('0');
    await expect.poll(() => page.evaluate(() => window.__dctwinStats.ghostRacks)).toBe(0);
    // The inline profile is checked like a rack type in a file: a bad entry names its field.
    await page.fill('[data-testid=headroom-power]', 'lots');
    await page.waitForSelector('[data-testid=headroom-errors]');
    expect(await page.locator('[data-testid=headroom-errors]').textContent()).toMatch(/rack\.power/);
    await page.fill('[data-testid=headroom-power]', '132');
    await page.fill('[data-testid=headroom-weight]', '1400');
    await answered(page);
    expect(await page.locator('[data-testid=headroom-added]').textContent()).toBe('3'); // the nvl72 type again, inline

    // 1000 × 700: the view's controls and the answer are inside the window, reachable, not clipped sideways.
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'headroom-1000x700.png') });
    const box = await page.locator('[data-testid=headroom-added]').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1000);
    const wide = await page.evaluate(() => {
      const v = document.querySelector('[data-testid=headroom-view]')!;
      const right = v.getBoundingClientRect().right;
      return [...v.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > right + 1).map((e) => `${e.tagName}.${e.className}`);
    });
    expect(wide).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sweep on dlc-hall: the engine\'s cases in its order, sorted by a header, a case opened on the timeline', async () => {
    const expected = sweep(scenario('dlc-hall'));
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const { page, errors } = await openApp(context, `${served.app.url}?model=dlc-hall`);
    await page.click('[data-testid=tab-sweep]');
    await page.click('[data-testid=sweep-run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=sweep-view]')?.getAttribute('data-status') === 'done', null, { timeout: 60_000 });
    const failed = () => page.locator('[data-testid=sweep-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-failed')));
    expect(await failed()).toEqual(expected.cases.map((c) => c.failed));
    // Every field of the JSON is a column.
    for (const key of ['failed', 'kind', 'time_to_first_limit_s', 'racks_throttled', 'racks_tripped', 'gpu_hours_lost', 'tokens_lost', 'recovered', 'worst.rack_coolant_c', 'worst.rack_inlet_c', 'worst.fws_supply_c'])
      expect(await page.locator(`[data-testid="sweep-sort-${key}"]`).count(), key).toBe(1);
    const top = expected.cases[0]!;
    const first = page.locator('[data-testid=sweep-row]').first();
    expect(await first.locator('td').nth(3).textContent()).toBe(`${top.time_to_first_limit_s!.toFixed(1)} s`);

    await page.click('[data-testid=sweep-sort-failed]');
    const byName = [...expected.cases.map((c) => c.failed)].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    expect(await failed()).toEqual(byName);
    await page.click('[data-testid=sweep-sort-failed]');
    expect(await failed()).toEqual([...byName].reverse());
    await page.click('[data-testid=sweep-sort-racks_tripped]');
    const tripped = await page.locator('[data-testid=sweep-row] td:nth-child(7)').allTextContents();
    expect(tripped.map(Number)).toEqual([...expected.cases.map((c) => c.racks_tripped)].sort((a, b) => a - b));
    await page.click('[data-testid=sweep-sort-rank]'); // by severity rank again: the sweep's own order
    expect(await failed()).toEqual(expected.cases.map((c) => c.failed));

    // Open the worst case as a run: the label names it, the timeline marks the failure, the KPIs show its racks.
    await page.locator(`[data-testid=sweep-row][data-failed="${top.failed}"]`).click();
    await page.waitForFunction(() => window.__dctwinStats.simState === 'done', null, { timeout: 60_000 });
    expect(await page.locator('[data-testid=run-label]').textContent()).toMatch(new RegExp(`^sweep case: ${top.failed} \\(${top.kind}\\) failed at 02:24:00, not repaired$`));
    expect(Number(await page.locator('[data-testid=timeline-case-failure]').getAttribute('data-t'))).toBe(expected.at_s);
    expect(await page.locator(`[data-testid=sweep-row][data-failed="${top.failed}"]`).getAttribute('class')).toContain('active');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(DOC_SHOTS, 'sweep-dlc-hall.png') });
    await page.click('[data-testid=tab-charts]');
    // The alarms show the failure and its consequence; the charts mark the failure, not the file's drill events.
    await page.waitForSelector('[data-testid=alarm-row]');
    const alarms = (await page.locator('[data-testid=alarm-row]').allTextContents()).join('\n');
    expect(alarms).toContain(top.failed);
    expect(await page.locator('[data-testid=kpi-racks]').textContent()).toContain(String(top.racks_tripped));
    await page.screenshot({ path: join(SHOTS, 'sweep-case-run.png') });

    // A normal Run afterwards is the file's drill again: no sweep label.
    await page.click('[data-testid=run-button]');
    await page.waitForFunction(() => window.__dctwinStats.simState === 'done', null, { timeout: 60_000 });
    expect(await page.locator('[data-testid=run-label]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a long sweep (the 1,024-rack hall) shows its progress, keeps the page responsive, and cancels', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openApp(context, `${served.app.url}?model=ai-hall-1024`);
    await page.click('[data-testid=tab-sweep]');
    await page.fill('[data-testid=sweep-at]', '1 h');
    await page.click('[data-testid=sweep-run]');
    const progress = page.locator('[data-testid=sweep-progress]');
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toMatch(/^[1-9]\d* \/ \d+ runs/);
    // The sweep runs in its own worker: the page answers at once meanwhile.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(Date.now() - t0).toBeLessThan(1000);
    await page.click('[data-testid=sweep-cancel]');
    expect(await page.locator('[data-testid=sweep-view]').getAttribute('data-status')).toBe('cancelled');
    expect(await page.locator('[data-testid=sweep-row]').count()).toBe(0);
    // A bad time is named, not guessed.
    await page.fill('[data-testid=sweep-at]', 'noon');
    await page.click('[data-testid=sweep-run]');
    expect(await page.locator('[data-testid=sweep-errors]').textContent()).toMatch(/fail at.*"noon"/);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
