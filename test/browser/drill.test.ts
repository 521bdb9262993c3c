/**
 * Drill mode in Chromium (issue 13): a drill link opens the drill for everyone the same way; the trainee
 * starts it, the timeline stops at the decision and asks, the answer is simulated from that moment, and
 * the score card shows the engine's own score (computed here in Node, as `dctwin drill` does). The
 * instructor's view shows the author's answer. Screenshot: docs/screenshots/drill.png.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { servedApp } from './fixture';
import { chromiumAvailable, openApp, ROOT } from './harness';
import { loadText, runDrill } from '../../sim/api';

const drill = (name: string) => {
  const r = loadText(readFileSync(join(ROOT, `models/drills/${name}.yaml`), 'utf8'), `${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.scenario;
};

/** Waits for the timeline to stop at a decision (skipping ahead when playback runs). */
async function reachDecision(page: Page): Promise<void> {
  await page.locator('[data-testid=drill-skip]').click({ timeout: 60_000 });
  await page.locator('[data-testid=drill-question]').waitFor({ timeout: 30_000 });
}

describe.skipIf(!chromiumAvailable())('browser: drill mode', () => {
  const served = servedApp();

  it('a drill link opens the drill; the trainee answers, the consequence is simulated, and the score is the engine\'s', async () => {
    const s = drill('straggler');
    const expected = runDrill(s, { straggler: 'both' });
    const context = await served.browser.newContext({ viewport: { width: 1600, height: 950 } });
    const { page, errors } = await openApp(context, `${served.app.url}?drill=straggler`);
    const panel = page.locator('[data-testid=drill-panel]');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.locator('h3').textContent()).toBe(s.drill!.title);
    expect(await page.locator('[data-testid=model-picker]').inputValue()).toBe('drills/straggler');

    await page.click('[data-testid=drill-start]');
    await reachDecision(page);
    // The timeline stopped at the decision, and the narration up to it is shown.
    expect(await page.locator('[data-testid=drill-question] .q').textContent()).toContain(s.drill!.decisions[0]!.question);
    await expect.poll(() => page.locator('[data-testid=drill-narration] li').count()).toBe(s.drill!.narration!.length);
    // The instructor's view shows the author's best answer.
    await page.click('[data-testid=drill-instructor]');
    expect(await page.locator('[data-testid=drill-instructor-answer]').textContent()).toContain(s.drill!.decisions[0]!.options.find((o) => o.id === 'both')!.label);
    await page.click('[data-testid=drill-option-both]');
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/drill-decision.png') });
    await page.click('[data-testid=drill-instructor]');

    await page.click('[data-testid=drill-decide]');
    // The consequence is simulated (the run plays the answer's actions), then play goes on to the end.
    await page.locator('[data-testid=drill-skip]').click({ timeout: 60_000 });
    await page.locator('[data-testid=drill-score]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid=drill-score-total]').textContent()).toBe(`Score: ${expected.score.total} / 100`);
    const rows = await page.locator('[data-testid=drill-score] tbody tr').allTextContents();
    expect(rows[0]).toContain(expected.answer.gpu_hours_lost.toFixed(1));
    expect(rows[1]).toContain(expected.nothing.gpu_hours_lost.toFixed(1));
    expect(await page.locator('[data-testid=drill-narration]').textContent()).toContain('You chose:');
    // The run on the timeline is the answer's: its report has CDU-B's setpoint change at the decision.
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/drill.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('doing nothing scores what the engine says doing nothing scores', async () => {
    const s = drill('cdu-pumps');
    const expected = runDrill(s, {});
    const context = await served.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const { page, errors } = await openApp(context, `${served.app.url}?drill=cdu-pumps`);
    await page.click('[data-testid=drill-start]', { timeout: 30_000 });
    for (let k = 0; k < s.drill!.decisions.length; k++) {
      await reachDecision(page);
      await page.click('[data-testid=drill-option-nothing]');
      await page.click('[data-testid=drill-decide]');
    }
    await page.locator('[data-testid=drill-skip]').click({ timeout: 60_000 });
    await page.locator('[data-testid=drill-score]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid=drill-score-total]').textContent()).toBe(`Score: ${expected.score.total} / 100`);
    expect(expected.score.total).toBe(expected.nothing_score.total);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
