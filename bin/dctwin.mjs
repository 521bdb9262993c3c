#!/usr/bin/env node
// Entry point for `npx dctwin …`: loads the TypeScript CLI through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../sim/cli/main.ts');
process.exitCode = main(process.argv.slice(2));
