/**
 * The N-1 sweep table's columns, read from the cases themselves: the fields sweep.ts states today get a
 * name, a unit and an order; any other field a later engine adds becomes a column of its own, named after
 * its key, so the table never hides what the JSON says.
 * Objects are flattened one level (`worst.rack_coolant_c`), lists shown by count and first members.
 */
import type { SweepCase } from '../worker/protocol';
import { num } from '../format';

export interface SweepColumn {
  /** Field path in a case (`worst.rack_coolant_c`), or `rank` (the sweep's severity order). */
  key: string;
  label: string;
  title: string;
  numeric: boolean;
}

const seconds = (s: number) => (s >= 3600 ? `${num(s / 3600, 2)} h` : s >= 60 ? `${num(s / 60, 1)} min` : `${num(s, 1)} s`);

const KNOWN: Record<string, Omit<SweepColumn, 'key'> & { format?: (v: unknown) => string }> = {
  rank: { label: '#', title: 'Severity rank in the sweep (racks tripped, throttled, GPU-hours lost, then the sooner a limit and the hotter)', numeric: true },
  failed: { label: 'failed unit', title: 'The unit failed in this case', numeric: false },
  kind: { label: 'kind', title: 'Its reliability class', numeric: false },
  time_to_first_limit_s: { label: 'to first limit', title: 'From the failure to the first limit crossed (throttle, trip, ASHRAE class, supply)', numeric: true, format: (v) => (typeof v === 'number' ? seconds(v) : 'none') },
  first_limit: { label: 'first limit', title: 'Which limit was crossed first', numeric: false, format: (v) => (typeof v === 'string' ? v.replace(/_/g, ' ') : '—') },
  racks_throttled: { label: 'throttled', title: 'Racks that throttled', numeric: true },
  racks_tripped: { label: 'tripped', title: 'Racks that tripped', numeric: true },
  racks_lost_power: { label: 'lost power', title: 'Racks that lost both cords (or their only one): down, though not tripped', numeric: true },
  gpu_hours_lost: { label: 'GPU-h lost', title: 'GPU-hours lost to throttling and shutdown', numeric: true, format: (v) => (typeof v === 'number' ? num(v, 2) : '—') },
  tokens_lost: { label: 'tokens lost', title: 'Tokens the healthy run produced and this one did not', numeric: true, format: (v) => (typeof v === 'number' ? compact(v) : '—') },
  recovered: { label: 'recovered', title: 'At the end every rack is back at full power and every limit crossed is clear again', numeric: false },
  'worst.rack_coolant_c': { label: 'coolant °C', title: 'Worst rack coolant temperature', numeric: true },
  'worst.rack_inlet_c': { label: 'inlet °C', title: 'Worst rack inlet air temperature', numeric: true },
  'worst.fws_supply_c': { label: 'FWS °C', title: 'Worst facility-water supply temperature', numeric: true },
  represented_by: { label: 'run shared with', title: 'The interchangeable unit whose run this case shares (empty: it ran on its own)', numeric: false, format: (v) => (typeof v === 'string' ? v : '') },
};
const ORDER = Object.keys(KNOWN);

function compact(v: number): string {
  const a = Math.abs(v);
  return a >= 1e9 ? `${num(v / 1e9, 2)} G` : a >= 1e6 ? `${num(v / 1e6, 2)} M` : a >= 1e3 ? `${num(v / 1e3, 1)} k` : num(v, 0);
}

/** The value of a column in a case (`rank` is not a field: the caller knows it). */
export function cellValue(c: SweepCase, key: string): unknown {
  let v: unknown = c;
  for (const k of key.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A cell as text. */
export function formatCell(key: string, v: unknown): string {
  const f = KNOWN[key]?.format;
  if (f) return f(v);
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? num(v, 0) : num(v, Math.abs(v) >= 100 ? 1 : 2);
  if (Array.isArray(v)) return v.length <= 2 ? v.map(String).join(', ') : `${v.length}: ${v.slice(0, 2).map(String).join(', ')}, …`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Every column the cases have: the known ones in their order, then the others as they first appear. */
export function sweepColumns(cases: readonly SweepCase[]): SweepColumn[] {
  const keys = new Set<string>(['rank']);
  for (const c of cases) {
    for (const [k, v] of Object.entries(c)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const sub of Object.keys(v)) keys.add(`${k}.${sub}`);
      else keys.add(k);
    }
  }
  const known = ORDER.filter((k) => keys.has(k));
  const extra = [...keys].filter((k) => !(k in KNOWN));
  return [
    ...known.map((key) => ({ key, label: KNOWN[key]!.label, title: KNOWN[key]!.title, numeric: KNOWN[key]!.numeric })),
    ...extra.map((key) => ({
      key, label: key.replace(/_/g, ' '), title: `${key} (as the sweep's JSON states it)`,
      numeric: cases.some((c) => typeof cellValue(c, key) === 'number') || cases.some((c) => Array.isArray(cellValue(c, key))),
    })),
  ];
}

/** Sortable form of a value: numbers as numbers, lists by length, yes before no; missing sorts last either way. */
function sortKey(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.length;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The cases with their severity rank (1 = worst), in the order asked for (null: the sweep's own). */
export function sortedCases(cases: readonly SweepCase[], sort: { column: string; dir: 1 | -1 } | null): { c: SweepCase; rank: number }[] {
  const rows = cases.map((c, i) => ({ c, rank: i + 1 }));
  if (!sort) return rows;
  const key = (r: { c: SweepCase; rank: number }) => (sort.column === 'rank' ? r.rank : sortKey(cellValue(r.c, sort.column)));
  return rows
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => {
      if (a.k === null || b.k === null) return a.k === b.k ? a.r.rank - b.r.rank : a.k === null ? 1 : -1;
      const d = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k), undefined, { numeric: true });
      return d * sort.dir || a.r.rank - b.r.rank;
    })
    .map(({ r }) => r);
}
