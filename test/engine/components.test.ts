/**
 * A component kind has one home (DESIGN.md §2): a reader looking for "the CDU" finds sim/components/cdu/,
 * its schema fragment and sourced defaults in schema.ts, and — for the kinds the thermal plant compiles —
 * its arrays, compile, failure modes, probes and final state in <kind>.ts beside it. The power kinds'
 * state and failure modes live in the power chain above the plant (sim/power/: topology, battery,
 * protection, loads, chain), which the layers keep out of sim/components/.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const COMPONENTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../sim/components');

const THERMAL = ['rack', 'immersion-tank', 'cdu', 'crah', 'chiller', 'free-cooler', 'storage'];
const FORMAT_ONLY = ['ups', 'generator', 'bus', 'distribution'];

describe('sim/components', () => {
  it.each([...THERMAL, ...FORMAT_ONLY])('%s has a home with its schema fragment', (kind) => {
    expect(existsSync(join(COMPONENTS, kind, 'schema.ts'))).toBe(true);
  });

  it.each(THERMAL)('%s compiles, fails and reports in %s.ts', (kind) => {
    expect(existsSync(join(COMPONENTS, kind, `${kind}.ts`))).toBe(true);
  });
});
