/**
 * Which spare positions a headroom answer fills: the ghost racks of the 3D view. Positions are matched by
 * id against the layout's spare positions (sim/model/layout.ts names both), so an answer for another
 * hall draws nothing rather than the wrong places.
 */
import type { HallLayout, HeadroomResult } from '../worker/protocol';

export interface GhostPlan {
  /** Indices into layout.spares of the positions the answer adds racks to, and of those it leaves out. */
  added: number[];
  left: number[];
}

export const NO_GHOSTS: GhostPlan = { added: [], left: [] };

export function ghostPlan(layout: HallLayout | null, result: HeadroomResult | null): GhostPlan {
  if (!layout || !result) return NO_GHOSTS;
  const taken = new Set(result.positions);
  const plan: GhostPlan = { added: [], left: [] };
  layout.spares.forEach((p, i) => (taken.has(p.id) ? plan.added : plan.left).push(i));
  return plan;
}
