/**
 * The power chain's steady state for a planning case: with some elements out (a UPS, a distribution
 * element, a bus, utilities, UPS modules), which source each bus settles on, what every element carries,
 * and which loads are left without a live cord. No time passes: generators that a bus needs are on line
 * (their start delay is a transient, for the run to show), batteries are full (no recharge draw), nothing
 * has tripped. The dynamic chain (chain.ts) is never touched, so one compiled chain serves every case.
 *
 * The load split and the losses are the run's own (chain.step): a load with two live cords shares it
 * half and half, one live cord carries it all; distribution loss grows with the square of the load,
 * UPS loss follows its three-term curve on the modules still healthy.
 */
import type { Plant } from '../plant/types';
import type { PowerChain } from './chain';
import { fillDemands, LoadKind, type DemandSources } from './loads';
import { upsLoss } from './battery';
import { NodeKind, SourceKind } from './topology';

/** What is out in a case: node indices, utility indices, and UPS modules out by node index. */
export interface PowerOutage {
  nodes?: ReadonlySet<number>;
  utilities?: ReadonlySet<number>;
  modules?: ReadonlyMap<number, number>;
}

export interface StaticPower {
  /** Output each node carries (what its loads and children draw), W. */
  load: Float64Array;
  /** What each node draws from its parent (load + losses), W. */
  input: Float64Array;
  /** What each node may carry in this case: its rating; a UPS's healthy modules × module rating. W. */
  capacity: Float64Array;
  alive: Uint8Array;
  /** Load each generator carries (0 when none of its buses is on it), W. */
  generatorLoad: Float64Array;
  /** Load points left with no live cord: `${kind}:${index}` as LoadKind and plant index. */
  unserved: { kind: number; index: number }[];
}

/**
 * Arrays reused across the cases of one chain (a planning study runs hundreds): a result is valid until
 * the next call for the same chain.
 */
const scratch = new WeakMap<PowerChain, StaticPower & { generatorOn: Int32Array; demand: Float64Array }>();

/** `absent`: racks (by plant index, 1 = absent) that are not in the design: they draw nothing and need no cord. */
export function staticPower(chain: PowerChain, plant: Plant, src: DemandSources, out: PowerOutage = {}, absent?: Uint8Array): StaticPower {
  const n = chain.ids.length;
  let b = scratch.get(chain);
  if (!b) {
    b = {
      load: new Float64Array(n), input: new Float64Array(n), capacity: new Float64Array(n), alive: new Uint8Array(n),
      generatorLoad: new Float64Array(chain.generators.length), unserved: [], generatorOn: new Int32Array(n),
      demand: new Float64Array(chain.loadKind.length),
    };
    scratch.set(chain, b);
  }
  const { alive, capacity, generatorOn, load, input, generatorLoad, demand } = b;
  generatorOn.fill(-1);
  load.fill(0);
  generatorLoad.fill(0);
  const unserved: { kind: number; index: number }[] = (b.unserved = []);
  for (let i = 0; i < n; i++) {
    const k = chain.kind[i]!;
    const outHere = out.nodes?.has(i) ?? false;
    if (k === NodeKind.Bus) {
      let live = false;
      for (const s of chain.busSources[i]!) {
        if (s.kind === SourceKind.Utility && !(out.utilities?.has(s.index) ?? false)) { live = true; break; }
        if (s.kind === SourceKind.Generator) { live = true; generatorOn[i] = s.index; break; }
      }
      alive[i] = live && !outHere ? 1 : 0;
      capacity[i] = chain.rating[i]!;
    } else {
      const p = chain.parent[i]!;
      const up = p >= 0 && alive[p] === 1;
      if (k === NodeKind.Ups) {
        const healthy = chain.modules[i]! - (out.modules?.get(i) ?? 0);
        capacity[i] = Math.max(0, healthy) * chain.moduleRating[i]!;
        alive[i] = up && !outHere && healthy > 0 ? 1 : 0;
      } else {
        capacity[i] = chain.rating[i]!;
        alive[i] = up && !outHere ? 1 : 0;
      }
    }
  }
  fillDemands(chain, plant, src, demand);
  for (let j = 0; j < demand.length; j++) {
    const d = demand[j]!;
    const a = chain.pathA[j]!, b = chain.pathB[j]!;
    const la = a >= 0 && alive[a] === 1, lb = b >= 0 && alive[b] === 1;
    if (la && lb) { load[a]! += d / 2; load[b]! += d / 2; }
    else if (la) load[a]! += d;
    else if (lb) load[b]! += d;
    else if ((a >= 0 || b >= 0) && !(absent && chain.loadKind[j] === LoadKind.Rack && absent[chain.loadIndex[j]!])) unserved.push({ kind: chain.loadKind[j]!, index: chain.loadIndex[j]! });
  }
  for (let i = n - 1; i >= 0; i--) {
    const k = chain.kind[i]!, L = load[i]!;
    let loss = 0;
    if (k === NodeKind.Dist) { const x = L / chain.rating[i]!; loss = chain.lossK[i]! * chain.rating[i]! * x * x; }
    else if (k === NodeKind.Ups) loss = upsLoss(L, capacity[i]!, chain.upsLoss[i]!);
    input[i] = L + loss;
    const p = chain.parent[i]!;
    if (p >= 0) load[p]! += input[i]!;
  }
  for (let i = 0; i < n; i++) if (alive[i] && generatorOn[i]! >= 0) generatorLoad[generatorOn[i]!]! += load[i]!;
  return b;
}
