/**
 * For a browser test file's describe block: build and serve the app and launch Chromium once before its
 * tests (with the screenshot folder ready), close both after. Kept apart from harness.ts, which the
 * browser benchmark also imports outside vitest.
 */
import { beforeAll, afterAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, ROOT, type ServedApp } from './harness';

export const SHOTS = join(ROOT, 'test-results');
/**
 * Where a test's pictures for the docs go: test-results/ in a test run (tests never write into docs/),
 * docs/screenshots/ when `npm run docs:screenshots` runs these tests to refresh the docs' pictures.
 */
export const DOC_SHOTS = process.env.DCTWIN_DOC_SHOTS === '1' ? join(ROOT, 'docs/screenshots') : SHOTS;

export function servedApp(): { readonly app: ServedApp; readonly browser: Browser } {
  const f = {} as { app: ServedApp; browser: Browser };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [f.app, f.browser] = await Promise.all([buildAndServe(), launchChromium()]);
  });
  afterAll(async () => {
    await f.browser?.close();
    await f.app?.close();
  });
  return f;
}
