/**
 * The power chain's topology: which elements exist (sources, buses, UPS, distribution), who feeds whom,
 * and the order the chain walks them in — every node after its parent, so one backward pass carries each
 * load up to its source. Built once, with errors that point at the field naming a missing or looping parent.
 */
import type { PowerSpec } from '../scenario/schema';
import type { UpsSpec } from '../components/ups/schema';
import { DISTRIBUTION } from '../components/distribution/schema';

export const enum NodeKind { Bus = 0, Ups = 1, Dist = 2 }

/** What can feed a bus through its ATS. A new kind (battery storage, on-site generation) gets a value here. */
export const enum SourceKind { Utility = 0, Generator = 1 }

/**
 * A bus source: its kind and its index among the sources of that kind. There is one object per source,
 * made at construction, so an active source compares by identity.
 */
export interface SourceRef { readonly kind: SourceKind; readonly index: number }

/**
 * A power-chain element in the one order hosts see: utilities, generators, buses, UPS, distribution,
 * each group in file order (HallLayout.power, the frames' power states).
 */
export interface PowerElement { id: string; kind: 'utility' | 'generator' | 'bus' | 'ups' | 'distribution'; parent: string | null }

/** A bus, UPS or distribution element as the file states it, resolved to the fields the chain keeps. */
export interface NodeSpec { id: string; kind: NodeKind; parentId: string | null; rating: number; lossK: number; inHall: boolean; path: string; ups?: UpsSpec }

export interface Topology {
  /** Nodes in file order: buses, UPS, distribution, each as the file lists them. */
  specs: NodeSpec[];
  /** Nodes with every parent before its children. */
  ordered: NodeSpec[];
  /** Node id → index in `ordered`. */
  index: Map<string, number>;
  /** Source id → its one SourceRef. */
  sourceIndex: Map<string, SourceRef>;
}

export function buildTopology(spec: PowerSpec, err: (path: string, message: string) => void): Topology {
  const index = new Map<string, number>();
  const sourceIndex = new Map<string, SourceRef>();
  spec.utilities.forEach((u, index) => sourceIndex.set(u.id, { kind: SourceKind.Utility, index }));
  (spec.generators ?? []).forEach((g, index) => sourceIndex.set(g.id, { kind: SourceKind.Generator, index }));
  const specs: NodeSpec[] = [];
  spec.buses.forEach((b, i) => specs.push({ id: b.id, kind: NodeKind.Bus, parentId: null, rating: b.rating ?? Infinity, lossK: 0, inHall: false, path: `power.buses[${i}]` }));
  (spec.ups ?? []).forEach((u, i) => specs.push({ id: u.id, kind: NodeKind.Ups, parentId: u.bus, rating: u.modules * u.module_rating, lossK: 0, inHall: u.location === 'hall', path: `power.ups[${i}]`, ups: u }));
  (spec.distribution ?? []).forEach((d, i) => specs.push({ id: d.id, kind: NodeKind.Dist, parentId: d.from, rating: d.rating, lossK: d.loss_at_rating ?? DISTRIBUTION.lossAtRating, inHall: (d.location ?? 'hall') === 'hall', path: `power.distribution[${i}]` }));
  // Topological order: a node after its parent (distribution may chain).
  const byId = new Map(specs.map((s) => [s.id, s]));
  const ordered: NodeSpec[] = [];
  const state = new Map<string, number>();
  const visit = (s: NodeSpec) => {
    const st = state.get(s.id);
    if (st === 2) return;
    if (st === 1) { err(`${s.path}.from`, `a loop in the power chain runs through "${s.id}"`); return; }
    state.set(s.id, 1);
    if (s.parentId !== null) {
      const p = byId.get(s.parentId);
      if (!p) err(`${s.path}.${s.kind === NodeKind.Ups ? 'bus' : 'from'}`, `expected a ${s.kind === NodeKind.Ups ? 'bus' : 'bus, UPS or distribution'} id, found "${s.parentId}"`);
      else if (s.kind === NodeKind.Ups && p.kind !== NodeKind.Bus) err(`${s.path}.bus`, `expected a bus id, found "${s.parentId}" (a ${p.kind === NodeKind.Ups ? 'UPS' : 'distribution element'})`);
      else visit(p);
    }
    state.set(s.id, 2);
    ordered.push(s);
  };
  for (const s of specs) visit(s);
  for (const s of ordered) {
    if (index.has(s.id) || sourceIndex.has(s.id)) { err(`${s.path}.id`, `id "${s.id}" is used twice in the power chain`); continue; }
    index.set(s.id, ordered.indexOf(s));
  }
  return { specs, ordered, index, sourceIndex };
}
