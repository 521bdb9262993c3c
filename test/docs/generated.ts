/**
 * Blocks of the user guide that are computed, not typed: the closed-form checks table of docs/physics.md
 * (from the engine runs of test/physics/checks.ts) and the key results of each built-in hall in
 * docs/halls.md (from models/golden/*.json). `npm run docs:physics` / `npm run docs:halls`
 * (write-generated.ts) write them; test/docs/pages.test.ts renders them in memory and fails when a page
 * differs. Tests never write into docs/.
 *
 * Numbers are printed to 9 significant digits (the report rounds to about 1e-6), errors to 2: a result
 * that moves at all shows as a diff of the page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECKS, errorOf, passes, type CheckRow } from '../physics/checks';
import { modelNames, goldenPath } from '../models/golden-files';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Block {
  /** The page, relative to the repository root. */
  page: string;
  /** The name in the block's markers. */
  name: string;
  /** The npm script that writes it. */
  script: string;
  render(): string;
}

const begin = (b: Block) => `<!-- generated:${b.name} begin — written by \`${b.script}\`; do not edit by hand -->`;
const end = (b: Block) => `<!-- generated:${b.name} end -->`;

/** The text between a block's markers in `text` (without them), or null when the markers are missing. */
export function blockIn(text: string, b: Block): string | null {
  const i = text.indexOf(begin(b)), j = text.indexOf(end(b));
  if (i < 0 || j < i) return null;
  return text.slice(i + begin(b).length, j).replace(/^\n/, '').replace(/\n$/, '');
}

/** `text` with the block's content replaced; an error when the page has no markers for it. */
export function withBlock(text: string, b: Block, content: string): string {
  const i = text.indexOf(begin(b)), j = text.indexOf(end(b));
  if (i < 0 || j < i) throw new Error(`${b.page} has no block ${begin(b)} … ${end(b)}`);
  return `${text.slice(0, i)}${begin(b)}\n${content}\n${text.slice(j)}`;
}

/** 9 significant digits, no trailing zeros; exponent form outside 1e-4 … 1e7. */
export function num(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e7) return x.toExponential(2);
  return String(Number(x.toPrecision(9)));
}

const short = (x: number) => (x === 0 ? '0' : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5 ? x.toExponential(1) : String(Number(x.toPrecision(2))));
const cell = (s: string) => s.replace(/\|/g, '\\|');

function checkLine(r: CheckRow): string {
  const unit = r.unit ? ` ${r.unit}` : '';
  const err = r.mode === 'rel' ? `${short(errorOf(r))} rel` : `${short(errorOf(r))}${unit}`;
  const tol = r.mode === 'rel' ? `${short(r.tolerance)} rel` : `${short(r.tolerance)}${unit}`;
  return `| ${cell(r.check)} | ${num(r.expected)}${unit} | ${num(r.got)}${unit} | ${err} | ${tol} | ${passes(r) ? 'pass' : '**FAIL**'} |`;
}

export const physicsChecks: Block = {
  page: 'docs/physics.md',
  name: 'physics-checks',
  script: 'npm run docs:physics',
  render() {
    const out: string[] = [];
    for (const g of CHECKS) {
      out.push('', `**${g.component}** (${g.test.split(', ').map((t) => `\`${t}\``).join(', ')})`, '');
      out.push('| check | closed form | engine | error | tolerance | |', '|---|---|---|---|---|---|');
      for (const r of g.rows()) out.push(checkLine(r));
    }
    return out.join('\n').trim();
  },
};

/** GitHub's heading anchor: lower case, punctuation dropped (not - or _), each space a hyphen. */
export const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

/** The model file's `name:` and the golden file's key results, one table row per built-in model. */
export const hallResults: Block = {
  page: 'docs/halls.md',
  name: 'hall-results',
  script: 'npm run docs:halls',
  render() {
    const out = [
      '| model | simulated | PUE | IT energy | peak coolant | peak inlet | racks throttled / tripped | GPU-h lost (with a workload) | first limit reached | limits violated |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    const hours = (s: number) => (s >= 86400 * 2 ? `${num(s / 86400)} d` : `${num(s / 3600)} h`);
    const hm = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
    // Each model links to the heading of docs/halls.md that names it.
    const headings = [...readFileSync(`${ROOT}docs/halls.md`, 'utf8').matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!);
    for (const name of modelNames()) {
      const heading = headings.find((h) => h.includes(`\`${name}\``));
      const g = JSON.parse(readFileSync(goldenPath(name), 'utf8')) as {
        duration_s: number; violations: string[];
        kpis: { pue: number | null; it_energy_kwh: number; peak_rack_coolant_c: number | null; peak_rack_inlet_c: number | null; racks_throttled: number; racks_tripped: number; gpu_hours_lost: number | null; gpu_utilisation: number | null };
        time_to_limit: Record<string, { t_s: number; component: string }>;
      };
      const k = g.kpis;
      const first = Object.entries(g.time_to_limit).sort((a, b) => a[1].t_s - b[1].t_s)[0];
      const it = k.it_energy_kwh >= 1e4 ? `${num(Number((k.it_energy_kwh / 1000).toFixed(1)))} MWh` : `${num(Number(k.it_energy_kwh.toFixed(1)))} kWh`;
      out.push(`| ${heading ? `[\`${name}\`](#${slug(heading)})` : `\`${name}\``} | ${hours(g.duration_s)} | ${k.pue === null ? '—' : k.pue.toFixed(3)} | ${it} | ${k.peak_rack_coolant_c === null ? '—' : `${k.peak_rack_coolant_c.toFixed(1)} °C`} | ${k.peak_rack_inlet_c === null ? '—' : `${k.peak_rack_inlet_c.toFixed(1)} °C`} | ${k.racks_throttled} / ${k.racks_tripped} | ${k.gpu_hours_lost === null || k.gpu_utilisation === null ? '—' : num(Number(k.gpu_hours_lost.toFixed(1)))} | ${first ? `${first[0]} at ${hm(first[1].t_s)} (${first[1].component})` : '—'} | ${g.violations.length ? g.violations.join(', ') : 'none'} |`);
    }
    return out.join('\n');
  },
};

export const BLOCKS: Block[] = [physicsChecks, hallResults];
