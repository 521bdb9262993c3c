/**
 * The cost of the design in the browser (issue 11): open the availability hall, open the Cost (TCO) tab
 * and get the numbers `dctwin tco availability-hall --json` prints — every figure, the sensitivity table
 * cell by cell, the cumulative own-vs-cloud chart's end values and crossover year, bit for bit (the page runs the CLI's own code in an analysis worker). Then run a small
 * Monte Carlo study in the page: the TCO takes its availability, as `dctwin tco --availability FILE` does
 * with the CLI's study of the same years. Screenshot for the docs to DOC_SHOTS (docs/screenshots/tco.png under npm run docs:screenshots).
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { servedApp, SHOTS, DOC_SHOTS } from './fixture';
import { chromiumAvailable, openApp, ROOT } from './harness';
import type { TcoResult } from '../../sim/api';

const BIN = join(ROOT, 'bin/dist/dctwin.mjs');
function dctwin(...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`dctwin ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const value = async (page: Page, id: string) => Number(await page.locator(`[data-testid=${id}]`).getAttribute('data-value'));

/** Every figure the page states against the CLI's JSON, exactly. */
async function sameAsCli(page: Page, cli: TcoResult): Promise<void> {
  expect(await value(page, 'tco-cost-per-gpu-hour')).toBe(cli.cost_per_gpu_hour);
  expect(await value(page, 'tco-annual-total')).toBe(cli.annual.total);
  expect(await value(page, 'tco-life')).toBe(cli.total_over_life);
  expect(await value(page, 'tco-availability')).toBe(cli.basis.availability.value);
  expect(await value(page, 'tco-saving')).toBe(cli.cloud!.saving_per_year);
  expect(await value(page, 'tco-break-even')).toBe(cli.cloud!.break_even_utilisation);
  // The cumulative chart's end points and crossover are the engine's (own ends at total_over_life).
  const cumulative = page.locator('[data-testid=tco-cumulative-chart]');
  expect(Number(await cumulative.getAttribute('data-own-end'))).toBe(cli.cumulative.own[cli.cumulative.own.length - 1]);
  expect(Number(await cumulative.getAttribute('data-own-end'))).toBe(cli.total_over_life);
  expect(Number(await cumulative.getAttribute('data-cloud-end'))).toBe(cli.cumulative.cloud![cli.cumulative.cloud!.length - 1]);
  expect(Number(await cumulative.getAttribute('data-crossover'))).toBe(cli.cumulative.crossover_year);
  const cells = (await page.locator('[data-testid=tco-sensitivity] td').evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value))));
  expect(cells).toEqual(cli.sensitivity.cost_per_gpu_hour.flat());
}

describe.skipIf(!chromiumAvailable())('browser: cost of ownership', () => {
  const served = servedApp();

  it('shows dctwin tco\'s numbers, the break-even chart, and takes a Monte Carlo study\'s availability', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const { page, errors } = await openApp(context, `${served.app.url}?model=availability-hall`);
    await page.click('[data-testid=tab-tco]');
    const view = page.locator('[data-testid=tco-view]');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    const plain = JSON.parse(dctwin('tco', 'availability-hall', '--json')) as TcoResult;
    expect(plain.basis.availability.source).toBe('run');
    await sameAsCli(page, plain);
    // The break-even is reachable for this hall at $4.5: the crossing is drawn where the engine puts it.
    expect(plain.cloud!.break_even_utilisation!).toBeLessThan(1);
    expect(Number(await page.locator('[data-testid=tco-break-even-chart]').getAttribute('data-break-even'))).toBe(plain.cloud!.break_even_utilisation);
    expect(await page.locator('[data-testid=tco-crossing]').count()).toBe(1);
    expect(await page.locator('[data-testid=tco-sensitivity] td.cheaper').count()).toBeGreaterThan(0);
    // Owning overtakes the cloud within the life here: the crossover year is marked.
    expect(plain.cumulative.crossover_year!).toBeLessThan(plain.capex.life_years);
    expect(await page.locator('[data-testid=tco-crossover]').count()).toBe(1);

    // A study of 6 years in the page: the TCO asks again, with the study's availability.
    await page.fill('[data-testid=mc-years]', '6');
    await page.click('[data-testid=mc-run]');
    await page.locator('[data-testid=mc-result]').waitFor({ timeout: 180_000 });
    await expect.poll(async () => (await page.locator('[data-testid=tco-availability]').textContent()) ?? '', { timeout: 60_000 }).toContain('Monte Carlo, 6 years');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const dir = mkdtempSync(join(tmpdir(), 'dctwin-tco-'));
    try {
      dctwin('montecarlo', 'availability-hall', '--years', '6', '--json', '--out', join(dir, 'study.json'));
      const withStudy = JSON.parse(dctwin('tco', 'availability-hall', '--availability', join(dir, 'study.json'), '--json')) as TcoResult;
      expect(withStudy.basis.availability.source).toBe('montecarlo');
      await sameAsCli(page, withStudy);
    } finally { rmSync(dir, { recursive: true, force: true }); }

    await view.screenshot({ path: join(DOC_SHOTS, 'tco.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
