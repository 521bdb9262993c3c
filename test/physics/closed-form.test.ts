/**
 * The closed-form checks of docs/physics.md (checks.ts), each within its stated tolerance. The page's
 * table is these very rows (test/docs/pages.test.ts keeps it current).
 */
import { describe, it, expect } from 'vitest';
import { CHECKS, errorOf } from './checks';

for (const g of CHECKS) {
  describe(`${g.component} (detail: ${g.test})`, () => {
    const rows = g.rows();
    it.each(rows.map((r) => [r.check, r] as const))('%s', (_name, r) => {
      expect(Number.isFinite(r.got), 'the engine gave a number').toBe(true);
      expect(errorOf(r), `expected ${r.expected} ${r.unit}, engine ${r.got} ${r.unit} (${r.mode} tolerance ${r.tolerance})`).toBeLessThanOrEqual(r.tolerance);
    });
  });
}
