/**
 * The power chain's loads: every plant quantity that draws power (rack cords, CDU pumps, CRAH fans,
 * chiller compressors with their condenser fans and pumps, chiller controls, free-cooler fans, the
 * facility-water pumps, hall lighting and the site's other loads) as a load point on one or two paths; what
 * each draws in a step; their healthy design load for the rating check; and which keep power after a change.
 * A load that no feed names is not on the chain: it keeps power whatever the chain does.
 */
import type { PowerSpec } from '../scenario/schema';
import type { Plant } from '../plant/types';
import { CHILLER } from '../components/chiller/schema';
import type { PowerHooks } from './chain';

/** A load point: which plant quantity it is, and its one or two paths (node indices). */
export const enum LoadKind { Rack = 0, Cdu = 1, Crah = 2, Chiller = 3, ChillerControls = 4, FreeCooler = 5, FwsPumps = 6, Lighting = 7, FacilityOther = 8 }

/** How many load kinds there are (LoadKind's values are 0 … LOAD_KINDS − 1). */
const LOAD_KINDS = 9;

/** What each load kind is called in messages, by LoadKind. */
export const LOAD_KIND_NAMES = ['rack', 'CDU', 'CRAH', 'chiller', 'chiller controls', 'free cooler', 'FWS pumps', 'lighting', 'facility other'] as const;

/**
 * The selectors of the plant-wide loads, one load point each: the facility-water (primary) pumps, the hall
 * lighting (`facility.lighting`), and the site's other loads (`facility.other`: BMS, security, offices).
 */
export const SITE_LOADS = { fws_pumps: LoadKind.FwsPumps, lighting: LoadKind.Lighting, facility_other: LoadKind.FacilityOther } as const;

/** Where the per-component electrical demands of a step are read from. */
export interface DemandSources {
  rackPower: Float64Array;
  chillerPower: Float64Array;
  freeCoolerFan: Float64Array;
}

/**
 * Load points sorted by kind: kind k occupies [kindStart[k], kindStart[k+1]); each has path a and maybe b
 * (node indices, −1 for none, or while that path of its feed has failed) and the feed that set them.
 */
export interface LoadPoints {
  readonly loadKind: Uint8Array;
  readonly kindStart: Int32Array;
  readonly loadIndex: Int32Array;
  readonly pathA: Int32Array;
  readonly pathB: Int32Array;
  /** Index in `power.feeds` of the feed each load point hangs on (a later feed naming a load wins). */
  readonly feedOf: Int32Array;
}

/**
 * Each feed's id: its own, else `feed-<first load>` (then `-2`, `-3`, … while that is taken), so events
 * and the N-1 sweep can name one path of it (`part: a`). `taken` says whether the chain already uses an id.
 */
export function feedIds(feeds: PowerSpec['feeds'], taken: (id: string) => boolean, err: (path: string, message: string) => void): string[] {
  const ids: string[] = [];
  const used = new Set<string>();
  feeds.forEach((f, fi) => {
    if (f.id === undefined) return;
    if (taken(f.id) || used.has(f.id)) err(`power.feeds[${fi}].id`, `id "${f.id}" is used twice in the power chain`);
    used.add(f.id);
  });
  feeds.forEach((f) => {
    let id = f.id;
    if (id === undefined) {
      const base = `feed-${f.loads[0]}`;
      id = base;
      for (let k = 2; taken(id) || used.has(id); k++) id = `${base}-${k}`;
      used.add(id);
    }
    ids.push(id);
  });
  return ids;
}

/** Each feed's load selectors (ids, rows, classes) expanded to load points on its paths. */
export function compileLoads(feeds: PowerSpec['feeds'], plant: Plant, index: Map<string, number>, err: (path: string, message: string) => void): LoadPoints {
  const pts = new Map<string, { kind: LoadKind; index: number; a: number; b: number; feed: number }>();
  const { racks, cdus, crahs, chillers, freeCoolers } = plant;
  const selectors = new Map<string, { kind: LoadKind; index: number }[]>();
  const sel = (key: string, kind: LoadKind, i: number) => (selectors.get(key) ?? selectors.set(key, []).get(key)!).push({ kind, index: i });
  // A row of spare positions only is a valid selector with nothing in it yet (its racks come with an expansion).
  for (const row of plant.rowIds) selectors.set(row, []);
  for (let r = 0; r < racks.n; r++) { sel(racks.ids[r]!, LoadKind.Rack, r); sel(racks.rows[r]!, LoadKind.Rack, r); sel('racks', LoadKind.Rack, r); }
  for (let c = 0; c < cdus.n; c++) { sel(cdus.ids[c]!, LoadKind.Cdu, c); sel('cdus', LoadKind.Cdu, c); }
  for (let i = 0; i < crahs.n; i++) { sel(crahs.ids[i]!, LoadKind.Crah, i); sel('crahs', LoadKind.Crah, i); }
  chillers.forEach((c, i) => { sel(c.id, LoadKind.Chiller, i); sel('chillers', LoadKind.Chiller, i); sel(`${c.id}.controls`, LoadKind.ChillerControls, i); sel('chiller_controls', LoadKind.ChillerControls, i); });
  freeCoolers.forEach((f, i) => { sel(f.id, LoadKind.FreeCooler, i); sel('free_cooling', LoadKind.FreeCooler, i); });
  for (const [key, kind] of Object.entries(SITE_LOADS)) sel(key, kind, 0);
  feeds.forEach((f, fi) => {
    const a = index.get(f.a);
    const b = f.b !== undefined ? index.get(f.b) : -1;
    if (a === undefined) err(`power.feeds[${fi}].a`, `expected a bus, UPS or distribution id, found "${f.a}"`);
    if (b === undefined) err(`power.feeds[${fi}].b`, `expected a bus, UPS or distribution id, found "${f.b}"`);
    f.loads.forEach((l, li) => {
      const members = selectors.get(l);
      if (!members) { err(`power.feeds[${fi}].loads[${li}]`, `expected a rack, row, CDU, CRAH, chiller or free-cooler id, or racks/cdus/crahs/chillers/chiller_controls/free_cooling/fws_pumps/lighting/facility_other, found "${l}"`); return; }
      for (const m of members) pts.set(`${m.kind}:${m.index}`, { ...m, a: a ?? -1, b: b ?? -1, feed: fi });
    });
  });
  const list = [...pts.values()].sort((x, y) => x.kind - y.kind || x.index - y.index);
  const kindStart = new Int32Array(LOAD_KINDS + 1);
  for (let k = 0; k <= LOAD_KINDS; k++) { const at = list.findIndex((p) => p.kind >= k); kindStart[k] = at < 0 ? list.length : at; }
  return {
    loadKind: Uint8Array.from(list, (p) => p.kind), kindStart, loadIndex: Int32Array.from(list, (p) => p.index),
    pathA: Int32Array.from(list, (p) => p.a), pathB: Int32Array.from(list, (p) => p.b), feedOf: Int32Array.from(list, (p) => p.feed),
  };
}

/**
 * Healthy design load each node carries directly (racks at design power, chillers at capacity/COP, fans at
 * rating, FWS pumps at the loop's flow, lighting and other as compiled; a load with two cords shares it),
 * before loads are carried up to parents.
 */
export function designLoads(lp: LoadPoints, plant: Plant, n: number): Float64Array {
  const { racks, crahs, chillers, freeCoolers, fws, facility } = plant;
  const design = new Float64Array(n);
  for (let j = 0; j < lp.loadKind.length; j++) {
    const i = lp.loadIndex[j]!;
    let w = 0;
    switch (lp.loadKind[j]) {
      case LoadKind.Rack: w = racks.designPower[i]!; break;
      case LoadKind.Crah: w = crahs.fanPower[i]!; break;
      case LoadKind.Chiller: w = chillers[i]!.capacity / chillers[i]!.cop + chillers[i]!.condenserFanPower + chillers[i]!.condenserPumpPower; break;
      case LoadKind.FreeCooler: w = freeCoolers[i]!.fanPower; break;
      case LoadKind.FwsPumps: w = fws.pumpPower; break;
      case LoadKind.Lighting: w = facility.lighting; break;
      case LoadKind.FacilityOther: w = facility.other; break;
      default: w = 0; // CDU pumps and chiller controls: small against the racks
    }
    const a = lp.pathA[j]!, b = lp.pathB[j]!;
    if (a >= 0 && b >= 0) { design[a]! += w / 2; design[b]! += w / 2; } else if (a >= 0) design[a]! += w; else if (b >= 0) design[b]! += w;
  }
  return design;
}

/** Demands of every load point, kind by kind (typed loops: this runs every step). */
export function fillDemands(lp: LoadPoints, plant: Plant, src: DemandSources, d: Float64Array): void {
  const idx = lp.loadIndex, ks = lp.kindStart;
  const { cdus, crahs } = plant;
  for (let j = ks[LoadKind.Rack]!; j < ks[LoadKind.Rack + 1]!; j++) d[j] = src.rackPower[idx[j]!]!;
  for (let j = ks[LoadKind.Cdu]!; j < ks[LoadKind.Cdu + 1]!; j++) d[j] = cdus.pumpPower[idx[j]!]!;
  for (let j = ks[LoadKind.Crah]!; j < ks[LoadKind.Crah + 1]!; j++) d[j] = crahs.failed[idx[j]!] ? 0 : crahs.fanPower[idx[j]!]!;
  for (let j = ks[LoadKind.Chiller]!; j < ks[LoadKind.Chiller + 1]!; j++) d[j] = src.chillerPower[idx[j]!]!;
  for (let j = ks[LoadKind.ChillerControls]!; j < ks[LoadKind.ChillerControls + 1]!; j++) d[j] = CHILLER.controlsPower;
  for (let j = ks[LoadKind.FreeCooler]!; j < ks[LoadKind.FreeCooler + 1]!; j++) d[j] = src.freeCoolerFan[idx[j]!]!;
  // One load point each at most: the FWS pumps run at the loop's constant flow; lighting and other are constant.
  for (let j = ks[LoadKind.FwsPumps]!; j < ks[LoadKind.FwsPumps + 1]!; j++) d[j] = plant.fws.rate > 0 ? plant.fws.pumpPower : 0;
  for (let j = ks[LoadKind.Lighting]!; j < ks[LoadKind.Lighting + 1]!; j++) d[j] = plant.facility.lighting;
  for (let j = ks[LoadKind.FacilityOther]!; j < ks[LoadKind.FacilityOther + 1]!; j++) d[j] = plant.facility.other;
}

/**
 * Which loads still have a live cord after a change: sets the plant's `powered` flags and raises the alarms.
 * `hooks` is read when used, so a callback scheduled while alarms are silenced raises later ones.
 */
export function applyPower(lp: LoadPoints, alive: Uint8Array, plant: Plant, t: number, hooks: () => PowerHooks): void {
  const { racks, cdus, crahs, chillers, freeCoolers } = plant;
  // Which loads still have a live cord.
  const has = new Map<string, boolean>();
  for (let j = 0; j < lp.loadKind.length; j++) {
    const a = lp.pathA[j]!, b = lp.pathB[j]!;
    has.set(`${lp.loadKind[j]}:${lp.loadIndex[j]}`, (a >= 0 && alive[a] === 1) || (b >= 0 && alive[b] === 1));
  }
  const live = (k: LoadKind, i: number) => has.get(`${k}:${i}`) ?? true;
  for (let r = 0; r < racks.n; r++) {
    const p = live(LoadKind.Rack, r) ? 1 : 0;
    if (p !== racks.powered[r]) {
      racks.powered[r] = p;
      hooks().alarm(t, p ? 'info' : 'critical', racks.ids[r]!, p ? 'rack_power_restored' : 'rack_power_loss', p ? `${racks.ids[r]} has power again` : `${racks.ids[r]} lost both feeds: down`);
    }
  }
  for (let c = 0; c < cdus.n; c++) {
    const p = live(LoadKind.Cdu, c) ? 1 : 0;
    if (p !== cdus.powered[c]) { cdus.powered[c] = p; hooks().alarm(t, p ? 'info' : 'critical', cdus.ids[c]!, p ? 'pumps_power_restored' : 'pumps_power_loss', p ? `${cdus.ids[c]} pumps have power again` : `${cdus.ids[c]} pumps lost power: no coolant flow`); }
  }
  for (let i = 0; i < crahs.n; i++) {
    const p = live(LoadKind.Crah, i) ? 1 : 0;
    if (p !== crahs.powered[i]) { crahs.powered[i] = p; hooks().alarm(t, p ? 'info' : 'major', crahs.ids[i]!, p ? 'fans_power_restored' : 'fans_power_loss', `${crahs.ids[i]} fans ${p ? 'have power again' : 'lost power'}`); }
  }
  chillers.forEach((ch, i) => {
    const comp = live(LoadKind.Chiller, i), ctrl = live(LoadKind.ChillerControls, i);
    const was = ch.powered;
    const now = comp && ctrl;
    if (!ctrl && ch.controlsPowered) ch.controlsPowered = false;
    if (now && !was) {
      // Controls that rode through on UPS allow a fast restart; otherwise the full restart sequence.
      const fast = ch.controlsPowered;
      ch.availableAt = Math.max(ch.availableAt, t + (fast ? ch.fastRestartDelay : ch.restartDelay));
      hooks().alarm(t, 'info', ch.id, 'chiller_restart', `${ch.id} power back: ${fast ? 'fast ' : ''}restart, cooling in ${(ch.availableAt - t).toFixed(0)} s`);
      const at = ch.availableAt;
      hooks().later(at, () => { if (ch.powered && !ch.failed && ch.availableAt === at) hooks().alarm(at, 'info', ch.id, 'online', `${ch.id} ${ch.staged ? 'cooling again' : 'restarted (stand-by)'}`); });
    } else if (!now && was) hooks().alarm(t, 'major', ch.id, 'chiller_power_loss', `${ch.id} lost power${ctrl ? ' (controls still up)' : ''}`);
    ch.powered = now;
    if (ctrl) ch.controlsPowered = true;
  });
  freeCoolers.forEach((f, i) => { f.powered = live(LoadKind.FreeCooler, i); });
  const { fws, facility } = plant;
  const pumps = live(LoadKind.FwsPumps, 0);
  if (pumps !== fws.powered) {
    fws.powered = pumps;
    hooks().alarm(t, pumps ? 'info' : 'critical', 'fws_pumps', pumps ? 'fws_pumps_power_restored' : 'fws_pumps_power_loss', pumps ? 'facility-water pumps have power again: FWS flow back' : 'facility-water pumps lost power: no FWS flow, no heat reaches the plant');
  }
  const lit = live(LoadKind.Lighting, 0);
  if (lit !== facility.lightingPowered) { facility.lightingPowered = lit; hooks().alarm(t, lit ? 'info' : 'warning', 'lighting', lit ? 'lighting_power_restored' : 'lighting_power_loss', `hall lighting ${lit ? 'has power again' : 'lost power'}`); }
  const other = live(LoadKind.FacilityOther, 0);
  if (other !== facility.otherPowered) { facility.otherPowered = other; hooks().alarm(t, other ? 'info' : 'warning', 'facility_other', other ? 'facility_other_power_restored' : 'facility_other_power_loss', `the site's other loads (BMS, security, offices) ${other ? 'have power again' : 'lost power'}`); }
}
