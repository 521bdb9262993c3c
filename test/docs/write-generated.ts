/**
 * `npm run docs:physics` / `npm run docs:halls`: writes the generated blocks of the guide (generated.ts)
 * into their pages. With no argument, every block. The only writer of docs/ among the test files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCKS, ROOT, withBlock } from './generated';

const want = process.argv.slice(2);
const blocks = want.length ? BLOCKS.filter((b) => want.includes(b.name) || want.some((w) => b.script.endsWith(`:${w}`))) : BLOCKS;
if (!blocks.length) {
  console.error(`no generated block called ${want.join(', ')}; there are ${BLOCKS.map((b) => b.name).join(', ')}`);
  process.exit(1);
}
for (const b of blocks) {
  const path = join(ROOT, b.page);
  const before = readFileSync(path, 'utf8');
  const after = withBlock(before, b, b.render());
  if (after !== before) writeFileSync(path, after);
  console.log(`${b.page}: ${b.name} ${after === before ? 'unchanged' : 'written'}`);
}
