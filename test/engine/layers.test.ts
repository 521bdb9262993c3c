/**
 * Layers point one way. Every file in sim/ belongs to a layer (its directory under sim/, or its own
 * name for a top-level file); a file may import its own layer and the layers below it, never one above
 * and never a sibling on the same rank:
 *
 *   kernel < physics < scenario < components < plant < power, workload < model, network < run < analysis < api < cli
 *
 * - kernel: clock, event calendar, seeded RNG, deterministic math — knows nothing of data halls.
 * - physics: plain laws (ε-NTU, pump curves, DOE-2 chiller curves), SI in and out.
 * - scenario: the file format — parse, units, schema, defaults, expressions.
 *   A component's `schema.ts` (sim/components/<kind>/schema.ts: its schema fragment and sourced defaults)
 *   is part of the file format and belongs to this layer, since scenario/schema.ts composes the fragments.
 * - components: one home per component kind (sim/components/<kind>/): its arrays, compile, failure modes,
 *   probes and final state. Below plant, which composes them into the Plant and its events.
 * - plant: the scenario compiled to flat arrays, weather, design checks, event actions.
 * - power, workload: the power chain and the jobs, each over the plant's arrays.
 * - model: compileModel — the one compile that validation, API, CLI and runs share (sim/model/).
 * - network: the thermal network (network.ts) and its time scheme (solver.ts).
 * - run: one run — kernel, integrator, monitor, probes, frames, report.
 * - analysis: studies made of many runs (the N-1 sweep).
 * - api: the host surface (worker, tests); cli: the Node command line.
 *
 * Also: sim/ imports nothing outside itself but packages (no src/, no DOM code).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ORDER: string[][] = [['kernel'], ['physics'], ['scenario'], ['components'], ['plant'], ['power', 'workload'], ['model', 'network'], ['run'], ['analysis'], ['api'], ['cli']];
const RANK = new Map(ORDER.flatMap((layer, rank) => layer.map((name) => [name, rank] as const)));

const SIM = resolve(dirname(fileURLToPath(import.meta.url)), '../../sim');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * The layer of a file in sim/: its first directory, or its base name for a top-level file (api.ts → api);
 * a component's schema.ts is part of the file format (scenario).
 */
function layerOf(file: string): string {
  const parts = relative(SIM, file).split(sep);
  if (parts[0] === 'components' && parts.length === 3 && parts[2]!.replace(/\.tsx?$/, '') === 'schema') return 'scenario';
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.tsx?$/, '');
}

/** Module specifiers of static imports, re-exports (`export … from`) and dynamic `import('…')`. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

const files = sources(SIM);
const edges = files.flatMap((file) => specifiers(readFileSync(file, 'utf8')).filter((s) => s.startsWith('.')).map((spec) => ({ file, spec, target: resolve(dirname(file), spec) })));

describe('sim/ layers', () => {
  it('every file is in a layer of the stated order', () => {
    const unplaced = [...new Set(files.map(layerOf))].filter((l) => !RANK.has(l));
    expect(unplaced, 'a new directory in sim/ needs a place in ORDER (and in the header above)').toEqual([]);
  });

  it('finds the imports it checks', () => {
    // Guards the parser: the run imports the model and the solver; a broken regex would pass everything.
    const run = edges.filter((e) => relative(SIM, e.file) === join('run', 'simulation.ts')).map((e) => e.spec);
    expect(run).toEqual(expect.arrayContaining(['../model/model', '../network/solver', '../kernel/kernel']));
  });

  it('sim/ imports nothing outside sim/ but packages', () => {
    const outside = edges.filter((e) => relative(SIM, e.target).startsWith('..')).map((e) => `${relative(SIM, e.file)} → ${e.spec}`);
    expect(outside).toEqual([]);
  });

  it('no layer imports a layer above it or a sibling on its rank', () => {
    const wrong = edges
      .filter((e) => !relative(SIM, e.target).startsWith('..'))
      .map((e) => ({ ...e, from: layerOf(e.file), to: layerOf(e.target) }))
      .filter((e) => e.from !== e.to && RANK.get(e.to)! >= RANK.get(e.from)!)
      .map((e) => `${relative(SIM, e.file)} (${e.from}) → ${e.spec} (${e.to})`);
    expect(wrong).toEqual([]);
  });
});
