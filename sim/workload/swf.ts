/**
 * Reader of the Standard Workload Format (SWF 2.2, D. Feitelson's Parallel Workloads Archive,
 * https://www.cs.huji.ac.il/labs/parallel/workload/swf.html): one job per line, 18 whitespace-separated
 * numeric fields, −1 where a log does not know; `;` lines are comments, and header comments `; Key: value`
 * describe the machine (MaxNodes, MaxProcs, UnixStartTime …). Lines are sorted by submit time.
 *
 * Fields used here (1-based as the standard numbers them): 1 job number, 2 submit time (s after the log's
 * start), 4 run time (wall clock, s), 5 allocated processors (8 requested, when 5 is −1), 6 average CPU
 * time used per processor (s; with the run time, the CPU utilisation). Wait time (3) is the original
 * scheduler's answer, not an input: our scheduler decides the queueing.
 */

/** One job of the log (a line with a positive run time and processor count). */
export interface SwfJob {
  /** 1-based line in the text, for messages. */
  line: number;
  number: number;
  submit: number;
  run: number;
  procs: number;
  /** Average CPU time / run time, clamped to [0, 1]; null when the log does not say. */
  cpuUtil: number | null;
}

export interface SwfLog {
  header: { maxProcs: number | null; maxNodes: number | null; unixStartTime: number | null };
  jobs: SwfJob[];
  /** Lines not turned into jobs, by reason (a run time of −1 or 0, no processor count). */
  skipped: { noRunTime: number; noProcs: number };
}

const FIELDS = 18;
const MAX_ERRORS = 20;

/** Parse SWF text; every malformed line is reported by number (up to MAX_ERRORS of them). */
export function parseSwf(text: string): { ok: true; log: SwfLog } | { ok: false; errors: { line: number; message: string }[] } {
  const header: SwfLog['header'] = { maxProcs: null, maxNodes: null, unixStartTime: null };
  const jobs: SwfJob[] = [];
  const skipped = { noRunTime: 0, noProcs: 0 };
  const errors: { line: number; message: string }[] = [];
  let lastSubmit = -Infinity;
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    if (errors.length >= MAX_ERRORS) break;
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith(';')) {
      const m = /^;\s*(MaxProcs|MaxNodes|UnixStartTime)\s*:\s*(\S+)/i.exec(line);
      if (m) {
        const v = Number(m[2]);
        if (!Number.isFinite(v) || v < 0) { errors.push({ line: lineNo, message: `expected a number after "${m[1]}:", found "${m[2]}"` }); continue; }
        const key = m[1]!.toLowerCase();
        if (key === 'maxprocs') header.maxProcs = v; else if (key === 'maxnodes') header.maxNodes = v; else header.unixStartTime = v;
      }
      continue;
    }
    const cells = line.split(/\s+/);
    if (cells.length !== FIELDS) { errors.push({ line: lineNo, message: `expected ${FIELDS} whitespace-separated fields (SWF 2.2), found ${cells.length}` }); continue; }
    const f = cells.map(Number);
    const bad = f.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) { errors.push({ line: lineNo, message: `field ${bad + 1} expected a number (−1 when unknown), found "${cells[bad]}"` }); continue; }
    const [number, submit, , run, alloc, cpu, , req] = f as [number, number, number, number, number, number, number, number];
    if (submit < 0) { errors.push({ line: lineNo, message: `field 2 (submit time) expected a time ≥ 0 s, found ${submit}` }); continue; }
    if (submit < lastSubmit) { errors.push({ line: lineNo, message: `field 2 (submit time) ${submit} s is before the previous line's ${lastSubmit} s; SWF lines are sorted by submit time` }); continue; }
    lastSubmit = submit;
    if (!(run > 0)) { skipped.noRunTime++; continue; } // −1 unknown; 0 means it ran under half a second
    const procs = alloc > 0 ? alloc : req;
    if (!(procs > 0)) { skipped.noProcs++; continue; }
    if (!Number.isInteger(procs)) { errors.push({ line: lineNo, message: `field ${alloc > 0 ? 5 : 8} (processors) expected a whole number, found ${procs}` }); continue; }
    jobs.push({ line: lineNo, number, submit, run, procs, cpuUtil: cpu >= 0 ? Math.min(1, cpu / run) : null });
  }
  return errors.length ? { ok: false, errors } : { ok: true, log: { header, jobs, skipped } };
}
