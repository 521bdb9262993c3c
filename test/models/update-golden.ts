/** `npm run golden [name…]`: rewrite the golden results beside the built-in models (then review the diff). */
import { writeFileSync } from 'node:fs';
import { modelNames, runModel, goldenPath } from './golden-files';

const names = process.argv.slice(2).length ? process.argv.slice(2) : modelNames();
for (const name of names) {
  writeFileSync(goldenPath(name), JSON.stringify(runModel(name), null, 1) + '\n');
  process.stdout.write(`${goldenPath(name)}\n`);
}
