#!/usr/bin/env node
// Bundles the CLI (sim/cli/main.ts and everything it imports, dependencies included) into one JavaScript
// file, bin/dist/dctwin.mjs, with esbuild — the bundler vite already brings. Why: loading the TypeScript
// through tsx at every start cost ~2 s and 200 MB; the bundle is plain JavaScript, tree-shaken (mathjs
// keeps only the parser and units the format uses), and starts in a fraction of that.
// Runs at `npm ci` (the `prepare` script) and before every test run (vitest's globalSetup), so the tests
// never exercise a stale build. Output sits in bin/dist/, away from vite build's dist/.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chmodSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_BUNDLE = fileURLToPath(new URL('./dist/dctwin.mjs', import.meta.url));

export async function buildCli() {
  await build({
    stdin: {
      // The bundle is also the worker thread of sweeps and Monte Carlo studies (sim/cli/pool.ts): started
      // with its flag, it serves the jobs of sim/cli/tasks.ts.
      contents: [
        "import { main } from './sim/cli/main.ts';",
        "import { isPoolWorker, servePool, setWorkerEntry } from './sim/cli/pool.ts';",
        "import { TASKS } from './sim/cli/tasks.ts';",
        'if (isPoolWorker()) servePool(TASKS);',
        'else { setWorkerEntry(import.meta.url); Promise.resolve(main(process.argv.slice(2))).then((code) => { process.exitCode = code; }); }',
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'dctwin-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: CLI_BUNDLE,
    // CommonJS dependencies inside an ES module bundle call require() for Node built-ins.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
  // npm links node_modules/.bin/dctwin (and makes its target executable) before `prepare` builds the
  // bundle, so on a fresh clone the target did not exist then: `npx dctwin` would be "Permission denied".
  chmodSync(CLI_BUNDLE, 0o755);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
