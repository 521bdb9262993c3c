/**
 * Which failable units of a model are interchangeable, so the N-1 sweep may run one and report it for all:
 * the same pump of 64 identical row CDUs, the A-side busway of any of 48 identical training rows.
 *
 * Sound by construction, not by resemblance: the model becomes a labelled graph (racks, CDUs, CRAHs,
 * chillers, free coolers, power elements, sources, feeds and their paths; a node's label is every compiled
 * parameter of it but its id, edges are who cools, feeds and sources whom), and two units share a run only
 * when a permutation of the graph mapping one onto the other has been built and checked edge by edge — an
 * automorphism. Under one, the two failures are the same run with the components renamed. Finding it is a
 * heuristic (colour refinement with each unit singled out, then a greedy match that keeps everything it can
 * in place); only the check decides, so a miss costs a run, never a wrong answer.
 *
 * What that leans on: the engine treats components of a kind alike, whatever their place in the file (load
 * shares among chillers, free coolers and CRAHs in proportion; the two cords of a load alike), except
 * (1) a bus's sources, tried in file order (an edge rank here), and (2) the workload's first-fit placement,
 * which can depend on rack order once racks fail — unless `Workload.rackJobs` shows it cannot, racks keep
 * their index in their label and no permutation moves them. A label takes every per-component array of a
 * kind but ids and layout positions, so a parameter added later is compared without anyone remembering to;
 * more in a label can only part units, never join them. Sums over components then run in another order,
 * so a shared run can differ from its own in the last bits of a floating-point sum; test/analysis/sweep.test.ts
 * compares grouped and ungrouped sweeps.
 */
import type { Model } from '../model/model';
import type { FailRepair } from '../plant/actions';

type Edge = { t: number; y: number };

/** The model as a graph: labels (interned), adjacency by edge type (both directions, distinct types). */
interface Graph {
  n: number;
  label: Int32Array;
  adj: Edge[][];
  /** The same adjacency flat (CSR) for colour refinement: node x's edges are [off[x], off[x + 1]). */
  off: Int32Array;
  nbr: Int32Array;
  /** Per edge, a hash of its type. */
  typeMix: Int32Array;
  /** Directed edges as keys (t·n + x)·n + y, for the automorphism check. */
  edges: Set<number>;
  /**
   * Node of each id a unit names: `plant:<id>` for cooling components, `power:<id>` for power elements,
   * sources and feed paths (`<feed>.a` / `<feed>.b`) — two namespaces, as events resolve them.
   */
  nodeOf: Map<string, number>;
}

/** A value's text for a label; a function (nothing compiled holds one today) never matches another. */
let fnSerial = 0;
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'function' ? `fn#${fnSerial++}` : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x));

/** Entry i of every per-component array of a structure-of-arrays (length n), except `skip`. */
function soaLabel(soa: object, n: number, i: number, skip: readonly string[]): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(soa).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (skip.includes(k)) continue;
    if ((ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === n) parts.push(`${k}=${text((v as ArrayLike<unknown>)[i])}`);
  }
  return parts.join(';');
}

const withoutId = (o: object) => text({ ...o, id: undefined });

function buildGraph(model: Model, rackJobs: string[] | null): Graph {
  const { racks, cdus, crahs, chillers, freeCoolers } = model.plant;
  const labels: string[] = [];
  const nodeOf = new Map<string, number>();
  let space = 'plant';
  const add = (id: string | null, label: string) => { if (id !== null) nodeOf.set(`${space}:${id}`, labels.length); labels.push(label); return labels.length - 1; };
  const rack0 = labels.length;
  for (let r = 0; r < racks.n; r++) add(null, `rack|${soaLabel(racks, racks.n, r, ['ids', 'rows', 'rowIndex', 'slot', 'cdu'])}|${rackJobs ? rackJobs[r] : `#${r}`}`);
  const cdu0 = labels.length;
  for (let c = 0; c < cdus.n; c++) add(cdus.ids[c]!, `cdu|${soaLabel(cdus, cdus.n, c, ['ids', 'rackStart', 'rackEnd'])}`);
  const crah0 = labels.length;
  for (let i = 0; i < crahs.n; i++) add(crahs.ids[i]!, `crah|${soaLabel(crahs, crahs.n, i, ['ids'])}`);
  const chiller0 = labels.length;
  chillers.forEach((ch) => add(ch.id, `chiller|${withoutId(ch)}`));
  const fc0 = labels.length;
  freeCoolers.forEach((f) => add(f.id, `free_cooling|${withoutId(f)}`));
  // The plant-wide loads the chain may carry (LoadKind.FwsPumps, Lighting, FacilityOther): one node each.
  const site0 = labels.length;
  for (const k of ['fws_pumps', 'lighting', 'facility_other']) add(k, k);

  const raw: [number, string, number][] = [];
  for (let r = 0; r < racks.n; r++) if (racks.cdu[r]! >= 0) raw.push([rack0 + r, 'cooled by', cdu0 + racks.cdu[r]!]);

  const pw = model.power;
  if (pw) {
    space = 'power';
    const node0 = labels.length;
    const nodeArrays = Object.fromEntries(Object.entries(pw).filter(([k, v]) => ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === pw.ids.length && !['pathA', 'pathB', 'feedOf', 'loadKind', 'loadIndex', 'kindStart'].includes(k)));
    pw.ids.forEach((id, i) => add(id, `power ${pw.kind[i]}|${soaLabel(nodeArrays, pw.ids.length, i, [])}|${text(pw.upsLoss[i])}|${pw.designLabel(i)}`));
    pw.parent.forEach((p, i) => { if (p >= 0) raw.push([node0 + i, 'fed by', node0 + p]); });
    const util0 = labels.length;
    pw.utilities.forEach((u) => add(u.id, `utility|${withoutId(u)}`));
    const gen0 = labels.length;
    pw.generators.forEach((g) => add(g.id, `generator|${withoutId(g)}`));
    pw.busSources.forEach((srcs, i) => srcs.forEach((s, rank) => raw.push([node0 + i, `source ${rank}`, (s.kind === 0 ? util0 : gen0) + s.index])));
    // Batteries on buses: a unit each (failable), alike when their settings are.
    const st = pw.storage;
    for (let j = 0; j < st.n; j++) raw.push([add(st.ids[j]!, `bess|${st.capacity[j]} ${st.power[j]} ${st.limit[j]} ${st.initial[j]} ${st.efficiencyOf(j)}`), 'on bus', node0 + st.bus[j]!]);
    const feedPath: number[][] = pw.feeds.map((f) => {
      const feed = add(null, `feed|${f.hasB}`);
      // Paths a and b are alike to the chain (a load shares between live cords, moves to the survivor).
      const a = add(`${f.id}.a`, 'feed path'), b = f.hasB ? add(`${f.id}.b`, 'feed path') : -1;
      raw.push([a, 'path of', feed]);
      if (b >= 0) raw.push([b, 'path of', feed]);
      return [a, b];
    });
    // Each load point: its component, by kind, on its feed's paths, which end on chain elements.
    const entity = [rack0, cdu0, crah0, chiller0, chiller0, fc0, site0, site0 + 1, site0 + 2];
    for (let j = 0; j < pw.loadKind.length; j++) {
      const k = pw.loadKind[j]!, x = entity[k]! + pw.loadIndex[j]!;
      const [a, b] = feedPath[pw.feedOf[j]!]!;
      raw.push([x, `load ${k}`, a!]);
      raw.push([a!, 'ends on', node0 + pw.pathA[j]!]);
      if (b! >= 0 && pw.pathB[j]! >= 0) { raw.push([x, `load ${k}`, b!]); raw.push([b!, 'ends on', node0 + pw.pathB[j]!]); }
    }
  }

  const n = labels.length;
  const intern = new Map<string, number>();
  const num = (s: string) => intern.get(s) ?? intern.set(s, intern.size).get(s)!;
  const label = Int32Array.from(labels, num);
  const typeIds = new Map<string, number>();
  const adj: Edge[][] = Array.from({ length: n }, () => []);
  const edges = new Set<number>();
  const type = (s: string) => typeIds.get(s) ?? typeIds.set(s, typeIds.size).get(s)!;
  for (const [x, t, y] of raw) {
    const fwd = type(`${t}>`), back = type(`<${t}`);
    const key = (fwd * n + x) * n + y;
    if (edges.has(key)) continue; // a feed path ends on its element once, whatever the number of loads
    edges.add(key); edges.add((back * n + y) * n + x);
    adj[x]!.push({ t: fwd, y }); adj[y]!.push({ t: back, y: x });
  }
  const off = new Int32Array(n + 1);
  for (let x = 0; x < n; x++) off[x + 1] = off[x]! + adj[x]!.length;
  const nbr = new Int32Array(off[n]!), typeMix = new Int32Array(off[n]!);
  for (let x = 0; x < n; x++) adj[x]!.forEach((e, k) => { nbr[off[x]! + k] = e.y; typeMix[off[x]! + k] = Math.imul(e.t + 1, 0x9e3779b1); });
  return { n, label, adj, off, nbr, typeMix, edges, nodeOf };
}

/** murmur3's 32-bit finaliser: a well-mixed hash of one integer. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Colour refinement (1-dimensional Weisfeiler–Leman) from the labels, with node `single` (if ≥ 0) given a
 * colour of its own, to the stable partition: each round a node's colour becomes a hash of its colour and
 * the multiset of (edge type, colour) of its neighbours (summed, so no sorting). Colours are hashes of the
 * structure, so equal colours from two calls mean the same thing; a collision only merges colours, which
 * weakens the search, never the check.
 */
function refine(g: Graph, single: number): Int32Array {
  let col = Int32Array.from(g.label, (l, x) => mix(l + (x === single ? 0x40000000 : 0)));
  let classes = new Set(col).size;
  const { off, nbr, typeMix } = g;
  let next = new Int32Array(g.n);
  for (;;) {
    for (let x = 0; x < g.n; x++) {
      let sum = 0, sum2 = 0;
      for (let k = off[x]!; k < off[x + 1]!; k++) { const h = mix(col[nbr[k]!]! ^ typeMix[k]!); sum = (sum + h) | 0; sum2 = (sum2 + mix(h)) | 0; }
      next[x] = mix(col[x]! ^ mix(sum ^ mix(sum2 + 0x27d4eb2d)));
    }
    const k = new Set(next).size;
    [col, next] = [next, col];
    if (k === classes) return col;
    classes = k;
  }
}

/**
 * A permutation π of the graph with π(u) = v that preserves labels and edges, or null if none was found.
 * c1 and c2 are the stable colourings with u and with v singled out: π may map x to y only when c1[x] = c2[y]. Matching walks out
 * along edges; it keeps a node in place when it can, else prefers one that cannot stay in place itself
 * (c1 ≠ c2 there), so two blocks swap rather than rotate and both sides of a 2N design agree.
 */
function automorphism(g: Graph, u: number, v: number, c1: Int32Array, c2: Int32Array): Int32Array | null {
  const n = g.n;
  const pi = new Int32Array(n).fill(-1);
  const used = new Uint8Array(n);
  // The image of x among candidates: x itself if it may stay, else one that cannot stay, else any.
  let displaced = -1, any = -1;
  const consider = (x: number, y: number): boolean => {
    if (used[y] || c2[y] !== c1[x]) return false;
    if (y === x) return true;
    if (displaced < 0 && c1[y] !== c2[y]) displaced = y;
    if (any < 0) any = y;
    return false;
  };
  const chosen = () => (displaced >= 0 ? displaced : any);
  const walk = (x0: number, y0: number): boolean => {
    pi[x0] = y0; used[y0] = 1;
    const queue = [x0];
    for (let q = 0; q < queue.length; q++) {
      const x = queue[q]!, y = pi[x]!;
      for (const e of g.adj[x]!) {
        if (pi[e.y]! >= 0) continue;
        displaced = any = -1;
        let pick = -1;
        for (const f of g.adj[y]!) if (f.t === e.t && consider(e.y, f.y)) { pick = f.y; break; }
        if (pick < 0) pick = chosen();
        if (pick < 0) return false;
        pi[e.y] = pick; used[pick] = 1;
        queue.push(e.y);
      }
    }
    return true;
  };
  if (!walk(u, v)) return null;
  // Parts the walk did not reach (units with no edges, other components of the graph).
  const free = new Map<number, number[]>();
  for (let y = 0; y < n; y++) if (!used[y]) (free.get(c2[y]!) ?? free.set(c2[y]!, []).get(c2[y]!)!).push(y);
  for (let x = 0; x < n; x++) {
    if (pi[x]! >= 0) continue;
    displaced = any = -1;
    let pick = consider(x, x) ? x : -1;
    if (pick < 0) { for (const y of free.get(c1[x]!) ?? []) consider(x, y); pick = chosen(); }
    if (pick < 0 || !walk(x, pick)) return null;
  }
  for (let x = 0; x < n; x++) if (g.label[x] !== g.label[pi[x]!]) return null;
  for (let x = 0; x < n; x++) for (const e of g.adj[x]!) if (!g.edges.has((e.t * n + pi[x]!) * n + pi[e.y]!)) return null;
  return pi;
}

const POWER_CLASSES = new Set(['utility', 'generator', 'bus', 'ups', 'ups_module', 'distribution', 'feed', 'bess']);

/** The node a swept unit acts on: a pump its CDU, a UPS module its UPS, a feed path its own node. */
function unitNode(g: Graph, u: FailRepair): number | undefined {
  const space = POWER_CLASSES.has(u.cls) ? 'power' : 'plant';
  const direct = g.nodeOf.get(`${space}:${u.id}`);
  if (direct !== undefined) return direct;
  const m = /^(.*)\.(pump|module)\d+$/.exec(u.id);
  return m ? g.nodeOf.get(`${space}:${m[1]}`) : undefined;
}

/**
 * For each of `units` (indices into model.failable), the index in `units` of the unit whose run it may
 * share (itself when it runs), given a model compiled from the healthy scenario and a `key` that must
 * also agree (the repair time). `model` must not have run (its arrays hold the design state). `rackJobs`
 * is the workload's placement at t = 0 (Workload.rackJobs; empty strings without a workload), or null
 * when placement may depend on rack order.
 */
export function interchangeable(model: Model, units: readonly number[], key: (k: number) => string, rackJobs: string[] | null): number[] {
  const g = buildGraph(model, rackJobs);
  const base = refine(g, -1);
  const views = new Map<number, Int32Array>();
  const view = (x: number) => views.get(x) ?? views.set(x, refine(g, x)).get(x)!;
  const reps = new Map<string, number[]>();
  return units.map((ui, k) => {
    const u = model.failable[ui]!;
    const x = unitNode(g, u);
    if (x === undefined) return k; // a unit this graph does not know runs on its own
    const group = `${u.cls}|${key(k)}|${base[x]}`;
    const list = reps.get(group) ?? reps.set(group, []).get(group)!;
    for (const r of list) {
      const y = unitNode(g, model.failable[units[r]!]!)!;
      if (y === x || automorphism(g, x, y, view(x), view(y))) return r;
    }
    list.push(k);
    return k;
  });
}
