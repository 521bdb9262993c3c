/**
 * Same scenario + same seed = the same report, byte for byte, in Node and in Chromium's V8 (issue 8).
 * The engine is bundled for the browser with esbuild and run in a blank page; its reports are compared
 * with Node's as JSON text. The stochastic case draws failures, repairs and job arrivals from the RNG
 * (logarithms), evaluates sine load profiles and exchanger exponentials: the functions whose last bits
 * differ between V8 versions unless the engine brings its own (sim/kernel/math.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, ROOT } from './harness';
import { loadText, runScenario } from '../../sim/api';

const stochastic = `version: 1
name: stochastic determinism
seed: 11
duration: 36 h
rack_types: { r: { power: 120 kW, gpus: 72, load: "0.7 + 0.2*sin(2*pi*t/86400)" } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 4 }, { id: row-B, type: r, cdu: cdu-B, count: 4 } ]
  crahs: [ { id: crah-1, capacity: 200 kW } ]
cdus: [ { id: cdu-A, pumps: { count: 2, required: 1 } }, { id: cdu-B, pumps: { count: 2, required: 1 } } ]
weather: { kind: design_day, dry_bulb_max: 31 degC, daily_range: 10 K }
plant:
  free_cooling: [ { id: dc-1, kind: dry_cooler, capacity: 600 kW } ]
  chillers: [ { id: ch-1, capacity: 1.2 MW }, { id: ch-2, capacity: 1.2 MW } ]
workload:
  arrivals:
    - { id: train, kind: training, every: 3 h, gpus: 144, duration: 5 h }
    - { id: infer, kind: inference, every: 40 min, gpus: 72, duration: 2 h, utilisation: 0.6 }
reliability:
  - { target: pump, mtbf: 20 h, mttr: 2 h }
  - { target: chiller, mtbf: 30 h, mttr: 1 h }
`;

const CASES: [string, string][] = [
  ['stochastic workload and failures', stochastic],
  ...['dlc-hall', 'immersion-hall', 'utility-loss-pumps-off-ups'].map((m) => [m, readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8')] as [string, string]),
];

function nodeReport(text: string): string {
  const r = loadText(text, 'x.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return JSON.stringify(runScenario(r.scenario, { probes: [] }).report);
}

describe.skipIf(!chromiumAvailable())('determinism between Node and Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: "export { loadText, runScenario } from './sim/api';", resolveDir: ROOT, loader: 'ts' },
      bundle: true, format: 'iife', globalName: 'dctwinEngine', platform: 'browser', target: 'es2022', write: false, logLevel: 'error',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  afterAll(async () => { await browser?.close(); });

  it.each(CASES)('%s: identical reports', async (_name, text) => {
    const inBrowser = await page.evaluate((t) => {
      const api = (window as unknown as { dctwinEngine: { loadText: typeof loadText; runScenario: typeof runScenario } }).dctwinEngine;
      const r = api.loadText(t, 'x.yaml');
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return JSON.stringify(api.runScenario(r.scenario, { probes: [] }).report);
    }, text);
    const inNode = nodeReport(text);
    expect(inBrowser.length).toBeGreaterThan(1000);
    expect(inBrowser === inNode, 'the browser report differs from Node\'s').toBe(true);
  });
});
