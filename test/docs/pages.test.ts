/**
 * The guide's computed blocks are current: each is rendered in memory from the engine (the closed-form
 * checks) or the golden files (the halls' key results) and compared with the page. A mismatch means a
 * result moved: review it, then `npm run docs:physics` or `npm run docs:halls` rewrites the block.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCKS, ROOT, blockIn, withBlock, hallResults } from './generated';

describe('generated blocks of the guide', () => {
  for (const b of BLOCKS) {
    it(`${b.page}: the ${b.name} block is what \`${b.script}\` writes today`, () => {
      const page = readFileSync(join(ROOT, b.page), 'utf8');
      const onPage = blockIn(page, b);
      expect(onPage, `${b.page} has no ${b.name} block`).not.toBeNull();
      expect(onPage, `${b.page} is out of date: run \`${b.script}\` and review the diff`).toBe(b.render());
    });
  }
});

describe('generated blocks: the mechanics', () => {
  it('writes a block between its markers, reads it back, and sees a changed digit', () => {
    const page = `# Page\n\n<!-- generated:hall-results begin — written by \`npm run docs:halls\`; do not edit by hand -->\nold\n<!-- generated:hall-results end -->\n\nafter\n`;
    const written = withBlock(page, hallResults, '| a | 1.181 |');
    expect(written.endsWith('<!-- generated:hall-results end -->\n\nafter\n')).toBe(true);
    expect(blockIn(written, hallResults)).toBe('| a | 1.181 |');
    expect(blockIn(written.replace('1.181', '1.182'), hallResults)).not.toBe('| a | 1.181 |');
    expect(() => withBlock('# no markers', hallResults, 'x')).toThrow(/has no block/);
    expect(blockIn('# no markers', hallResults)).toBeNull();
  });
});
