/** `npm run golden [name…]`: rewrite the golden results beside the built-in models (then review the diff). */
import { writeFileSync } from 'node:fs';
import { modelNames, runModel, goldenPath, drillNames, runDrillGolden, drillGoldenPath } from './golden-files';
import { mkdirSync } from 'node:fs';

// Drills are named drills/<name> (all of them when no name is given).
const args = process.argv.slice(2);
const names = args.length ? args.filter((a) => !a.startsWith('drills/')) : modelNames();
const drills = args.length ? args.filter((a) => a.startsWith('drills/')).map((a) => a.slice(7)) : drillNames();
for (const name of drills) {
  mkdirSync(drillGoldenPath(name).replace(/[^/]*$/, ''), { recursive: true });
  writeFileSync(drillGoldenPath(name), JSON.stringify(runDrillGolden(name), null, 1) + '\n');
  process.stdout.write(`${drillGoldenPath(name)}\n`);
}
for (const name of names) {
  writeFileSync(goldenPath(name), JSON.stringify(runModel(name), null, 1) + '\n');
  process.stdout.write(`${goldenPath(name)}\n`);
}
