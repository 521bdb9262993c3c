/** vitest globalSetup: rebuild the bundled CLI before any test runs, so no test exercises a stale build. */
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli } from '../../bin/build.mjs';

export default async function setup(): Promise<void> {
  await (buildCli as () => Promise<void>)();
}
