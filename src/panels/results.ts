/**
 * What the results panel and the exports say about a finished run, as plain functions of the report
 * and the frames: the limits verdict (the CLI's words and exit rule), the JSON report as `dctwin run
 * --json` prints it, and the charted series as CSV.
 */
import type { Report } from '../worker/protocol';
import type { FrameBuffer } from '../state/frameBuffer';
import type { ChartSpec } from './chartSeries';

export interface LimitsVerdict {
  /** No stated limit was violated (the CLI exits 0; otherwise 2). */
  ok: boolean;
  /** For the top bar. */
  short: string;
  /** The CLI's closing line(s). */
  detail: string;
  /** One line per violation, `limit: message`, as the CLI lists them. */
  lines: string[];
}

export function limitsVerdict(r: Report): LimitsVerdict {
  const lines = r.violations.map((v) => `${v.limit}: ${v.message}`);
  if (!lines.length) return { ok: true, short: 'held', detail: 'all stated limits held', lines };
  return { ok: false, short: `${lines.length} violated`, detail: `LIMITS VIOLATED: ${lines.join('; ')}`, lines };
}

/** The report exactly as `dctwin run --json` writes it (same spacing; the same keys). */
export function reportJson(r: Report): string {
  return JSON.stringify(r, null, 1) + '\n';
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One column per charted series (title: label [unit]), one row per frame; t in seconds. */
export function chartedCsv(specs: readonly ChartSpec[], fb: FrameBuffer): string {
  const columns = specs.flatMap((c) => c.series.map((s) => ({ head: `${c.title}: ${s.label} [${s.scale === 'y2' ? c.unit2 : c.unit}]`, values: s.values })));
  const lines = [['t_s', ...columns.map((c) => c.head)].map(csvCell).join(',')];
  for (let i = 0; i < fb.count; i++) {
    const row = [String(+fb.t[i]!.toFixed(3))];
    for (const c of columns) row.push(String(+c.values[i]!.toPrecision(6)));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

/** The scenario file's name without its extension, for export file names. */
export const baseName = (fileName: string) => fileName.replace(/\.(ya?ml|json)$/i, '') || 'scenario';
