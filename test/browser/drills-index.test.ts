/**
 * The drills index (Drills side tab): every built-in drill in models/drills/ with the title, duration and
 * number of decisions the engine reads from its file, and a link that opens it in drill mode.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedApp, SHOTS } from './fixture';
import { chromiumAvailable, openApp, ROOT } from './harness';
import { loadText } from '../../sim/api';

const DIR = join(ROOT, 'models/drills');
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

describe.skipIf(!chromiumAvailable())('browser: drills index', () => {
  const served = servedApp();

  it('lists each built-in drill with the engine\'s title and decisions, its duration, and opens it by ?drill=NAME', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const { page, errors } = await openApp(context, served.app.url);
    await page.click('[data-testid=tab-drills]');
    const entries = page.locator('[data-testid=drill-entry]');
    expect(await entries.count()).toBe(files.length);
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const r = loadText(text, f);
      if (!r.ok || !r.drill) throw new Error(`${f}: not a drill`);
      const e = page.locator(`[data-testid=drill-entry][data-name="${f.replace(/\.(ya?ml|json)$/, '')}"]`);
      expect(await e.count()).toBe(1);
      expect(Number(await e.getAttribute('data-decisions'))).toBe(r.drill.decisions.length);
      expect(await e.locator('[data-testid=drill-link]').textContent()).toBe(r.drill.title);
      // The duration as the file writes it, the same length the engine runs.
      expect(text).toContain(`duration: ${await e.getAttribute('data-duration')}`);
      expect(await e.textContent()).toContain(r.drill.briefing.replace(/\s+/g, ' ').trim().split('. ')[0]!);
    }
    await page.locator('[data-testid=drills-index]').screenshot({ path: join(SHOTS, 'drills-index.png') });

    await page.locator('[data-testid=drill-entry][data-name=chiller-trip] [data-testid=drill-link]').click();
    await page.waitForURL(/\?drill=chiller-trip$/);
    await expect.poll(() => page.locator('[data-testid=tab-drill]').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('[data-testid=model-picker]').inputValue()).toBe('drills/chiller-trip');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
