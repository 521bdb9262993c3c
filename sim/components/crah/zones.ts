/**
 * Per-row air zones: each row's aisle pair is a zone with its own (hot-aisle, return-side) air node and
 * its own cold-aisle (rack inlet) temperature, served by the CRAHs that name it. The solve is in
 * network/airZones.ts; here are the zones compiled from the file and the containment defaults.
 *
 * The lumped model of a zone z (air node T_z, the air the CRAHs take back):
 *   supply      T_s   from the zone's CRAHs (held at the setpoint, or coil-limited, or capacity-limited)
 *   return      T_ret = (1 − b)·T_z + b·T_s        b: bypass, supply air back to the CRAH without a rack
 *   rack inlet  T_in  = (1 − r)·T_s + r·T_z        r: recirculation, rack exhaust drawn back into the inlet
 *   CRAH duty   Q     = A·(T_ret − T_s) = A·(1 − b)·(T_z − T_s)
 * and neighbouring rows' zones exchange air at X = x·(V̇_z + V̇_z+1)/2·ρ·cp, with V̇ the racks' design
 * airflow and x the mean of the two rows' recirculation fractions (air that escapes a row's aisles does
 * not stop at its own row). Air volume and structure UA are shared equally; hall-wide gains and a shared
 * CRAH's duty by design air heat. A hall with no zones stated keeps the single mixed node (crah.ts).
 */
import type { RowSpec } from '../rack/schema';
import type { CrahSpec } from './schema';
import type { Racks } from '../rack/rack';
import type { Hall } from './crah';
import { RACK } from '../rack/schema';
import type { ThermalState, Reader, FinalState } from '../contract';
import { temperatureReader, toC } from '../contract';

export type Containment = 'none' | 'cold_aisle' | 'hot_aisle' | 'chimney';

/**
 * Recirculation and bypass fractions by containment. Sources:
 * - none (hot/cold aisles, open room): recirculation 0.20 — Sharma, Bash & Patel (2002) measured supply
 *   heat indices (the share of inlet enthalpy rise from exhaust) of 0.1–0.4 in open-aisle rooms; bypass
 *   0.40 — Uptime Institute (Sullivan, Strong & Brill 2004) found 60 % of supply air bypassing in 19 rooms,
 *   Upsite Technologies' survey of 45 sites 48 %; 0.40 credits a room with blanking panels and sealed cable
 *   cut-outs (Herrlin's return temperature index RTI ≈ 60 %, where 100 % is balanced).
 * - cold_aisle / hot_aisle: 0.05 / 0.10 — containment leaks through door gaps, roof panels and unsealed
 *   rack rails; Schneider Electric White Paper 135 (Niemann et al.) and ASHRAE's Best Practices guide
 *   put residual recirculation at a few per cent and bypass under 10–15 %.
 * - chimney: 0.03 / 0.10 — exhaust ducted from each rack to the return plenum, so almost none comes round
 *   to the inlet; bypass as for contained aisles (perforated tiles and leakage into the room).
 * A row that states no containment in a zoned hall keeps the single-node model's assumption: every rack
 * breathes supply air (0 / 0); state the containment for the published leakage.
 */
export const CONTAINMENT: Record<Containment, { recirculation: number; bypass: number }> = {
  none: { recirculation: 0.2, bypass: 0.4 },
  cold_aisle: { recirculation: 0.05, bypass: 0.1 },
  hot_aisle: { recirculation: 0.05, bypass: 0.1 },
  chimney: { recirculation: 0.03, bypass: 0.1 },
};

export interface AirZones {
  n: number;
  /** The row each zone is, by id (zone z is hall.rows[z]). */
  ids: string[];
  /** Air heat capacity of each zone, J/K: the hall's air volume shared equally among the rows. */
  capacity: Float64Array;
  recirculation: Float64Array;
  bypass: Float64Array;
  /** Air exchange between zone z and z + 1, W/K (n − 1 entries). */
  exchange: Float64Array;
  /** Each zone's share of the hall's surface UA to the structure, W/K. */
  structureUA: Float64Array;
  /** Each zone's share of the hall-wide gains (other heat, electrical losses, heat outside rows); sums to 1. */
  gainShare: Float64Array;
  /** CRAH → zones it serves (CSR by CRAH): zone index and the share of the unit's air and duty. */
  linkStart: Int32Array;
  linkZone: Int32Array;
  linkShare: Float64Array;
  /** Zone of each rack (racks order); racks outside rows (immersion tanks) share equally: −1. */
  rackZone: Int32Array;
}

type Err = (path: string, message: string) => void;

/** Whether the file asks for per-row zones: any row's containment or fractions, any CRAH's `serves`, or a rear door. */
export function wantsZones(rows: RowSpec[], crahs: CrahSpec[], anyDoor: boolean): boolean {
  return anyDoor || crahs.some((c) => c.serves !== undefined) ||
    rows.some((r) => r.containment !== undefined || r.recirculation !== undefined || r.bypass !== undefined);
}

/**
 * The zones of a hall whose rows are `rows` (racks already compiled), with CRAH links. A CRAH's air and
 * duty are shared among the rows it serves by their racks' design air heat (tiles and dampers balanced
 * to load), equally when none of them has any; the hall-wide gains likewise among all rows.
 */
export function compileZones(rows: RowSpec[], crahSpecs: CrahSpec[], racks: Racks, hall: Hall, err: Err): AirZones {
  const n = rows.length;
  const recirculation = new Float64Array(n), bypass = new Float64Array(n);
  rows.forEach((row, z) => {
    const base = row.containment ? CONTAINMENT[row.containment] : { recirculation: 0, bypass: 0 };
    recirculation[z] = row.recirculation ?? base.recirculation;
    bypass[z] = row.bypass ?? base.bypass;
    if (bypass[z]! >= 1) err(`hall.rows[${z}].bypass`, `expected a share below 1 (at 1 no supply air reaches a rack), found ${bypass[z]}`);
  });
  const rowOf = new Map(rows.map((r, z) => [r.id, z]));
  const rackZone = Int32Array.from(racks.rowIndex, (ri) => (ri < n ? ri : -1));
  // Design air heat of each row: what its racks put into the air at full power.
  const airHeat = new Float64Array(n);
  for (let r = 0; r < racks.n; r++) {
    const z = rackZone[r]!;
    if (z >= 0) airHeat[z] = airHeat[z]! + racks.designPower[r]! * (1 - racks.liquidFraction[r]!);
  }
  const exchange = new Float64Array(Math.max(0, n - 1));
  for (let z = 0; z + 1 < n; z++) {
    const x = 0.5 * (recirculation[z]! + recirculation[z + 1]!);
    // Rack airflow capacity rate is air heat / rise (ρ·cp cancels): W/K.
    exchange[z] = (x * 0.5 * (airHeat[z]! + airHeat[z + 1]!)) / RACK.airRise;
  }
  // Hall-wide gains go where the air heat is (each zone's CRAH share is sized by the same measure), so a
  // row of spare positions only (no racks, no CRAH share) is not given heat it has nothing to remove with.
  let totalAir = 0;
  for (let z = 0; z < n; z++) totalAir += airHeat[z]!;
  const gainShare = Float64Array.from(airHeat, (q) => (totalAir > 0 ? q / totalAir : 1 / n));
  const linkStart = new Int32Array(crahSpecs.length + 1);
  const linkZone: number[] = [], linkShare: number[] = [];
  crahSpecs.forEach((c, i) => {
    linkStart[i] = linkZone.length;
    const served: number[] = [];
    if (c.serves === undefined) for (let z = 0; z < n; z++) served.push(z);
    else c.serves.forEach((id, k) => {
      const z = rowOf.get(id);
      if (z === undefined) err(`hall.crahs[${i}].serves[${k}]`, `expected the id of a row in hall.rows, found "${id}"`);
      else if (served.includes(z)) err(`hall.crahs[${i}].serves[${k}]`, `row "${id}" is listed twice`);
      else served.push(z);
    });
    let total = 0;
    for (const z of served) total += airHeat[z]!;
    for (const z of served) { linkZone.push(z); linkShare.push(total > 0 ? airHeat[z]! / total : 1 / served.length); }
  });
  linkStart[crahSpecs.length] = linkZone.length;
  return {
    n, ids: rows.map((r) => r.id),
    capacity: new Float64Array(n).fill(hall.airCapacity / Math.max(1, n)),
    recirculation, bypass, exchange,
    structureUA: new Float64Array(n).fill(hall.structureUA / Math.max(1, n)), gainShare,
    linkStart, linkZone: Int32Array.from(linkZone), linkShare: Float64Array.from(linkShare), rackZone,
  };
}

/** Probes of zone z (row `ids[z]`): its air (hot-aisle, return side) node and its racks' inlet. */
export function zoneProbes(air: number, z: number, state: ThermalState): Map<string, Reader> {
  return new Map<string, Reader>([
    ['air', temperatureReader(() => state.T[air + z]!)],
    ['inlet', temperatureReader(() => state.zoneInlet[z]!)],
  ]);
}

export const zoneFinal = (zones: AirZones, air: number, z: number, state: ThermalState): FinalState =>
  ({ kind: 'air_zone', air_c: toC(state.T[air + z]!), inlet_c: toC(state.zoneInlet[z]!), recirculation: zones.recirculation[z]!, bypass: zones.bypass[z]! });
