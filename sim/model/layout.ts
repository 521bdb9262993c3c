/**
 * The hall as hosts draw it: racks by row and slot, CDUs, CRAHs, heat rejection and the power chain,
 * read from the compiled model (plain data, so it crosses a worker boundary unchanged).
 */
import type { Scenario } from '../scenario/schema';
import type { Plant } from '../plant/types';
import { Cooling } from '../plant/types';
import type { PowerChain } from '../power/chain';
import type { PowerElement } from '../power/topology';

export interface RackInfo {
  id: string;
  row: string;
  /** Row number in the hall (immersion tanks: one past the last row) and slot within the row. */
  rowIndex: number;
  slot: number;
  cooling: 'air' | 'dlc' | 'immersion';
  /** Index into HallLayout.cdus, or −1. */
  cdu: number;
  gpus: number;
  designPowerKw: number;
}

export interface HallLayout {
  hallId: string;
  hallName: string | null;
  /** Power-chain elements in feed order (parents before children); empty without a power section. */
  power: PowerElement[];
  rows: string[];
  racks: RackInfo[];
  cdus: { id: string; immersion: boolean; capacityKw: number }[];
  crahs: { id: string; capacityKw: number }[];
  chillers: { id: string; capacityKw: number }[];
  freeCoolers: { id: string; kind: 'dry_cooler' | 'tower'; capacityKw: number }[];
  hasStorage: boolean;
}

export function describeLayout(scenario: Scenario, plant: Plant, power: PowerChain | null): HallLayout {
  const { racks, cdus, crahs } = plant;
  const cool = ['air', 'dlc', 'immersion'] as const;
  return {
    hallId: plant.hall.id,
    hallName: scenario.hall.name ?? null,
    power: power ? power.order.map((e) => ({ ...e })) : [],
    rows: (scenario.hall.rows ?? []).map((r) => r.id),
    racks: Array.from({ length: racks.n }, (_, r) => ({
      id: racks.ids[r]!, row: racks.rows[r]!, rowIndex: racks.rowIndex[r]!, slot: racks.slot[r]!,
      cooling: cool[racks.cooling[r]! as Cooling]!, cdu: racks.cdu[r]!, gpus: racks.gpus[r]!, designPowerKw: racks.designPower[r]! / 1000,
    })),
    cdus: cdus.ids.map((id, c) => ({ id, immersion: cdus.immersion[c] === 1, capacityKw: cdus.capacity[c]! / 1000 })),
    crahs: crahs.ids.map((id, i) => ({ id, capacityKw: crahs.capacity[i]! / 1000 })),
    chillers: plant.chillers.map((c) => ({ id: c.id, capacityKw: c.capacity / 1000 })),
    freeCoolers: plant.freeCoolers.map((f) => ({ id: f.id, kind: f.kind, capacityKw: f.capacity / 1000 })),
    hasStorage: (plant.fws.storageCapacity > plant.fws.capacity * 1.0001),
  };
}
