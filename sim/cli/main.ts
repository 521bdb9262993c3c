/**
 * `dctwin` — run, validate and describe scenario files headless.
 * Exit codes: 0 ok, 1 bad input, 2 a limit stated in the scenario was violated (by either run, for `compare`).
 * commander parses the arguments (well-kept, gives --help and errors for free).
 */
import { Command, InvalidArgumentError } from 'commander';
import { openSync, fstatSync, readSync, closeSync, writeFileSync, readFileSync, constants } from 'node:fs';
import { compileLoaded, type RunSettings } from '../model/model';
import { loadScenarioText, type LoadResult } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { EPW_LIMITS } from '../plant/epw';
import { runAnnual, annualSpan } from '../analysis/annual';
import { annualSummary } from './formatAnnual';
import { dirname, resolve as resolvePath } from 'node:path';
import { scenarioJsonSchema } from '../scenario/jsonSchema';
import { LIMITS } from '../scenario/guard';
import { runDuration } from '../scenario/schema';
import { Simulation, ScenarioError } from '../run/simulation';
import { EngineError } from '../scenario/issues';
import { BudgetError } from '../run/budget';
import { buildReport } from '../run/report';
import { headroom } from '../analysis/headroom';
import { compareScenarios } from '../analysis/compare';
import type { RackTypeSpec } from '../components/rack/schema';
import { parseRackSpec } from '../api';
import { parse as parseYaml } from 'yaml';
import { sweepParallel } from './sweepParallel';
import { runStudy, studyResult, studyPartial } from './montecarloParallel';
import { mergePartials, MAX_REPLICATES, type MonteCarloPartial } from '../analysis/montecarlo';
import { monteCarloSummary } from './formatMonteCarlo';
import { tcoOfModel } from '../analysis/tco';
import { tcoSummary } from './formatTco';
import type { MonteCarloResult } from '../analysis/montecarlo';
import { summary, seriesCsv, sweepSummary, compareSummary } from './format';
import { headroomSummary } from './formatHeadroom';
import { resolveModel, resolveDrill } from './models';
import { runDrill, bestAnswers, type DrillAnswers } from '../analysis/drill';
import { drillSummary, drillQuestions } from './formatDrill';

class ExitError extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

/** A problem in the file met when its run was set up or played (ScenarioError): bad input, exit 1 with its lines; anything else as it is. */
function asBadInput(file: string, e: unknown): Error {
  return e instanceof ScenarioError ? new ExitError(1, `${file}:\n${e.message.replace(/^/gm, '  ')}`) : (e as Error);
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/**
 * The file's text, reading at most `limit` + 1 bytes whatever `stat` says: /proc files report
 * size 0, a growing file can pass the check and then grow. Only regular files are read: a device
 * (/dev/zero), FIFO or directory is refused. O_NONBLOCK so that opening a FIFO does not wait for a writer.
 */
function readBounded(file: string, path: string, limit: number = LIMITS.maxBytes, what = 'a scenario file'): string {
  let fd: number;
  try { fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)); }
  catch (e) { throw new ExitError(1, `${file}: cannot read (${errnoOf(e)})`); }
  try {
    const st = fstatSync(fd);
    const give = what === 'a scenario file' ? 'give a scenario file (.yaml or .json)' : `give ${what}`;
    if (st.isDirectory()) throw new ExitError(1, `${file}: is a directory; ${give}`);
    if (!st.isFile()) throw new ExitError(1, `${file}: is not a regular file (a device, FIFO or socket); ${give}`);
    const tooLarge = `${file}: larger than ${limit} bytes (${mib(limit)}), the limit for ${what}`;
    if (st.size > limit) throw new ExitError(1, `${tooLarge} (it is ${mib(st.size)})`);
    const buf = Buffer.allocUnsafe(limit + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > limit) throw new ExitError(1, tooLarge);
    return buf.toString('utf8', 0, n);
  } catch (e) {
    if (e instanceof ExitError) throw e;
    throw new ExitError(1, `${file}: cannot read (${errnoOf(e)})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The data files a scenario names (`workload.swf.file`, `workload.telemetry.file`), read relative to the
 * scenario's directory into the checked scenario's `data` (the raw file keeps `file`, so a save writes the
 * reference back). Each is bounded like a scenario file (LIMITS.maxBytes).
 */
function attachDataFiles(res: LoadResult, scenarioPath: string): void {
  if (!res.ok) return;
  const wl = res.scenario.workload;
  for (const [field, part] of [['workload.swf.file', wl?.swf], ['workload.telemetry.file', wl?.telemetry]] as const) {
    if (!part || part.file === undefined || part.data !== undefined) continue;
    part.data = readBounded(`${field} "${part.file}"`, resolvePath(dirname(scenarioPath), part.file));
  }
}

const problems = (file: string, errors: { path: string; message: string }[]) =>
  new ExitError(1, `${file}: ${errors.length} problem${errors.length > 1 ? 's' : ''}\n` + errors.map((e) => `  ${e.path}: ${e.message}`).join('\n'));

/**
 * Read, check and compile a file for a run with these settings (one compile serves both). An EPW weather
 * file is read here, the engine having no file system: `--epw` (relative to the working directory)
 * replaces the scenario's weather; `weather: { kind: epw, file }` is read relative to the scenario.
 * `annual`: with no `until`, run for as long as the EPW file's records last, else a plain year.
 */
function readScenario(file: string, run: RunSettings = {}, epw?: string, annual = false) {
  const path = resolveModel(file);
  const loaded = loadScenarioText(readBounded(file, path), path);
  if (!loaded.ok) throw problems(file, loaded.errors);
  attachDataFiles(loaded, path);
  const w = loaded.scenario.weather;
  let weatherText: string | undefined;
  if (epw !== undefined) {
    weatherText = readBounded(epw, epw, EPW_LIMITS.maxBytes, 'an EnergyPlus weather file (.epw)');
    loaded.scenario.weather = { kind: 'epw', file: epw, data: weatherText } satisfies Scenario['weather'];
  } else if (w?.kind === 'epw' && w.data === undefined && w.file !== undefined) {
    weatherText = readBounded(`${file}: weather.file "${w.file}"`, resolvePath(dirname(path), w.file), EPW_LIMITS.maxBytes, 'an EnergyPlus weather file (.epw)');
    loaded.scenario.weather = { ...w, data: weatherText };
  } else if (w?.kind === 'epw') weatherText = w.data;
  const until = run.until ?? (annual ? annualSpan(weatherText) : undefined);
  const res = compileLoaded(loaded, { ...run, until });
  if (!res.ok) throw problems(file, res.errors);
  return res;
}

/** Plain words for the write errors people meet; the errno code stays beside them for searching. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'no such directory', ENOTDIR: 'a parent is not a directory', EACCES: 'permission denied',
  EISDIR: 'it is a directory', ENOSPC: 'no space left on the device', EROFS: 'read-only file system',
};
const cannotWrite = (what: string, e: unknown) => {
  const code = errnoOf(e);
  return new ExitError(1, `cannot write ${what} (${WRITE_ERRORS[code] ? `${WRITE_ERRORS[code]}, ${code}` : code})`);
};

/**
 * Errors on stdout/stderr arrive as 'error' events, after main() has returned; unhandled, Node prints a
 * stack trace. A closed pipe (EPIPE, `dctwin run … | head`) means the reader wants no more: exit 1
 * quietly, as Unix tools do. Anything else (a full disk) gets one line.
 */
function exitOnOutputErrors() {
  process.stdout.on('error', (e) => {
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') process.stderr.write(`dctwin: ${cannotWrite('the output', e).message}\n`);
    process.exit(1);
  });
  process.stderr.on('error', () => process.exit(1));
}

/** `--until` overrides the file's `duration`, so it obeys the same rule (one definition, in the schema). */
const UNTIL = runDuration();
const duration = (v: string) => {
  const q = UNTIL.safeParse(v); // a bare number is seconds, as in the file
  if (!q.success) throw new InvalidArgumentError(q.error.issues[0]?.message ?? 'expected a duration such as "24h" or "3600 s"');
  return q.data;
};
const seed = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new InvalidArgumentError('expected an integer 0 … 4294967295');
  return n;
};
const collect = (v: string, prev: string[]) => [...prev, v];
/** `--rack`: a rack type's name, or an inline rack spec (YAML/JSON mapping) checked like a rack type in a file. */
const rackProfile = (v: string): string | RackTypeSpec => {
  const t = v.trim();
  if (!t.startsWith('{')) return t;
  let raw: unknown;
  try { raw = parseYaml(t); } catch (e) { throw new InvalidArgumentError(`not a YAML/JSON mapping (${(e as Error).message.split('\n')[0]})`); }
  const r = parseRackSpec(raw);
  if (!r.ok) throw new InvalidArgumentError(r.errors.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.spec;
};
const threads = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected an integer 1 … 256');
  return n;
};

const replicates = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICATES) throw new InvalidArgumentError(`expected an integer 1 … ${MAX_REPLICATES}`);
  return n;
};
/** `--shard i/n`: shard i (0-based, as JOB_COMPLETION_INDEX and a 0-based Slurm array) of n. */
const shardArg = (v: string) => {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const i = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1 && n <= 100_000) || !(i < n)) throw new InvalidArgumentError('expected i/n with 0 ≤ i < n ≤ 100000, e.g. 0/8 (shards count from 0)');
  return { index: i, count: n };
};

/** A price on the command line: `4.5`, `4.5/gpu-h`, `4.5 USD/GPU-h`, `0.08/kWh` (per kWh → per J). */
const price = (per: 'gpu-h' | 'kWh') => (v: string) => {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e-?\d+)?)\s*(?:[A-Za-z]{3}\s*)?(?:\/\s*([A-Za-z-]+))?\s*$/.exec(v);
  if (!m || (m[2] !== undefined && m[2].toLowerCase() !== per.toLowerCase())) throw new InvalidArgumentError(`expected a price such as 4.5 or 4.5/${per}`);
  return per === 'kWh' ? Number(m[1]) / 3.6e6 : Number(m[1]);
};
/** A share: `0.8` or `80%`. */
const share = (v: string) => {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$/.exec(v);
  const x = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(x >= 0 && x <= 1)) throw new InvalidArgumentError('expected a share 0 … 1 or 0 … 100 %');
  return x;
};
const years = (v: string) => {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(?:y|years?)?\s*$/.exec(v);
  const x = m ? Number(m[1]) : NaN;
  if (!(x > 0 && x <= 100)) throw new InvalidArgumentError('expected a life in years, e.g. 4 or "4 years"');
  return x * 365.25 * 86400;
};

/** Writes a command's output to `--out FILE`, or stdout. */
function emit(text: string, out: string | undefined): void {
  if (out === undefined) { process.stdout.write(text); return; }
  try { writeFileSync(out, text); } catch (e) { throw cannotWrite(out, e); }
}

/** Runs a command; a command that works on threads (the sweep) returns a promise of the exit code. */
export function main(argv: string[]): number | Promise<number> {
  exitOnOutputErrors();
  const program = new Command('dctwin')
    .description('Digital twin and simulator of AI-factory data halls')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let code = 0;
  let pending: Promise<void> | null = null;
  program
    .command('run')
    .description('simulate a scenario file (or a built-in model name) and print a summary or the JSON report')
    .argument('<file>', 'scenario file (.yaml/.json) or built-in model name')
    .option('--json', 'print the JSON report on stdout')
    .option('--until <duration>', 'simulated time, e.g. 24h (default: the scenario duration)', duration)
    .option('--seed <n>', 'random seed (default: the scenario seed)', seed)
    .option('--csv <file>', 'write probe series as CSV')
    .option('--probe <component.quantity>', 'record a series (repeatable), e.g. cdu-A.supply', collect, [] as string[])
    .option('--epw <file.epw>', 'EnergyPlus weather file: replaces the scenario weather (hourly dry and wet bulb)')
    .action((file: string, o: { json?: boolean; until?: number; seed?: number; csv?: string; probe: string[]; epw?: string }) => {
      const loaded = readScenario(file, { seed: o.seed, until: o.until }, o.epw);
      let sim: Simulation;
      try { sim = new Simulation(loaded.model, { probes: o.probe }); }
      catch (e) { throw asBadInput(file, e); }
      // Opened before the run, so a bad path fails now rather than after a long simulation.
      let csvFd: number | undefined;
      if (o.csv) {
        try { csvFd = openSync(o.csv, 'w'); } catch (e) { throw cannotWrite(o.csv, e); }
      }
      const started = performance.now();
      const tty = process.stderr.isTTY === true;
      let shown = false;
      const slices = 100;
      for (let i = 1; i <= slices; i++) {
        sim.runTo((sim.end * i) / slices);
        if (tty && performance.now() - started > 1000) {
          shown = true;
          const w = 30, f = Math.round((w * i) / slices);
          process.stderr.write(`\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${i}%  t=${(sim.now / 3600).toFixed(2)} h`);
        }
      }
      if (shown) process.stderr.write('\n');
      const wall = (performance.now() - started) / 1000;
      const report = buildReport(sim);
      if (o.csv && csvFd !== undefined) {
        try { writeFileSync(csvFd, seriesCsv(report)); } catch (e) { throw cannotWrite(o.csv, e); } finally { closeSync(csvFd); }
      }
      if (o.json) process.stdout.write(JSON.stringify(report, null, 1) + '\n');
      else process.stdout.write(summary(report, wall));
      code = report.violations.length ? 2 : 0;
    });

  program
    .command('annual')
    .description('a year at hourly weather: annual PUE, WUE and free-cooling hours, peak conditions and a monthly breakdown')
    .argument('<file>', 'scenario file (.yaml/.json) or built-in model name')
    .option('--epw <file.epw>', "EnergyPlus weather file (default: the scenario's weather; an EPW's calendar, else a plain year from 1 January)")
    .option('--until <duration>', "simulated time (default: the weather file's length, or 365 days)", duration)
    .option('--seed <n>', 'random seed (default: the scenario seed)', seed)
    .option('--json', 'print the annual result (with the run report) as JSON')
    .action((file: string, o: { epw?: string; until?: number; seed?: number; json?: boolean }) => {
      const { model } = readScenario(file, { seed: o.seed, until: o.until }, o.epw, true);
      const tty = process.stderr.isTTY === true;
      const started = performance.now();
      let res;
      try {
        res = runAnnual(model, { onProgress: (f) => { if (tty && performance.now() - started > 1000) process.stderr.write(`\r${(100 * f).toFixed(0)}%`); } });
      } catch (e) {
        if (e instanceof ScenarioError) throw asBadInput(file, e);
        if (e instanceof RangeError) throw new ExitError(1, `${file}: ${e.message}`);
        throw e;
      }
      if (tty && performance.now() - started > 1000) process.stderr.write('\r     \r');
      process.stdout.write(o.json ? JSON.stringify(res, null, 1) + '\n' : annualSummary(res, (performance.now() - started) / 1000));
      code = res.report.violations.length ? 2 : 0;
    });

  program
    .command('validate')
    .description('check scenario files; prints every problem with its field path')
    .argument('<files...>')
    .action((files: string[]) => {
      for (const f of files) {
        try { const { model } = readScenario(f); process.stdout.write(`${f}: ok${model.warnings.length ? ` (${model.warnings.join('; ')})` : ''}\n`); }
        catch (e) { if (!(e instanceof ExitError)) throw e; process.stderr.write(e.message + '\n'); code = 1; }
      }
    });

  program
    .command('sweep')
    .description('N-1 sweep: fail each infrastructure unit in turn (a transient run each; interchangeable units share one) and rank the cases by severity')
    .argument('<file>', 'scenario file (.yaml/.json) or built-in model name')
    .option('--at <time>', 'when each unit fails (default: a tenth into the run)', duration)
    .option('--repair <time>', 'repair after this long (default: the class MTTR from reliability, else never)', duration)
    .option('--until <duration>', 'simulated time of each run (default: the scenario duration)', duration)
    .option('--keep-events', "keep the file's scripted events and random failures (default: the healthy design; no runs are shared then)")
    .option('--no-group', 'run every case on its own, even units interchangeable with another')
    .option('--workers <n>', 'threads to run on, at most one per run (default: the cores available, or one when the runs are short)', threads)
    .option('--json', 'print the sweep as JSON')
    .action((file: string, o: { at?: number; repair?: number; until?: number; keepEvents?: boolean; group: boolean; workers?: number; json?: boolean }) => {
      const { scenario } = readScenario(file);
      const tty = process.stderr.isTTY === true;
      const started = performance.now();
      pending = sweepParallel(scenario, {
        at: o.at, repair: o.repair, until: o.until, keepEvents: o.keepEvents === true, group: o.group,
        onRun: (k, n) => { if (tty) process.stderr.write(`\r${k}/${n} runs`); },
      }, o.workers ?? 'auto').then(({ result, workers }) => {
        if (tty) process.stderr.write(`\r${result.cases.length} cases in ${result.runs} runs (+ the healthy one) on ${workers} thread${workers > 1 ? 's' : ''}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
        process.stdout.write(o.json ? JSON.stringify(result, null, 1) + '\n' : sweepSummary(result));
      });
    });

  program
    .command('headroom')
    .description('expansion headroom: how many racks of a profile fit in the spare positions with every stated redundancy holding, and what binds')
    .argument('<file>', 'scenario file (.yaml/.json) or built-in model name')
    .requiredOption('--rack <type-or-spec>', 'a rack type of the file, or an inline spec such as "{power: 132 kW, cooling: dlc, liquid_fraction: 0.85, gpus: 72, weight: 1400 kg}"', rackProfile)
    .option('--confirm [cases]', 're-run the tightest failure cases (default 5) and every utility loss as transients on the expanded design', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 1000) throw new InvalidArgumentError('expected a number of cases 0 … 1000');
      return n;
    })
    .option('--json', 'print the answer as JSON')
    .action((file: string, o: { rack: string | RackTypeSpec; json?: boolean; confirm?: number | true }) => {
      const { scenario } = readScenario(file);
      let res;
      try { res = headroom(scenario, { rack: o.rack, confirm: o.confirm === true ? 5 : o.confirm }); }
      catch (e) { throw asBadInput(file, e); }
      process.stdout.write(o.json ? JSON.stringify(res, null, 1) + '\n' : headroomSummary(res));
    });

  program
    .command('compare')
    .description('run two scenario files (or built-in model names) and compare their KPIs, limits and contents')
    .argument('<a>', 'the first scenario (A), file or built-in model name')
    .argument('<b>', 'the second scenario (B)')
    .option('--json', 'print the comparison as JSON')
    .option('--until <duration>', 'simulated time of both runs (default: each scenario\'s duration)', duration)
    .option('--seed <n>', 'random seed of both runs (default: each scenario\'s seed)', seed)
    .action((a: string, b: string, o: { json?: boolean; until?: number; seed?: number }) => {
      const run = { seed: o.seed, until: o.until };
      const [la, lb] = [readScenario(a, run), readScenario(b, run)];
      const tty = process.stderr.isTTY === true;
      const res = compareScenarios({ file: a, ...la }, { file: b, ...lb }, (i) => { if (tty) process.stderr.write(`\rrunning ${i ? 'B' : 'A'}…`); });
      if (tty) process.stderr.write('\r          \r');
      process.stdout.write(o.json ? JSON.stringify(res, null, 1) + '\n' : compareSummary(res));
      // As `run` of each: a CI step fails when either design breaks its own stated limits.
      code = res.a.violations.length || res.b.violations.length ? 2 : 0;
    });

  program
    .command('montecarlo')
    .description('Monte Carlo availability: replicates of a simulated year, units failing at random from reliability (MTBF/MTTR); with two files, B − A on paired replicates')
    .argument('<file>', 'scenario file (.yaml/.json) or built-in model name')
    .argument('[b]', 'a second design, run on the same random streams (paired comparison)')
    .requiredOption('--years <n>', 'replicates (simulated years, or --until each)', replicates)
    .option('--until <duration>', 'length of each replicate (default: 365 days, whatever the file says)', duration)
    .option('--seed <n>', "study seed: replicate i's failures draw from a seed derived from it and i (default: the first file's seed)", seed)
    .option('--workers <n>', 'threads to run on (default: the cores available, or one when the study is short)', threads)
    .option('--shard <i/n>', 'run only shard i of n (0-based) and write its partial result, for dctwin merge', shardArg)
    .option('--out <file>', 'write the output (result or partial) to this file instead of stdout')
    .option('--json', 'print the result as JSON (a shard always writes JSON)')
    .action((a: string, b: string | undefined, o: { years: number; until?: number; seed?: number; workers?: number; shard?: { index: number; count: number }; out?: string; json?: boolean }) => {
      const designs = (b === undefined ? [a] : [a, b]).map((f) => readScenario(f).scenario);
      const tty = process.stderr.isTTY === true;
      const started = performance.now();
      pending = runStudy(designs, { years: o.years, until: o.until, seed: o.seed }, o.workers ?? 'auto', o.shard ?? null, (k, n) => {
        if (tty) process.stderr.write(`\r${k}/${n} replicates`);
      }).then((run) => {
        if (tty) process.stderr.write(`\r${run.to - run.from} replicates × ${designs.length} design${designs.length > 1 ? 's' : ''} on ${run.workers} thread${run.workers > 1 ? 's' : ''}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
        if (o.shard) emit(JSON.stringify(studyPartial(run, o.shard)) + '\n', o.out);
        else { const r = studyResult(run); emit(o.json ? JSON.stringify(r, null, 1) + '\n' : monteCarloSummary(r), o.out); }
      }, (e: unknown) => {
        if (e instanceof ScenarioError) throw new Error(`${designs.length > 1 ? `${a}, ${b}` : a}:\n${e.message.replace(/^/gm, '  ')}`);
        throw e;
      });
    });

  program
    .command('merge')
    .description('combine the partial results of a sharded Monte Carlo study (dctwin montecarlo --shard i/n) into the result one process would give')
    .argument('<parts...>', 'partial result files, one per shard, in any order')
    .option('--out <file>', 'write the result to this file instead of stdout')
    .option('--json', 'print the result as JSON')
    .action((files: string[], o: { out?: string; json?: boolean }) => {
      const parts = files.map((f) => {
        let text: string;
        try { text = readFileSync(f, 'utf8'); } catch (e) { throw new ExitError(1, `${f}: cannot read (${errnoOf(e)})`); }
        try { return { name: f, partial: JSON.parse(text) as MonteCarloPartial }; }
        catch (e) { throw new ExitError(1, `${f}: not JSON (${(e as Error).message})`); }
      });
      let r;
      try { r = mergePartials(parts); } catch (e) { throw new ExitError(1, (e as Error).message); }
      emit(o.json ? JSON.stringify(r, null, 1) + '\n' : monteCarloSummary(r), o.out);
    });

  program
    .command('tco')
    .description('total cost of ownership: capital and operating cost per year, cost per delivered GPU-hour and per 1k tokens, break-even against cloud GPU-hours, sensitivity to energy price and utilisation')
    .argument('<file>', 'scenario file (.yaml/.json) or built-in model name')
    .option('--availability <file>', 'a Monte Carlo result (dctwin montecarlo --json, or dctwin merge --json) for the availability (default: the plain run)')
    .option('--cloud-price <price>', 'cloud price per GPU-hour, e.g. 4.5/gpu-h (overrides economics.cloud_price_per_gpu_hour)', price('gpu-h'))
    .option('--energy-price <price>', 'energy price per kWh, e.g. 0.08/kWh (overrides economics.energy_price)', price('kWh'))
    .option('--utilisation <share>', 'share of available GPU-hours doing paid work, e.g. 0.8 or 80% (overrides economics.utilisation)', share)
    .option('--life <years>', 'life in years (overrides economics.life)', years)
    .option('--interest-rate <share>', 'financing rate per year, e.g. 8% (overrides economics.interest_rate)', share)
    .option('--until <duration>', 'simulated time of the run behind the energy (default: the scenario duration)', duration)
    .option('--seed <n>', 'random seed of that run', seed)
    .option('--json', 'print the result as JSON')
    .action((file: string, o: { availability?: string; cloudPrice?: number; energyPrice?: number; utilisation?: number; life?: number; interestRate?: number; until?: number; seed?: number; json?: boolean }) => {
      let study: MonteCarloResult | undefined;
      if (o.availability !== undefined) {
        let text: string;
        try { text = readFileSync(o.availability, 'utf8'); } catch (e) { throw new ExitError(1, `${o.availability}: cannot read (${errnoOf(e)})`); }
        try { study = JSON.parse(text) as MonteCarloResult; } catch (e) { throw new ExitError(1, `${o.availability}: not JSON (${(e as Error).message})`); }
        if (!Array.isArray(study?.designs) || typeof study.designs[0]?.metrics?.it_availability?.mean !== 'number')
          throw new ExitError(1, `${o.availability}: not a Monte Carlo result (expected the JSON of dctwin montecarlo --json or dctwin merge --json)`);
      }
      const loaded = readScenario(file, { seed: o.seed, until: o.until });
      let r;
      try {
        r = tcoOfModel(loaded.model, { study, overrides: { cloud_price_per_gpu_hour: o.cloudPrice, energy_price: o.energyPrice, utilisation: o.utilisation, life: o.life, interest_rate: o.interestRate } });
      } catch (e) {
        if (e instanceof ScenarioError) throw asBadInput(file, e);
        if (e instanceof EngineError || e instanceof BudgetError) throw e;
        throw new ExitError(1, `${file}: ${(e as Error).message}`);
      }
      process.stdout.write(o.json ? JSON.stringify(r, null, 1) + '\n' : tcoSummary(r));
    });

  program
    .command('drill')
    .description('run a training drill headless: play the given answers (default: do nothing at every decision) and score them against doing nothing and the author\'s best answer')
    .argument('<file>', 'drill file (.yaml/.json) or built-in drill name (models/drills/)')
    .option('--answer <answer...>', 'OPTION for a one-decision drill, DECISION=OPTION (repeat, or comma-separate) for each decision, or "best" for the author\'s answer')
    .option('--questions', 'print the briefing and each decision\'s options, and run nothing')
    .option('--instructor', 'show the author\'s best answer and why at every decision')
    .option('--seed <n>', 'random seed (default: the scenario\'s)', seed)
    .option('--json', 'print the result as JSON')
    .action((file: string, o: { answer?: string[]; questions?: boolean; instructor?: boolean; seed?: number; json?: boolean }) => {
      const loaded = readScenario(resolveDrill(file));
      const s = loaded.scenario;
      if (!s.drill) throw new ExitError(1, `${file}: not a drill (it has no "drill" section); see docs/drills.md`);
      if (o.questions) { process.stdout.write(drillQuestions(s)); return; }
      const decisions = s.drill.decisions;
      let answers: DrillAnswers = {};
      for (const a of (o.answer ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
        if (a === 'best') { answers = { ...answers, ...bestAnswers(s) }; continue; }
        const eq = a.indexOf('=');
        if (eq < 0) {
          if (decisions.length !== 1) throw new ExitError(1, `--answer ${a}: this drill has ${decisions.length} decisions (${decisions.map((d) => d.id).join(', ')}); write DECISION=OPTION`);
          answers[decisions[0]!.id] = a;
        } else answers[a.slice(0, eq).trim()] = a.slice(eq + 1).trim();
      }
      let r;
      try { r = runDrill(s, answers, { seed: o.seed }); }
      catch (e) { throw asBadInput(file, e); }
      process.stdout.write(o.json ? JSON.stringify(r, null, 1) + '\n' : drillSummary(r, !!o.instructor));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .action(() => { process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n'); });

  try {
    program.parse(argv, { from: 'user' });
    if (pending) return (pending as Promise<void>).then(() => code, (e: unknown) => { process.stderr.write(`${(e as Error).message}\n`); return 1; });
  } catch (e) {
    if (e instanceof ExitError) { process.stderr.write(e.message + '\n'); return e.code; }
    // A run that met a number it cannot stand behind fails as bad input does: no report, exit 1.
    if (e instanceof EngineError || e instanceof BudgetError) { process.stderr.write(e.message + '\n'); return 1; }
    const ce = e as { code?: string; exitCode?: number };
    if (typeof ce.code === 'string' && ce.code.startsWith('commander.')) {
      return ce.code === 'commander.helpDisplayed' || ce.code === 'commander.version' || ce.code === 'commander.help' ? 0 : 1;
    }
    throw e;
  }
  return code;
}
