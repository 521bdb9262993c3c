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

/** A position a row states it could take a rack in (`hall.rows[].spare`): empty today, planned by headroom. */
export interface SpareInfo {
  id: string;
  row: string;
  /** Row number in the hall and slot within the row: the positions after the row's racks. */
  rowIndex: number;
  slot: number;
  /** Index into HallLayout.cdus of the row's CDU, or −1. */
  cdu: number;
}

/** A row's spare positions, named as racks generated past its last one would be. */
export interface RowSpares { row: number; rowId: string; ids: string[] }

const rackNumber = (rowId: string, k: number) => `${rowId}-${String(k).padStart(2, '0')}`;

/**
 * Every row's spare positions in file order. A position is named as the row's next generated rack
 * (`row-A-09` after eight racks), skipping any id already in use in the hall, so a planned rack never
 * takes an existing rack's name. The one home of these names: headroom fills them, the twin draws them.
 */
export function sparePositions(scenario: Scenario): RowSpares[] {
  const rows = scenario.hall.rows ?? [];
  const used = new Set<string>();
  for (const row of rows) {
    used.add(row.id);
    const n = row.racks ? row.racks.length : row.count ?? 0;
    for (let i = 0; i < n; i++) used.add(row.racks?.[i]?.id ?? rackNumber(row.id, i + 1));
  }
  const spares: RowSpares[] = [];
  rows.forEach((row, r) => {
    if (!row.spare) return;
    const n = row.racks ? row.racks.length : row.count ?? 0;
    const ids: string[] = [];
    for (let k = n + 1; ids.length < row.spare; k++) {
      const id = rackNumber(row.id, k);
      if (!used.has(id)) { used.add(id); ids.push(id); }
    }
    spares.push({ row: r, rowId: row.id, ids });
  });
  return spares;
}

export interface HallLayout {
  hallId: string;
  hallName: string | null;
  /** Power-chain elements in feed order (parents before children); empty without a power section. */
  power: PowerElement[];
  rows: string[];
  racks: RackInfo[];
  /** Spare positions (empty today), row by row in file order; a row of `count: 0` has only these. */
  spares: SpareInfo[];
  cdus: { id: string; immersion: boolean; capacityKw: number }[];
  crahs: { id: string; capacityKw: number }[];
  chillers: { id: string; capacityKw: number }[];
  freeCoolers: { id: string; kind: 'dry_cooler' | 'tower'; capacityKw: number }[];
  hasStorage: boolean;
  /** The heat-recovery unit (`heat_reuse`), or null. */
  heatRecovery: { id: string; kind: 'direct' | 'heat_pump'; capacityKw: number } | null;
  /** Storage batteries on buses (power.batteries), in file order: the 3D view's battery units and the power charts. */
  batteries: { id: string; bus: string; energyKwh: number; powerKw: number; limitKw: number }[];
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
    spares: sparePositions(scenario).flatMap((sp) => {
      const row = scenario.hall.rows![sp.row]!;
      const n = row.racks ? row.racks.length : row.count ?? 0;
      const cdu = row.cdu ? cdus.ids.indexOf(row.cdu) : -1;
      return sp.ids.map((id, j) => ({ id, row: sp.rowId, rowIndex: sp.row, slot: n + j, cdu }));
    }),
    cdus: cdus.ids.map((id, c) => ({ id, immersion: cdus.immersion[c] === 1, capacityKw: cdus.capacity[c]! / 1000 })),
    crahs: crahs.ids.map((id, i) => ({ id, capacityKw: crahs.capacity[i]! / 1000 })),
    chillers: plant.chillers.map((c) => ({ id: c.id, capacityKw: c.capacity / 1000 })),
    freeCoolers: plant.freeCoolers.map((f) => ({ id: f.id, kind: f.kind, capacityKw: f.capacity / 1000 })),
    hasStorage: (plant.fws.storageCapacity > plant.fws.capacity * 1.0001),
    heatRecovery: plant.heatRecovery ? { id: plant.heatRecovery.id, kind: plant.heatRecovery.kind, capacityKw: plant.heatRecovery.capacity / 1000 } : null,
    batteries: (scenario.power?.batteries ?? []).map((b, j) => ({
      id: b.id, bus: b.bus, energyKwh: power!.storage.capacity[j]! / 3.6e6, powerKw: power!.storage.power[j]! / 1000, limitKw: power!.storage.limit[j]! / 1000,
    })),
  };
}
