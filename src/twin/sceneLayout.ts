/**
 * Where everything stands, in metres (1 unit = 1 m; x along the rows, z across them, y up). Pure: the
 * engine's HallLayout (and the power section of the raw scenario, when there is one) in, boxes and pipe
 * runs out. Racks 0.6 × 1.2 × 2.2 m in rows 1.2 m apart, alternating cold and hot aisles; each row's CDU
 * stands at its west end, fan-wall CRAHs along the east wall, the plant yard north of the hall (−z).
 */
import type { HallLayout } from '../worker/protocol';
import { asArray, asObject, asText, type RawObject } from '../scenario/raw';

export const RACK = { w: 0.6, d: 1.2, h: 2.2, gap: 0.02 } as const;
export const AISLE = 1.2;
export const ROW_PITCH = RACK.d + AISLE;
const TANK = { w: 2.4, d: 1.2, h: 1.3, pitch: 3.0 } as const;
const CDU = { w: 0.8, d: 1.2, h: 2.2 } as const;
const CRAH = { w: 0.9, d: 2.0, h: 2.6, pitch: 2.4 } as const;
/** Height of the overhead facility-water header and branches. */
const FWS_Y = 3.2;
const TCS_Y = 2.5;

export type EquipmentKind = 'cdu' | 'tank_hx' | 'crah' | 'chiller' | 'dry_cooler' | 'tower' | 'storage' | 'generator' | 'ups' | 'utility' | 'heat_recovery' | 'battery';

export interface Box { x: number; y: number; z: number; w: number; h: number; d: number }

export interface Equipment {
  id: string;
  kind: EquipmentKind;
  box: Box;
  /** Index into HallLayout.cdus for CDUs and tank exchangers, else −1. */
  cdu: number;
}

export interface PipeRun {
  points: [number, number, number][];
  radius: number;
  /** Flow channel: a CDU index (TCS loops), or cdus.length for the facility-water loop. */
  channel: number;
  supply: boolean;
}

/** Racks side by side in one row: picking maps a point on the block to a slot. */
export interface RackBlock {
  x0: number; pitch: number; z0: number; z1: number; height: number;
  /** Rack index at each slot, −1 where none. */
  slots: Int32Array;
}

export interface Area { x0: number; x1: number; z0: number; z1: number }

/** `spare`: a spare position (index into HallLayout.spares), for the camera to show where a rack would go. */
export type Target = { kind: 'rack'; index: number } | { kind: 'equipment'; index: number } | { kind: 'spare'; index: number };

export interface SceneLayout {
  rackX: Float32Array; rackZ: Float32Array; rackW: Float32Array; rackH: Float32Array; rackD: Float32Array;
  /** Centres of the spare positions (HallLayout.spares, same order), rack-sized: where ghost racks stand. */
  spareX: Float32Array; spareZ: Float32Array;
  blocks: RackBlock[];
  equipment: Equipment[];
  pipes: PipeRun[];
  hall: Area;
  yard: Area;
  aisles: (Area & { cold: boolean })[];
  rowLabels: { text: string; x: number; y: number; z: number }[];
  bounds: { min: [number, number, number]; max: [number, number, number] };
  targets: Map<string, Target>;
}

const rowZ = (rowIndex: number) => rowIndex * ROW_PITCH + RACK.d / 2;

export function buildSceneLayout(layout: HallLayout, raw: RawObject | null): SceneLayout {
  const nRows = layout.rows.length;
  const n = layout.racks.length;
  const rackX = new Float32Array(n), rackZ = new Float32Array(n), rackW = new Float32Array(n), rackH = new Float32Array(n), rackD = new Float32Array(n);
  const targets = new Map<string, Target>();

  // Racks and tanks, and the blocks picking uses.
  const slotsPerRow = new Map<number, number>();
  for (const r of layout.racks) slotsPerRow.set(r.rowIndex, Math.max(slotsPerRow.get(r.rowIndex) ?? 0, r.slot + 1));
  const blocks = new Map<number, RackBlock>();
  let eastX = 0;
  layout.racks.forEach((r, i) => {
    const tank = r.cooling === 'immersion';
    const pitch = tank ? TANK.pitch : RACK.w;
    const z = tank ? rowZ(nRows) + 0.6 : rowZ(r.rowIndex);
    rackX[i] = r.slot * pitch + pitch / 2;
    rackZ[i] = z;
    rackW[i] = (tank ? TANK.w : RACK.w) - RACK.gap;
    rackH[i] = tank ? TANK.h : RACK.h;
    rackD[i] = (tank ? TANK.d : RACK.d) - RACK.gap;
    eastX = Math.max(eastX, (r.slot + 1) * pitch);
    targets.set(r.id, { kind: 'rack', index: i });
    let b = blocks.get(r.rowIndex);
    if (!b) {
      const slots = new Int32Array(slotsPerRow.get(r.rowIndex)!).fill(-1);
      blocks.set(r.rowIndex, (b = { x0: 0, pitch, z0: z - rackD[i]! / 2, z1: z + rackD[i]! / 2, height: rackH[i]!, slots }));
    }
    b.slots[r.slot] = i;
  });
  // Spare positions continue their rows (an empty row has only these); the hall's walls take them in.
  const spareX = new Float32Array(layout.spares.length), spareZ = new Float32Array(layout.spares.length);
  layout.spares.forEach((p, i) => {
    spareX[i] = p.slot * RACK.w + RACK.w / 2;
    spareZ[i] = rowZ(p.rowIndex);
    eastX = Math.max(eastX, (p.slot + 1) * RACK.w);
  });
  const lastRowZ = layout.racks.some((r) => r.cooling === 'immersion') ? rowZ(nRows) + 0.6 + TANK.d / 2 : rowZ(Math.max(nRows - 1, 0)) + RACK.d / 2;

  // CDUs at the west end of the first row they feed; tank exchangers beside their tank.
  const equipment: Equipment[] = [];
  const cduRows = layout.cdus.map(() => new Set<number>());
  const tankOf = new Map<number, number>();
  layout.racks.forEach((r, i) => {
    if (r.cdu < 0) return;
    if (r.cooling === 'immersion') tankOf.set(r.cdu, i);
    else cduRows[r.cdu]!.add(r.rowIndex);
  });
  // A CDU installed for a row of spare positions only stands at that row, not past the last one.
  for (const p of layout.spares) if (p.cdu >= 0 && cduRows[p.cdu]!.size === 0 && !tankOf.has(p.cdu)) cduRows[p.cdu]!.add(p.rowIndex);
  const westStack = new Map<number, number>();
  let westX = -CDU.w - 0.2;
  const cduPos: { x: number; z: number; top: number }[] = [];
  layout.cdus.forEach((c, ci) => {
    const tank = tankOf.get(ci);
    let box: Box;
    if (c.immersion && tank !== undefined) {
      box = { x: rackX[tank]!, y: 0.45, z: rackZ[tank]! + TANK.d / 2 + 0.5, w: 0.8, h: 0.9, d: 0.6 };
    } else {
      const rows = [...cduRows[ci]!].sort((a, b) => a - b);
      const home = rows[0] ?? nRows; // a CDU feeding nothing stands past the last row
      const k = westStack.get(home) ?? 0;
      westStack.set(home, k + 1);
      const x = -0.2 - CDU.w / 2 - k * (CDU.w + 0.2);
      westX = Math.min(westX, x - CDU.w / 2);
      box = { x, y: CDU.h / 2, z: rowZ(home), w: CDU.w, h: CDU.h, d: CDU.d };
    }
    cduPos.push({ x: box.x, z: box.z, top: box.y + box.h / 2 });
    equipment.push({ id: c.id, kind: c.immersion ? 'tank_hx' : 'cdu', box, cdu: ci });
  });

  const hall: Area = { x0: westX - 2.2, x1: eastX + 1.2 + CRAH.w + 0.4, z0: -AISLE - 0.6, z1: Math.max(lastRowZ, rowZ(nRows)) + AISLE + 0.6 };
  const headerX = hall.x0 + 0.7;

  // CRAH fan walls: east wall first, then the north and south walls.
  const crahSpots: { x: number; z: number; alongX: boolean }[] = [];
  const east = Math.max(1, Math.floor((hall.z1 - hall.z0 - 1) / CRAH.pitch));
  const along = Math.max(1, Math.floor((eastX - 1) / CRAH.pitch));
  for (let k = 0; k < east; k++) crahSpots.push({ x: eastX + 1.2 + CRAH.w / 2, z: hall.z0 + 0.5 + (k + 0.5) * ((hall.z1 - hall.z0 - 1) / east), alongX: false });
  for (let k = 0; k < along; k++) crahSpots.push({ x: (k + 0.5) * (eastX / along), z: hall.z1 - CRAH.w / 2 - 0.2, alongX: true });
  for (let k = 0; k < along; k++) crahSpots.push({ x: (k + 0.5) * (eastX / along), z: hall.z0 + CRAH.w / 2 + 0.2, alongX: true });
  // Spread the CRAHs over the east wall when they fit there, so three units do not bunch in a corner.
  const crahCount = layout.crahs.length;
  layout.crahs.forEach((c, i) => {
    const spot = crahCount <= east
      ? { x: eastX + 1.2 + CRAH.w / 2, z: hall.z0 + 0.5 + (i + 0.5) * ((hall.z1 - hall.z0 - 1) / crahCount), alongX: false }
      : crahSpots[i % crahSpots.length]!;
    const box: Box = spot.alongX
      ? { x: spot.x, y: CRAH.h / 2, z: spot.z, w: CRAH.d, h: CRAH.h, d: CRAH.w }
      : { x: spot.x, y: CRAH.h / 2, z: spot.z, w: CRAH.w, h: CRAH.h, d: CRAH.d };
    equipment.push({ id: c.id, kind: 'crah', box, cdu: -1 });
  });

  // Plant yard north of the hall (behind it from the default view): one band per kind, units side by side along x.
  const xMid = (hall.x0 + hall.x1) / 2;
  const bands: { kind: EquipmentKind; ids: string[]; w: number; d: number; h: number; pitch: number }[] = [];
  // The heat-recovery unit (a heat pump or a plate exchanger skid) first: it sits on the return ahead of the rest.
  if (layout.heatRecovery) bands.push({ kind: 'heat_recovery', ids: [layout.heatRecovery.id], w: 6, d: 3, h: 3, pitch: 7 });
  if (layout.hasStorage) bands.push({ kind: 'storage', ids: ['storage'], w: 4, d: 4, h: 7, pitch: 5 });
  if (layout.chillers.length) bands.push({ kind: 'chiller', ids: layout.chillers.map((c) => c.id), w: 6, d: 2.6, h: 2.6, pitch: 8 });
  const dry = layout.freeCoolers.filter((f) => f.kind === 'dry_cooler').map((f) => f.id);
  const towers = layout.freeCoolers.filter((f) => f.kind === 'tower').map((f) => f.id);
  if (dry.length) bands.push({ kind: 'dry_cooler', ids: dry, w: 7, d: 2.3, h: 2.4, pitch: 9 });
  if (towers.length) bands.push({ kind: 'tower', ids: towers, w: 4, d: 4, h: 5, pitch: 6 });
  const power = asObject(raw?.power);
  if (power) {
    const ids = (k: string) => asArray(power[k]).map((v) => asText(asObject(v)?.id)).filter(Boolean);
    if (ids('ups').length) bands.push({ kind: 'ups', ids: ids('ups'), w: 3, d: 1.2, h: 2, pitch: 4 });
    // Storage batteries (BESS): container-sized blocks beside the UPS band.
    if (layout.batteries.length) bands.push({ kind: 'battery', ids: layout.batteries.map((b) => b.id), w: 5, d: 2.4, h: 2.6, pitch: 7 });
    if (ids('generators').length) bands.push({ kind: 'generator', ids: ids('generators'), w: 6, d: 2.6, h: 3, pitch: 8 });
    if (ids('utilities').length) bands.push({ kind: 'utility', ids: ids('utilities'), w: 3, d: 3, h: 3, pitch: 5 });
  }
  let z = hall.z0 - 7;
  const yard: Area = { x0: xMid, x1: xMid, z0: z + 2, z1: hall.z0 - 1.5 };
  /** Per band: the z of its facility-water manifold and the boxes it feeds. */
  const manifolds: { z: number; boxes: Box[] }[] = [];
  for (const band of bands) {
    const span = (band.ids.length - 1) * band.pitch;
    const fed: Box[] = [];
    band.ids.forEach((id, k) => {
      const box: Box = { x: xMid - span / 2 + k * band.pitch, y: band.h / 2, z: z - band.d / 2, w: band.w, h: band.h, d: band.d };
      equipment.push({ id, kind: band.kind, box, cdu: -1 });
      if (band.kind !== 'ups' && band.kind !== 'generator' && band.kind !== 'utility' && band.kind !== 'battery') fed.push(box);
    });
    if (fed.length) manifolds.push({ z: z + 1.2, boxes: fed });
    yard.x0 = Math.min(yard.x0, xMid - span / 2 - band.w / 2 - 2);
    yard.x1 = Math.max(yard.x1, xMid + span / 2 + band.w / 2 + 2);
    z -= band.d + 4.5;
  }
  yard.z0 = z + 2;
  if (!bands.length) yard.x0 = yard.x1;
  equipment.forEach((e, i) => targets.set(e.id, { kind: 'equipment', index: i }));
  layout.spares.forEach((p, i) => { if (!targets.has(p.id)) targets.set(p.id, { kind: 'spare', index: i }); });

  // Pipes. TCS: CDU → along its rows above the racks. FWS: CDU → overhead header on the west wall →
  // out through the north wall → a trunk into the yard, a manifold along each band, a branch per unit.
  const pipes: PipeRun[] = [];
  const fws = layout.cdus.length;
  const tcsRun = (ci: number, row: number, dz: number, supply: boolean) => {
    const c = cduPos[ci]!;
    const end = (slotsPerRow.get(row) ?? 0) * RACK.w;
    pipes.push({ channel: ci, supply, radius: 0.04, points: [[c.x, c.top, c.z + dz], [c.x, TCS_Y, c.z + dz], [c.x, TCS_Y, rowZ(row) + dz], [end, TCS_Y, rowZ(row) + dz]] });
  };
  layout.cdus.forEach((c, ci) => {
    if (!c.immersion) for (const row of cduRows[ci]!) { tcsRun(ci, row, -0.22, true); tcsRun(ci, row, 0.22, false); }
  });
  let zHi = -Infinity;
  cduPos.forEach((c) => {
    for (const supply of [true, false]) {
      const hx = headerX + (supply ? 0 : 0.45), y = FWS_Y + (supply ? 0 : 0.3), dx = supply ? -0.12 : 0.12;
      pipes.push({ channel: fws, supply, radius: 0.055, points: [[c.x + dx, c.top, c.z], [c.x + dx, y, c.z], [hx, y, c.z]] });
    }
    zHi = Math.max(zHi, c.z);
  });
  if (cduPos.length) {
    const lastZ = manifolds.length ? manifolds[manifolds.length - 1]!.z : hall.z0 - 3;
    for (const supply of [true, false]) {
      const hx = headerX + (supply ? 0 : 0.45), y = FWS_Y + (supply ? 0 : 0.3), low = supply ? 0.6 : 1.1, off = supply ? 0 : 0.5;
      pipes.push({ channel: fws, supply, radius: 0.12, points: [[hx, y, zHi], [hx, y, hall.z0 - 1], [hx, low, hall.z0 - 1], [hx, low, lastZ + off]] });
      for (const m of manifolds) {
        const mz = m.z + off;
        const xs = m.boxes.map((b) => b.x + (supply ? -0.6 : 0.6));
        pipes.push({ channel: fws, supply, radius: 0.1, points: [[Math.min(hx, ...xs), low, mz], [Math.max(hx, ...xs), low, mz]] });
        for (const b of m.boxes) {
          const bx = b.x + (supply ? -0.6 : 0.6);
          pipes.push({ channel: fws, supply, radius: 0.07, points: [[bx, low, mz], [bx, low, b.z + b.d / 2]] });
        }
      }
    }
  }

  // Aisles: row r faces +z when r is even, so the aisle after an even row is cold.
  const aisles: SceneLayout['aisles'] = [];
  for (let r = -1; r < nRows; r++) {
    const z0 = r < 0 ? hall.z0 + 0.3 : rowZ(r) + RACK.d / 2;
    const z1 = r + 1 < nRows ? rowZ(r + 1) - RACK.d / 2 : Math.min(z0 + AISLE, hall.z1 - 0.3);
    aisles.push({ x0: 0, x1: eastX, z0, z1, cold: r >= 0 && r % 2 === 0 });
  }

  const every = nRows > 40 ? 10 : 1;
  const rowLabels = layout.rows
    .map((id, r) => ({ text: id, x: westX - 0.6, y: 2.9, z: rowZ(r) }))
    .filter((_, r) => r % every === 0);

  // The yard of a large hall is wider than the hall on both sides: "Fit hall" must take it in whole.
  const x0 = Math.min(yard.x0, hall.x0), x1 = Math.max(yard.x1, hall.x1);
  const z0 = Math.min(yard.z0, hall.z0), z1 = Math.max(yard.z1, hall.z1);
  return {
    rackX, rackZ, rackW, rackH, rackD, spareX, spareZ, blocks: [...blocks.values()], equipment, pipes, hall, yard, aisles, rowLabels, targets,
    bounds: { min: [x0, 0, z0], max: [x1, 7, z1] },
  };
}

/** Centre and size of a component, for the camera and labels. */
export function targetBox(scene: SceneLayout, id: string): Box | null {
  const t = scene.targets.get(id);
  if (!t) return null;
  if (t.kind === 'equipment') return scene.equipment[t.index]!.box;
  if (t.kind === 'spare') return { x: scene.spareX[t.index]!, y: RACK.h / 2, z: scene.spareZ[t.index]!, w: RACK.w, h: RACK.h, d: RACK.d };
  const i = t.index;
  return { x: scene.rackX[i]!, y: scene.rackH[i]! / 2, z: scene.rackZ[i]!, w: scene.rackW[i]!, h: scene.rackH[i]!, d: scene.rackD[i]! };
}
