/**
 * The README's other command: `npm start` on this checkout serves the twin. The dev server is started
 * exactly as a newcomer would start it, the page is loaded in Chromium until racks are drawn, then the
 * server is stopped (npm and vite together).
 */
import { describe, it, expect } from 'vitest';
import { chromiumAvailable, launchChromium, startDevServer } from './harness';

describe.skipIf(!chromiumAvailable())('npm start', () => {
  it('serves the twin on the default hall, with racks drawn', async () => {
    const server = await startDevServer();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.waitForFunction(() => (window.__dctwinStats?.racks ?? 0) > 0 && window.__dctwinStats.firstRackFrameAt != null, null, { timeout: 90_000 });
      const stats = await page.evaluate(() => ({ ...window.__dctwinStats }));
      expect(stats.racks).toBeGreaterThan(0);
      expect(await page.title()).toMatch(/dctwin/);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
    // Stopped means stopped: nothing answers on the URL any more.
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
