/**
 * CLI behind `npm run bench`:
 *   tsx test/bench/run.ts [--customers N] [--seed N] [--only name[,name]] [--<flag> value ...]
 * Prints one JSON line per benchmark record on stdout.
 */

import { benches, type BenchArgs } from './registry';

function parseArgs(argv: readonly string[]): { args: BenchArgs; only: string[] | null } {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined) {
      throw new Error(`expected "--name value" pairs, got "${argv.slice(i).join(' ')}"`);
    }
    flags[flag.slice(2)] = value;
  }
  const args: BenchArgs = {
    customers: positiveInteger(flags, 'customers', 200_000),
    seed: positiveInteger(flags, 'seed', 1),
    flags,
  };
  return { args, only: flags['only'] === undefined ? null : flags['only'].split(',') };
}

function positiveInteger(flags: Record<string, string>, name: string, fallback: number): number {
  const text = flags[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got "${text}"`);
  return value;
}

function main(): void {
  const { args, only } = parseArgs(process.argv.slice(2));
  const known = benches.map((b) => b.name);
  const unknown = (only ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; available: ${known.join(', ')}`);
  for (const bench of benches) {
    if (only !== null && !only.includes(bench.name)) continue;
    const output = bench.run(args);
    for (const record of Array.isArray(output) ? output : [output]) {
      process.stdout.write(`${JSON.stringify(record)}\n`);
    }
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
