/**
 * Telemetry replay: a CSV of utilisation over time, one column per node, rack or job, replayed as the
 * load of the racks (or the GPU utilisation of the jobs) it names.
 *
 * Format: a header line `t_s,<column>,<column>…`, then one line per sample: the time in seconds (before
 * `time_scale` and `start_at`), then a utilisation 0–1.5 per column (1 = design power). Times strictly
 * increase. Between samples the value is interpolated linearly (`linear`, default) or held (`step`, up to
 * and including the next sample's time);
 * before the first sample and after the last, the end values hold. Every sample time inside the run is a
 * discrete event, so an integration step never straddles a kink and the IT energy of a replayed rack is
 * exactly the trapezoid integral of its power samples (linear) or the sum of rectangles (step).
 */

export interface Telemetry {
  columns: string[];
  /** Sample times on the run's clock, s (after time_scale and start_at). */
  times: Float64Array;
  /** values[c][i]: column c at sample i. */
  values: Float64Array[];
  step: boolean;
}

const MAX_ERRORS = 20;
/** Columns one CSV may hold: every rack of the largest hall and then some. */
export const MAX_TELEMETRY_COLUMNS = 40_000;

export function parseTelemetry(text: string, timeScale: number, startAt: number, step: boolean): { ok: true; telemetry: Telemetry } | { ok: false; errors: { line: number; message: string }[] } {
  const lines = text.split('\n');
  const errors: { line: number; message: string }[] = [];
  let lineNo = 0;
  let header: string[] | null = null;
  const times: number[] = [];
  let cols: number[][] = [];
  for (const raw of lines) {
    lineNo++;
    if (errors.length >= MAX_ERRORS) break;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    if (!header) {
      if (!/^t(_s)?$/i.test(cells[0]!)) { errors.push({ line: lineNo, message: `expected a header line starting "t_s," (time in seconds, then one column per node, rack or job), found "${line.slice(0, 60)}"` }); break; }
      if (cells.length < 2) { errors.push({ line: lineNo, message: 'expected at least one column after t_s' }); break; }
      if (cells.length - 1 > MAX_TELEMETRY_COLUMNS) { errors.push({ line: lineNo, message: `expected at most ${MAX_TELEMETRY_COLUMNS} columns, found ${cells.length - 1}` }); break; }
      header = cells.slice(1);
      const seen = new Set<string>();
      for (const h of header) {
        if (h === '') errors.push({ line: lineNo, message: 'expected a name for every column, found an empty one' });
        else if (seen.has(h)) errors.push({ line: lineNo, message: `column "${h}" appears twice` });
        seen.add(h);
      }
      cols = header.map(() => []);
      continue;
    }
    if (cells.length !== header.length + 1) { errors.push({ line: lineNo, message: `expected ${header.length + 1} cells (as the header), found ${cells.length}` }); continue; }
    const t = Number(cells[0]);
    if (cells[0] === '' || !Number.isFinite(t)) { errors.push({ line: lineNo, message: `expected a time in seconds, found "${cells[0]}"` }); continue; }
    if (times.length && !(t > times[times.length - 1]!)) { errors.push({ line: lineNo, message: `time ${t} s is not after the previous line's ${times[times.length - 1]} s; times must increase` }); continue; }
    let ok = true;
    for (let c = 0; c < header.length; c++) {
      const v = Number(cells[c + 1]);
      if (cells[c + 1] === '' || !Number.isFinite(v) || v < 0 || v > 1.5) { errors.push({ line: lineNo, message: `column "${header[c]}": expected a utilisation between 0 and 1.5, found "${cells[c + 1]}"` }); ok = false; break; }
    }
    if (!ok) continue;
    times.push(t);
    for (let c = 0; c < header.length; c++) cols[c]!.push(Number(cells[c + 1]));
  }
  if (!errors.length && !header) errors.push({ line: lineNo, message: 'expected a header line "t_s,<column>,…" and samples, found nothing' });
  if (!errors.length && times.length === 0) errors.push({ line: lineNo, message: 'expected at least one sample line after the header' });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    telemetry: { columns: header!, times: Float64Array.from(times, (t) => startAt + t * timeScale), values: cols.map((c) => Float64Array.from(c)), step },
  };
}

/**
 * Where time t falls among the samples: index i and weight f, so a column's value is
 * v[i] + f·(v[i+1] − v[i]) (f = 0 for step, and at or beyond the ends). Step holds a sample up to and
 * including the next sample's time.
 */
export function locate(tel: Telemetry, t: number, out: { i: number; f: number }): void {
  const ts = tel.times, n = ts.length;
  if (t <= ts[0]!) { out.i = 0; out.f = 0; return; }
  if (tel.step) {
    // Held through the next sample's own time (left-continuous): the step ending on a sample integrates
    // the value held before it, and the new value starts with the step after the sample's event.
    if (t > ts[n - 1]!) { out.i = n - 1; out.f = 0; return; }
    let lo = 0, hi = n - 1; // ts[lo] < t ≤ ts[hi]
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (ts[mid]! < t) lo = mid; else hi = mid; }
    out.i = lo; out.f = 0;
    return;
  }
  if (t >= ts[n - 1]!) { out.i = n - 1; out.f = 0; return; }
  let lo = 0, hi = n - 1; // ts[lo] ≤ t < ts[hi]
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (ts[mid]! <= t) lo = mid; else hi = mid; }
  out.i = lo;
  out.f = (t - ts[lo]!) / (ts[hi]! - ts[lo]!);
}

/** Column c's value at the located position. */
export function valueAt(tel: Telemetry, c: number, at: { i: number; f: number }): number {
  const v = tel.values[c]!;
  return at.f === 0 ? v[at.i]! : v[at.i]! + at.f * (v[at.i + 1]! - v[at.i]!);
}
