/**
 * Expansion headroom: "how many more racks of this kind fit, where, and what stops us?"
 *
 * The design is checked as installed: every CDU keeps the capacity, exchanger and pump set it has for the
 * racks it feeds today (or what the file states), the facility water keeps its flow. New racks of the
 * asked-for profile go into the spare positions the rows state (`hall.rows[].spare`), in file order; a
 * position is taken when, with it, every case below still holds at the design condition, else skipped
 * (a later row may still take racks). Positions of one row are identical, so a row takes a prefix of its
 * spares: a bisection per row finds it.
 *
 * The design condition is the weather's peak (the hottest dry bulb and the hottest wet bulb: a design
 * day's peak hour, a CSV's hottest rows, a constant) with every rack at its design power (load 1).
 *
 * Cases: everything healthy (N), and each failure the design states it can take, one at a time:
 *  - a CDU's spare pumps out (count − required);
 *  - each chiller, free cooler or CRAH in turn for a group stated N+1 in `redundancy` (N+2: the two largest);
 *  - each UPS's spare modules out (modules − required);
 *  - each bus, UPS or distribution element whose loads all have a second cord (2N) out in turn;
 *  - each utility whose buses all have another source (a generator, a second utility) lost, and all
 *    utilities lost when every bus has a generator.
 * In every case: every power element and generator within its capacity, every load with a live cord, each
 * CDU within its capacity and its pumps able to make the racks' design flow, the plant (free cooling as the
 * steady state uses it plus the running chillers' capacity at the condition) and the CRAHs able to reject
 * the heat, and the steady-state temperatures (rack coolant against each rack's throttle temperature and
 * `limits.max_rack_coolant`, rack inlet against its throttle and `limits.max_rack_inlet`, TCS and FWS supply
 * against `limits.max_tcs_supply` / `limits.max_fws_supply`, the FWS supply otherwise against its setpoint
 * + 1 K) inside their limits. Floor loading is checked per position: the rack's weight against
 * `hall.max_rack_weight` and against `hall.floor_rating` over its footprint.
 *
 * The steady state is the transient solver's own network solved for an infinitely long step (network.ts
 * steadyState), so the physics is the run's. A steady state can pass a design that trips during a restart:
 * `confirm` re-runs the tightest failure cases as transients (sweep.ts) on the expanded design.
 */
import type { Scenario, RedundancySpec, EventSpec } from '../scenario/schema';
import type { RackTypeSpec, RowSpec } from '../components/rack/schema';
import { RACK } from '../components/rack/schema';
import { FLUIDS } from '../scenario/defaults';
import { compileModel, type Model } from '../model/model';
import { sparePositions, type RowSpares } from '../model/layout';
import { ScenarioError, Simulation } from '../run/simulation';
import { buildReport } from '../run/report';
import { ThermalNetwork } from '../network/network';
import { staticPower, type PowerOutage } from '../power/static';
import { NodeKind, SourceKind } from '../power/topology';
import { LOAD_KIND_NAMES, SITE_LOADS } from '../power/loads';
import { maxFlow } from '../physics/hydraulics';
import { shareCduFlow } from '../components/cdu/cdu';
import { C_TO_K } from '../scenario/defaults';

export interface HeadroomOptions {
  /** A rack type of the file, or an inline rack spec (the fields of a rack type, SI). */
  rack: string | RackTypeSpec;
  /** Compile every design the search tries on its own instead of switching racks of one compile (a check of that shortcut). */
  compileEach?: boolean;
  /**
   * Re-run this many of the tightest failure cases (and every utility loss) as transients on the expanded
   * design: a steady state can pass a design that trips while chillers restart.
   */
  confirm?: number;
  /** How long each confirming run goes on after the failure, s (default 1 h). */
  confirmFor?: number;
}

/** A failure case re-run in time on the expanded design. */
export interface TransientCase {
  case: string;
  failed_at_s: number;
  racks_throttled: number;
  racks_tripped: number;
  /** From the failure to the first limit crossed, s (null: none). */
  first_limit: { kind: string; after_s: number } | null;
  peak_rack_coolant_c: number | null;
  peak_rack_inlet_c: number;
  peak_fws_supply_c: number;
  /** The file's own limits violated in the run. */
  violations: string[];
  held: boolean;
}

export type ResourceKind = 'space' | 'design' | 'power' | 'generator' | 'cdu_duty' | 'cdu_flow' | 'plant' | 'crah' | 'rack_coolant' | 'rack_inlet' | 'tcs_supply' | 'fws_supply' | 'floor' | 'feed';

export interface HeadroomResource {
  element: string;
  kind: ResourceKind;
  /** kW, L/s, K (a temperature limit: capacity is the limit, load the temperature, in °C) or kg. */
  unit: 'kW' | 'L/s' | 'K' | 'kg';
  capacity: number;
  load: number;
  headroom: number;
  headroom_pct: number | null;
  /** The case where the headroom is least. */
  case: string;
  /** With everything healthy. */
  n: { capacity: number; load: number; headroom: number };
}

export interface Binding { resource: ResourceKind; element: string; case: string; message: string }

export interface HeadroomResult {
  scenario: string;
  profile: { type: string; power_kw: number; liquid_fraction: number; gpus: number; weight_kg: number | null };
  design_condition: { t_s: number[]; dry_bulb_c: number; wet_bulb_c: number };
  spare_positions: number;
  added: number;
  added_kw: number;
  positions: string[];
  rows: { row: string; spare: number; added: number; stopped_by: Binding | null }[];
  /** What stopped the expansion (the constraint that excluded the most positions), or space when every spare position was taken. */
  binding: Binding | null;
  /** The existing design already fails a case before anything is added. */
  already_short: boolean;
  resources: HeadroomResource[];
  /** Capacity installed that the expansion cannot use because something else binds first. */
  stranded: { element: string; kind: ResourceKind; headroom: number; unit: string; because: string }[];
  cases: string[];
  /** With `confirm`: the tightest failure cases re-run as transients on the expanded design. */
  transient: { cases: TransientCase[]; held: boolean } | null;
  notes: string[];
}

const KW = 1000;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const TOL = 1e-9;
const HEALTHY = 'N (all healthy)';
/** The FWS supply may sit this far above its setpoint at design before it counts as not held. */
const FWS_HOLD = 1;

type Spare = RowSpares;

/** A check result of one resource in one case. */
interface Check { key: string; element: string; kind: ResourceKind; unit: HeadroomResource['unit']; capacity: number; load: number; case: string; message: string }

const headroomOf = (c: Pick<Check, 'capacity' | 'load'>) => c.capacity - c.load;
const failed = (c: Pick<Check, 'unit' | 'capacity' | 'load'>) => headroomOf(c) < -TOL * Math.max(1, Math.abs(c.capacity));

// ---------------------------------------------------------------- the design as installed

/**
 * The scenario with what compile would size from today's racks written out: each CDU's capacity,
 * exchanger UA, FWS flow and pump rating, the plant's FWS flow, the hall's floor area and support loads.
 * New racks then load what exists.
 */
function asInstalled(s: Scenario, spares: Spare[]): Scenario {
  const base = compileModel({ ...s, events: [], reliability: [], workload: undefined });
  if (!base.ok) throw new ScenarioError(base.errors);
  const { cdus, fws } = base.model.plant;
  const out = structuredClone(s);
  const fwsRhoCp = (s.fluids?.fws?.density ?? FLUIDS.fws.density) * (s.fluids?.fws?.cp ?? FLUIDS.fws.cp);
  const spareCdus = new Set<string>();
  for (const sp of spares) for (const r of [s.hall.rows![sp.row]!]) if (r.cdu) spareCdus.add(r.cdu);
  (out.cdus ?? []).forEach((c, i) => {
    const k = cdus.ids.indexOf(c.id);
    const feedsRacks = cdus.rackEnd[k]! > cdus.rackStart[k]!;
    if (!feedsRacks) {
      if (spareCdus.has(c.id) && (c.capacity === undefined || c.pumps?.rated_flow === undefined))
        throw new ScenarioError([{ path: `cdus[${i}]`, message: `${c.id} feeds no rack today, so what it can carry is unknown: state its capacity and pumps.rated_flow to plan racks on it` }]);
      return;
    }
    c.capacity ??= cdus.capacity[k]!;
    c.ua ??= cdus.uaClean[k]!;
    c.fws_flow ??= cdus.fwsRate[k]! / fwsRhoCp;
    c.pumps = { ...c.pumps, rated_flow: c.pumps?.rated_flow ?? cdus.designFlow[k]! };
  });
  out.plant = { ...out.plant, flow: out.plant?.flow ?? fws.rate / fwsRhoCp };
  // The building: its floor (lighting) and support loads do not grow with the racks placed in it.
  const { facility } = base.model.plant;
  out.facility = { ...out.facility, floor_area: facility.floorArea, other: facility.other };
  return out;
}

/** The installed scenario with `take[i]` of spare row i's positions filled with the profile. */
function expanded(s: Scenario, spares: Spare[], take: readonly number[], profileType: string): Scenario {
  const rows = (s.hall.rows ?? []).map((r) => r);
  spares.forEach((sp, i) => {
    const k = take[i]!;
    if (k === 0) return;
    const row: RowSpec = rows[sp.row]!;
    const added = sp.ids.slice(0, k);
    if (!row.racks && (row.type === profileType || (row.count ?? 0) === 0) && added.every((id, j) => id === `${row.id}-${String((row.count ?? 0) + j + 1).padStart(2, '0')}`)) {
      rows[sp.row] = { ...row, type: profileType, count: (row.count ?? 0) + k };
      return;
    }
    const existing = row.racks ?? Array.from({ length: row.count ?? 0 }, (_, j) => ({ id: `${row.id}-${String(j + 1).padStart(2, '0')}` }));
    const { count: _count, ...rest } = row;
    rows[sp.row] = { ...rest, racks: [...existing, ...added.map((id) => ({ id, type: profileType }))] };
  });
  return { ...s, hall: { ...s.hall, rows } };
}

// ---------------------------------------------------------------- cases

/** A case: its steady-state failure (apply/undo on the model's arrays) and the same failure as scenario events (for `confirm`). */
interface Case { name: string; apply(): void; undo(): void; power?: PowerOutage; events?: Omit<EventSpec, 'at'>[] }

const REDUNDANT = (r: RedundancySpec[keyof RedundancySpec] | undefined) => (r === 'N+2' ? 2 : r === 'N+1' ? 1 : 0);

/** Units out for an N+k group: each in turn for k = 1, the k largest together for k ≥ 2. */
function groupOuts(capacities: number[], k: number): number[][] {
  if (k <= 0 || capacities.length === 0) return [];
  if (k === 1) return capacities.map((_, i) => [i]);
  return [capacities.map((c, i) => ({ c, i })).sort((a, b) => b.c - a.c || a.i - b.i).slice(0, k).map((x) => x.i)];
}

/** The cases of a compiled model, each applying its failure to that model's arrays. */
/** Whether CDU c feeds a rack that is in the design (`active` null: every rack is). */
function cduInUse(plant: Model['plant'], c: number, active: Uint8Array | null): boolean {
  const { cdus, doors } = plant;
  for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) if (active === null || active[r] === 1) return true;
  // A rear door on its loop whose rack is in the design.
  for (let i = 0; i < doors.n; i++) if (doors.cdu[i] === c && (active === null || active[doors.rack[i]!] === 1)) return true;
  return false;
}

function buildCases(m: Model, b: Bench): Case[] {
  const on = (r: number) => b.active === null || b.active[r] === 1;
  const s = m.scenario;
  const { cdus, crahs, chillers, freeCoolers } = m.plant;
  const red = s.redundancy ?? {};
  const none = { apply() {}, undo() {} };
  const cases: Case[] = [{ name: HEALTHY, ...none }];
  for (let c = 0; c < cdus.n; c++) {
    if (!cduInUse(m.plant, c, b.active)) continue;
    const k = cdus.pumpCount[c]! - cdus.pumpsRequired[c]!;
    if (k > 0) cases.push({
      name: `${cdus.ids[c]}: ${k} pump${k > 1 ? 's' : ''} out`,
      events: [{ fail: cdus.ids[c]!, part: 'pump', count: k }],
      apply() { cdus.pumpsHealthy[c] = cdus.pumpCount[c]! - k; },
      undo() { cdus.pumpsHealthy[c] = cdus.pumpCount[c]!; },
    });
    const u = cdus.unitCount[c]! - cdus.unitsRequired[c]!;
    if (u > 0) cases.push({
      name: `${cdus.ids[c]}: ${u} unit${u > 1 ? 's' : ''} out`,
      events: [{ fail: cdus.ids[c]!, part: 'unit', count: u }],
      apply() { cdus.unitsHealthy[c] = cdus.unitCount[c]! - u; cdus.pumpsHealthy[c] = cdus.pumpCount[c]! - u * cdus.pumpsPerUnit[c]!; },
      undo() { cdus.unitsHealthy[c] = cdus.unitCount[c]!; cdus.pumpsHealthy[c] = cdus.pumpCount[c]!; },
    });
  }
  const group = (ids: string[], caps: number[], k: number, word: string, set: (i: number, out: boolean) => void) => {
    for (const out of groupOuts(caps, k)) {
      cases.push({
        name: `${out.map((i) => ids[i]!).join(' + ')} out (${word} N+${k})`,
        events: out.map((i) => ({ fail: ids[i]! })),
        apply() { for (const i of out) set(i, true); },
        undo() { for (const i of out) set(i, false); },
      });
    }
  };
  group(chillers.map((c) => c.id), chillers.map((c) => c.capacity), REDUNDANT(red.chillers), 'chillers', (i, o) => { chillers[i]!.failed = o; });
  group(freeCoolers.map((f) => f.id), freeCoolers.map((f) => f.capacity), REDUNDANT(red.free_cooling), 'free cooling', (i, o) => { freeCoolers[i]!.failed = o; });
  group(crahs.ids, Array.from(crahs.capacity), REDUNDANT(red.crahs), 'CRAHs', (i, o) => { crahs.failed[i] = o ? 1 : 0; });
  const chain = m.power;
  if (chain) {
    // Which nodes are redundant depends only on the feed paths the placed racks use.
    let key = '';
    if (b.active !== null) {
      const paths = new Set<string>();
      for (let j = chain.kindStart[0]!; j < chain.kindStart[1]!; j++) if (on(chain.loadIndex[j]!)) paths.add(`${chain.pathA[j]},${chain.pathB[j]}`);
      key = [...paths].sort().join(' ');
    }
    const cached = b.powerCases.get(key);
    if (cached) { cases.push(...cached); return cases; }
    const first = cases.length;
    const n = chain.ids.length;
    const probe = unitSources(m);
    // A node is redundant when losing it leaves every load with a live cord (2N paths, A/B feeds).
    for (let i = 0; i < n; i++) {
      const outage: PowerOutage = { nodes: new Set([i]) };
      if (staticPower(chain, m.plant, probe, outage, b.absent ?? undefined).unserved.length) continue;
      cases.push({ name: `${chain.ids[i]} out (2N)`, power: outage, events: [{ fail: chain.ids[i]! }], ...none });
    }
    for (let i = 0; i < n; i++) {
      if (chain.kind[i] !== NodeKind.Ups) continue;
      const spec = (s.power?.ups ?? []).find((u) => u.id === chain.ids[i]);
      const k = chain.modules[i]! - (spec?.required ?? chain.modules[i]!);
      if (k > 0) cases.push({ name: `${chain.ids[i]}: ${k} module${k > 1 ? 's' : ''} out`, power: { modules: new Map([[i, k]]) }, events: [{ fail: chain.ids[i]!, part: 'module', count: k }], ...none });
    }
    chain.utilities.forEach((u, ui) => {
      const outage: PowerOutage = { utilities: new Set([ui]) };
      if (staticPower(chain, m.plant, probe, outage, b.absent ?? undefined).unserved.length) return;
      cases.push({ name: `${u.id} lost`, power: outage, events: [{ utility: 'loss', target: u.id }], ...none });
    });
    const everyBusHasGenerator = chain.busSources.every((srcs, i) => chain.kind[i] !== NodeKind.Bus || srcs.some((x) => x.kind === SourceKind.Generator));
    if (chain.utilities.length > 1 && chain.generators.length > 0 && everyBusHasGenerator)
      cases.push({ name: 'all utilities lost (on generators)', power: { utilities: new Set(chain.utilities.map((_, i) => i)) }, events: [{ utility: 'loss' }], ...none });
    b.powerCases.set(key, cases.slice(first));
  }
  return cases;
}

/** Every load drawing something, to see which would be left without a live cord. */
const unitSources = (m: Model) => ({
  rackPower: new Float64Array(m.plant.racks.n).fill(1), chillerPower: new Float64Array(m.plant.chillers.length).fill(1),
  freeCoolerFan: new Float64Array(m.plant.freeCoolers.length).fill(1),
});

// ---------------------------------------------------------------- evaluating one design


/** Every check of every case of one expanded design. */
/** Thrown by a search evaluation at its first failed check. */
class FirstFailure { constructor(readonly check: Check) {} }

interface Evaluation { checks: Check[]; cases: string[]; caseEvents: Map<string, Omit<EventSpec, 'at'>[]>; designTimes: number[]; weather: { dry: number; wet: number }; unsettled: string[] }

/**
 * Every check of every case of one expanded design; with `stopAtFirst` (the search), only whether one
 * fails: the first failed check, or null when all pass.
 */
function evaluate(d: Bench | { sc: Scenario; ph: Map<string, Physical> }, stopAtFirst: true, firstCase?: string): Check | null;
function evaluate(d: Bench | { sc: Scenario; ph: Map<string, Physical> }, stopAtFirst?: false): Evaluation;
function evaluate(d: Bench | { sc: Scenario; ph: Map<string, Physical> }, stopAtFirst = false, firstCase?: string): Evaluation | Check | null {
  try {
    const e = 'm' in d ? evaluateAll(d, stopAtFirst, firstCase) : evaluateCompiled(d.sc, d.ph, stopAtFirst, firstCase);
    return stopAtFirst ? null : e;
  } catch (x) {
    if (x instanceof FirstFailure) return x.check;
    throw x;
  }
}

/**
 * A compiled design to evaluate: its model and network, and which racks are in it. One compile can serve
 * a whole search: the design with every spare position filled, racks not (yet) placed switched off
 * (no power, no flow; the CDU's flow shared among the placed ones), since what compile sizes from the
 * racks (CDU exchangers and pumps, the facility-water flow) is pinned to the design as installed.
 */
interface Bench {
  m: Model;
  net: ThermalNetwork;
  physical: Map<string, Physical>;
  /** 1 for racks in the design; null when every rack is. */
  active: Uint8Array | null;
  /** Its complement, 1 for racks not placed (what the static power flow takes); null when every rack is in. */
  absent: Uint8Array | null;
  /** Power-chain cases by the set of feed paths the placed racks use (which nodes are redundant depends on it). */
  powerCases: Map<string, Case[]>;
}

function bench(m: Model, physical: Map<string, Physical>): Bench {
  const net = new ThermalNetwork(m.plant);
  net.loadProvider = (_t, load) => load.fill(1);
  return { m, net, physical, active: null, absent: null, powerCases: new Map() };
}

/** A design compiled on its own (the fallback when the every-spare design does not compile). */
function evaluateCompiled(s: Scenario, physical: Map<string, Physical>, stopAtFirst: boolean, firstCase?: string): Evaluation {
  const compiled = compileModel(s);
  if (!compiled.ok) {
    // An expansion the load-time design checks reject (a unit at twice its rating, a plant with half the
    // capacity it needs) fails like any other check, with the check's own words.
    const e = compiled.errors[0]!;
    const c: Check = { key: `design:${e.path}`, element: e.path, kind: 'design', unit: 'kW', capacity: 0, load: 1, case: HEALTHY, message: e.message };
    if (stopAtFirst) throw new FirstFailure(c);
    return { checks: [c], cases: [HEALTHY], caseEvents: new Map(), designTimes: [], weather: { dry: NaN, wet: NaN }, unsettled: [] };
  }
  return evaluateAll(bench(compiled.model, physical), stopAtFirst, firstCase);
}

function evaluateAll(b: Bench, stopAtFirst: boolean, firstCase?: string): Evaluation {
  const { m, net, physical, active } = b;
  const s = m.scenario;
  const on = (r: number) => active === null || active[r] === 1;
  const { racks, cdus, crahs, hall, fws, weather, doors } = m.plant;
  const limits = s.limits ?? {};
  const cases = buildCases(m, b);
  // The search asks "does anything fail?": the case that failed last time is the likeliest, so it goes
  // right after the healthy case (which every other case starts from).
  if (firstCase !== undefined) {
    const k = cases.findIndex((c, i) => i > 0 && firstCase.startsWith(c.name));
    if (k > 1) cases.splice(1, 0, ...cases.splice(k, 1));
  }
  const checks: Check[] = [];
  const unsettled = new Set<string>();
  const times = [...weather.designTimes];
  const w = { dryBulb: 0, wetBulb: 0 };
  let worstW = { dry: -Infinity, wet: -Infinity };
  for (const t of times) { weather.at(t, w); worstW = { dry: Math.max(worstW.dry, w.dryBulb), wet: Math.max(worstW.wet, w.wetBulb) }; }
  const at = (name: string, ti: number) => (times.length > 1 ? `${name} at the ${ti === 0 ? 'dry-bulb' : 'wet-bulb'} peak` : name);
  /** One check; its object and words are made only when kept (the full answer) or failed (the search). */
  const inactive = b.absent ?? undefined;
  const push = (kind: ResourceKind, element: string, unit: Check['unit'], capacity: number, load: number, name: string, message: () => string) => {
    if (stopAtFirst && !failed({ unit, capacity, load })) return;
    const c: Check = { key: `${kind}:${element}`, element, kind, unit, capacity, load, case: name, message: message() };
    if (stopAtFirst) throw new FirstFailure(c);
    checks.push(c);
  };
  const warmT = new Float64Array(net.T.length);
  let warmLoss = 0;
  const warmDemand = { rackPower: new Float64Array(racks.n), chillerPower: new Float64Array(m.plant.chillers.length), freeCoolerFan: new Float64Array(m.plant.freeCoolers.length) };

  // Floor first (cheap, and the search stops at the first failure): per row, the heaviest rack against the position's rating.
  const maxW = s.hall.max_rack_weight ?? Infinity, perArea = s.hall.floor_rating;
  const rowsSeen = new Map<string, { w: number; cap: number }>();
  for (let r = 0; r < racks.n; r++) {
    if (!on(r)) continue;
    const ph = physical.get(racks.ids[r]!);
    if (ph?.weight === undefined) continue;
    const w = ph.weight;
    const cap = Math.min(maxW, perArea !== undefined ? perArea * ph.footprint : Infinity);
    if (!(cap < Infinity)) continue;
    const row = racks.rows[r]!;
    const prev = rowsSeen.get(row);
    if (!prev || w - cap > prev.w - prev.cap) rowsSeen.set(row, { w, cap });
  }
  for (const [row, { w, cap }] of rowsSeen) push('floor', row, 'kg', cap, w, HEALTHY, () => `a rack in ${row} is heavier than its position's floor rating`);
  // The inlet limit is the design's, not the case's: once per evaluation.
  let inletLim = limits.max_rack_inlet ?? Infinity;
  for (let r = 0; r < racks.n; r++) if (on(r)) inletLim = Math.min(inletLim, racks.inletThrottle[r]!);
  for (let ti = 0; ti < times.length; ti++) {
    const t = times[ti]!;
    for (const cs of cases) {
      const name = at(cs.name, ti);
      cs.apply();
      try {
        net.updateHydraulics();
        // The healthy case (first) from the setpoints; each failure case from the healthy steady state.
        const warm = cs !== cases[0];
        net.T.set(warm ? warmT : m.plant.initial);
        net.extraHallHeat = warm ? warmLoss : 0;
        // A power case changes no thermal unit (every load keeps a live cord): only the hall losses move.
        if (!cs.power && !net.steadyState(t, warm)) unsettled.add(name);
        // Electrical losses of elements standing in the hall heat its air: solve again with them.
        if (m.power) {
          const p = staticPower(m.power, m.plant, cs.power ? warmDemand : net.demandSources, cs.power, inactive);
          let hallLoss = 0;
          for (let i = 0; i < m.power.ids.length; i++) if (m.power.inHall[i]) hallLoss += p.input[i]! - p.load[i]!;
          if (hallLoss > 0 || cs.power) {
            net.extraHallHeat = hallLoss;
            if (!net.steadyState(t, true)) unsettled.add(name);
          }
        }
        if (!warm) {
          warmT.set(net.T);
          warmLoss = net.extraHallHeat;
          warmDemand.rackPower.set(net.demandSources.rackPower);
          warmDemand.chillerPower.set(net.demandSources.chillerPower);
          warmDemand.freeCoolerFan.set(net.demandSources.freeCoolerFan);
        }

        // CDUs: duty against capacity, pumps against the racks' design flow, rack coolant, TCS supply.
        for (let c = 0; c < cdus.n; c++) {
          if (!cduInUse(m.plant, c, active)) continue;
          let liquid = 0, minMargin = Infinity, hottest = -Infinity;
          for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) {
            if (!on(r)) continue;
            liquid += net.qIt[r]! * racks.liquidFraction[r]!;
            const lim = Math.min(racks.throttleT[r]!, limits.max_rack_coolant ?? Infinity);
            if (lim - net.T[r]! < minMargin) { minMargin = lim - net.T[r]!; hottest = net.T[r]!; }
          }
          // Rear doors on its loop bring their heat to it too.
          for (let d = 0; d < doors.n; d++) if (doors.cdu[d] === c) liquid += doors.heat[d]!;
          const id = cdus.ids[c]!;
          const units = Math.min(1, cdus.unitsHealthy[c]! / cdus.unitsRequired[c]!);
        push('cdu_duty', id, 'kW', (cdus.capacity[c]! * units) / KW, liquid / KW, name, () => `${id}'s racks give more liquid heat than its capacity`);
          const need = cdus.flowSetpoint[c]! * cdus.designFlow[c]!;
          const can = maxFlow(cdus.pumps[c]!, cdus.failed[c] || cdus.unitsHealthy[c] === 0 ? 0 : cdus.pumpsHealthy[c]!);
          push('cdu_flow', id, 'L/s', can * 1000, need * 1000, name, () => `${id}'s running pumps cannot make the racks' design flow`);
          push('rack_coolant', id, 'K', hottest + minMargin - C_TO_K, hottest - C_TO_K, name, () => `rack coolant on ${id} above its throttle temperature at steady state`);
          if (limits.max_tcs_supply !== undefined)
            push('tcs_supply', id, 'K', limits.max_tcs_supply - C_TO_K, net.cduSupply[c]! - C_TO_K, name, () => `${id} supply above limits.max_tcs_supply`);
        }
        // Air side: the heat the air carries against the running CRAHs; rack inlet.
        let airHeat = hall.otherHeat + net.extraHallHeat, crahCap = 0, fans = 0;
        for (let r = 0; r < racks.n; r++) airHeat += net.qIt[r]! * (racks.cdu[r]! >= 0 ? 1 - racks.liquidFraction[r]! : 1);
        for (let i = 0; i < crahs.n; i++) if (!crahs.failed[i] && crahs.powered[i]) { crahCap += crahs.capacity[i]!; fans += crahs.fanPower[i]!; }
        airHeat += fans - net.doorHeat; // rear doors take theirs to the facility water or a CDU loop
        if (crahs.n > 0) push('crah', 'crahs', 'kW', crahCap / KW, airHeat / KW, name, () => 'the running CRAHs cannot take the air-side heat');
        push('rack_inlet', hall.id, 'K', inletLim - C_TO_K, net.inlet - C_TO_K, name, () => 'rack inlet air above its limit at steady state');
        // Plant: free cooling as the steady state uses it plus the running chillers' capacity at the condition.
        const f = net.flows;
        push('plant', 'plant', 'kW', (freeCoolingAvailable(m, t, f.heatIn) + net.chillerCapacity) / KW, f.heatIn / KW, name, () => 'the running chillers and free cooling cannot reject the heat at the design condition');
        push('fws_supply', 'plant', 'K', (limits.max_fws_supply ?? fws.supplySetpoint + FWS_HOLD) - C_TO_K, f.fwsSupply - C_TO_K, name, () => limits.max_fws_supply !== undefined ? 'facility water supply above limits.max_fws_supply' : `facility water supply more than ${FWS_HOLD} K above its setpoint`);

        // Power, with the thermal state's demands (chillers at their steady-state power, fans, pumps).
        const chain = m.power;
        if (chain) {
          const p = staticPower(chain, m.plant, net.demandSources, cs.power, inactive);
          for (const u of p.unserved) {
            push('feed', loadName(m, u.kind, u.index), 'kW', 0, 1e-3, name, () => `${loadName(m, u.kind, u.index)} (${LOAD_KIND_NAMES[u.kind]}) is left with no live cord`);
          }
          for (let i = 0; i < chain.ids.length; i++) {
            if (!(p.capacity[i]! < Infinity) || !p.alive[i]) continue;
            push('power', chain.ids[i]!, 'kW', p.capacity[i]! / KW, p.load[i]! / KW, name, () => `${chain.ids[i]} loaded beyond its ${chain.kind[i] === NodeKind.Ups ? 'healthy modules' : 'rating'}`);
          }
          chain.generators.forEach((g, gi) => {
            if (p.generatorLoad[gi]! > 0) push('generator', g.id, 'kW', g.capacity / KW, p.generatorLoad[gi]! / KW, name, () => `${g.id} loaded beyond its capacity`);
          });
        }
      } finally {
        cs.undo(); // a search evaluation stops at its first failure: the shared model must come back healthy
      }
    }
  }
  return { checks, cases: cases.map((c) => c.name), caseEvents: new Map(cases.flatMap((c) => (c.events ? [[c.name, c.events] as const] : []))), designTimes: times, weather: worstW, unsettled: [...unsettled] };
}

/**
 * What the running free coolers could reject with the facility water returning at its design temperature
 * for this heat (supply at setpoint + heat / flow): each unit its share of the flow (as the run splits it)
 * cooled towards ambient + approach, never below the setpoint, up to its capacity. W.
 */
function freeCoolingAvailable(m: Model, t: number, heat: number): number {
  const { freeCoolers, fws, weather } = m.plant;
  const w = { dryBulb: 0, wetBulb: 0 };
  weather.at(t, w);
  let total = 0;
  for (const u of freeCoolers) if (!u.failed && u.powered) total += u.capacity;
  if (total <= 0 || fws.rate <= 0) return 0;
  const ret = fws.supplySetpoint + heat / fws.rate;
  let avail = 0;
  for (const u of freeCoolers) {
    if (u.failed || !u.powered) continue;
    const floor = Math.max(fws.supplySetpoint, (u.kind === 'tower' ? w.wetBulb : w.dryBulb) + u.approach);
    avail += Math.min(u.capacity, Math.max(0, (fws.rate * u.capacity / total) * (ret - floor)));
  }
  return avail;
}

interface Physical { weight: number | undefined; footprint: number }

/** Each rack's weight and footprint by id, from its own fields, else its type's (its row's type). */
function rackPhysical(s: Scenario): Map<string, Physical> {
  const out = new Map<string, Physical>();
  const types = s.rack_types ?? {};
  for (const row of s.hall.rows ?? []) {
    const n = row.racks ? row.racks.length : row.count ?? 0;
    for (let i = 0; i < n; i++) {
      const spec = row.racks?.[i];
      const type = spec?.type ?? row.type;
      const t = type !== undefined ? types[type] : undefined;
      out.set(spec?.id ?? `${row.id}-${String(i + 1).padStart(2, '0')}`, { weight: spec?.weight ?? t?.weight, footprint: spec?.footprint ?? t?.footprint ?? RACK.footprint });
    }
  }
  return out;
}

function loadName(m: Model, kind: number, index: number): string {
  const p = m.plant;
  switch (kind) {
    case 0: return p.racks.ids[index]!;
    case 1: return p.cdus.ids[index]!;
    case 2: return p.crahs.ids[index]!;
    case 3: case 4: return p.chillers[index]!.id;
    case 5: return p.freeCoolers[index]!.id;
    default: return Object.keys(SITE_LOADS).find((k) => SITE_LOADS[k as keyof typeof SITE_LOADS] === kind)!;
  }
}

// ---------------------------------------------------------------- the search

/** The rack type name the added racks use in the expanded scenario. */
const INLINE_TYPE = 'headroom_profile';

export function headroom(scenario: Scenario, opts: HeadroomOptions): HeadroomResult {
  const notes: string[] = [];
  let profileType: string;
  let s: Scenario = { ...scenario, events: [], reliability: [], workload: undefined };
  // The plant must reject the design heat without the heat export: the network's demand is not a redundancy.
  if (s.heat_reuse) { const { heat_reuse: _, ...rest } = s; s = rest; notes.push('heat reuse is left out: the plant must reject the design heat without the export'); }
  if (typeof opts.rack === 'string') {
    if (!scenario.rack_types?.[opts.rack]) {
      const known = Object.keys(scenario.rack_types ?? {});
      throw new ScenarioError([{ path: 'rack', message: `expected a rack type of this file${known.length ? ` (${known.join(', ')})` : ' (it defines none: give an inline spec)'} or an inline spec, found "${opts.rack}"` }]);
    }
    profileType = opts.rack;
  } else {
    profileType = INLINE_TYPE;
    s = { ...s, rack_types: { ...s.rack_types, [INLINE_TYPE]: opts.rack } };
  }
  const profile = s.rack_types![profileType]!;
  const spares = sparePositions(s);
  const spareCount = spares.reduce((a, sp) => a + sp.ids.length, 0);
  if (spareCount === 0) notes.push('the hall states no spare positions (hall.rows[].spare): nothing can be added; the resources below are the design as it stands');
  const installed = asInstalled(s, spares);
  const physicalBase = rackPhysical(installed);
  if (profile.weight === undefined && (s.hall.floor_rating !== undefined || s.hall.max_rack_weight !== undefined))
    notes.push(`floor loading is not checked for the added racks: the rack profile states no weight`);

  // One compile for the whole search when the design with every spare position filled compiles; else
  // each design on its own (a design the load-time checks reject then fails like any other check).
  const shared = spareCount > 0 && !opts.compileEach ? sharedBench(expanded(installed, spares, spares.map((sp) => sp.ids.length), profileType), spares) : null;
  const design = (take: readonly number[]) => {
    if (shared) { shared.place(take); return shared.bench; }
    const sc = expanded(installed, spares, take, profileType);
    return { sc, ph: take.some((k) => k > 0) ? rackPhysical(sc) : physicalBase };
  };
  /** Every check of a design (the answer's tables). */
  const run = (take: readonly number[]) => evaluate(design(take));
  /** The search's question of a design: what fails first, or null. */
  let lastFailedCase: string | undefined;
  const fails = (take: readonly number[], hint?: string) => {
    const f = evaluate(design(take), true, hint ?? lastFailedCase);
    if (f) lastFailedCase = f.case;
    return f;
  };
  const firstFailure = (checks: Check[]): Check | null => {
    let worst: Check | null = null;
    for (const c of checks) if (failed(c) && (!worst || relative(c) < relative(worst))) worst = c;
    return worst;
  };
  const take = spares.map(() => 0);
  const base = run(take);
  const baseFail = firstFailure(base.checks);
  const rows: HeadroomResult['rows'] = spares.map((sp) => ({ row: sp.rowId, spare: sp.ids.length, added: 0, stopped_by: null }));
  let final = base;
  if (baseFail) {
    notes.push(`the design as it stands already fails "${baseFail.case}": ${baseFail.message}; nothing is added until that is fixed`);
  } else if (spareCount > 0) {
    const allTake = spares.map((sp) => sp.ids.length);
    if (!fails(allTake)) { allTake.forEach((k, i) => { take[i] = k; }); final = run(take); }
    else {
      // Row by row in file order: the largest prefix of the row's spares that still passes (positions in a
      // row are identical, so if k fails so does every k' > k).
      spares.forEach((sp, i) => {
        // Rows are often alike: start from what the previous row took, then close in by bisection. lo is
        // known to pass (0 always does: the design so far passed), hi known to fail, or spare + 1 (untried).
        const spare = sp.ids.length;
        let lo = 0, hi = spare + 1, stop: Check | null = null;
        const probe = (k: number) => {
          const t = [...take]; t[i] = k;
          const f = fails(t, stop?.case);
          if (f) { hi = k; stop = f; } else lo = k;
        };
        const guess = Math.min(spare, Math.max(1, i > 0 ? take[i - 1]! : 1));
        probe(guess);
        if (lo === guess && guess < spare) probe(guess + 1);
        while (hi - lo > 1) probe(hi === spare + 1 ? spare : (lo + hi) >> 1);
        take[i] = lo;
        rows[i]!.stopped_by = stop && lo < sp.ids.length ? bindingOf(stop) : null;
      });
      final = run(take);
    }
    spares.forEach((sp, i) => { rows[i]!.added = take[i]!; });
  }

  // Resources: each resource's worst case in the final design, with its healthy (N) value.
  const byKey = new Map<string, { worst: Check; n: Check | null }>();
  for (const c of final.checks) {
    const e = byKey.get(c.key);
    const isN = c.case.startsWith(HEALTHY);
    if (!e) { byKey.set(c.key, { worst: c, n: isN ? c : null }); continue; }
    if (relative(c) < relative(e.worst)) e.worst = c;
    if (isN && (!e.n || relative(c) < relative(e.n))) e.n = c;
  }
  const resources: HeadroomResource[] = [...byKey.values()].map(({ worst, n }) => {
    const h = headroomOf(worst);
    const nn = n ?? worst;
    return {
      element: worst.element, kind: worst.kind, unit: worst.unit,
      capacity: round(worst.capacity), load: round(worst.load), headroom: round(h),
      headroom_pct: worst.unit === 'K' || !(worst.capacity > 0) ? null : round((100 * h) / worst.capacity, 1),
      case: worst.case,
      n: { capacity: round(nn.capacity), load: round(nn.load), headroom: round(headroomOf(nn)) },
    };
  }).sort((a, b) => (a.headroom_pct ?? Infinity) - (b.headroom_pct ?? Infinity) || a.headroom - b.headroom);

  // What bound: the constraint that stopped the most positions, else space.
  const added = take.reduce((a, k) => a + k, 0);
  let binding: Binding | null = null;
  if (baseFail) binding = bindingOf(baseFail);
  else if (added < spareCount) {
    const count = new Map<string, { b: Binding; n: number }>();
    rows.forEach((r) => {
      if (!r.stopped_by) return;
      const key = `${r.stopped_by.resource}:${r.stopped_by.element}`;
      const e = count.get(key) ?? count.set(key, { b: r.stopped_by, n: 0 }).get(key)!;
      e.n += r.spare - r.added;
    });
    let best: { b: Binding; n: number } | null = null;
    for (const e of count.values()) if (!best || e.n > best.n) best = e;
    binding = best?.b ?? null;
  } else if (spareCount > 0) binding = { resource: 'space', element: 'hall', case: HEALTHY, message: 'every spare position is taken' };

  const because = binding ? (binding.resource === 'space' ? 'no spare positions remain' : `${binding.element} (${binding.resource}) binds first`) : '';
  const stranded = binding ? resources
    .filter((r) => (r.unit === 'kW' || r.unit === 'L/s') && r.headroom > 0 && !(r.element === binding!.element && r.kind === binding!.resource))
    .map((r) => ({ element: r.element, kind: r.kind, headroom: r.headroom, unit: r.unit, because })) : [];

  if (final.unsettled.length) notes.push(`the steady state's control modes did not settle in ${final.unsettled.length} case(s) (${final.unsettled.slice(0, 3).join('; ')}): their temperatures are the last pass's`);
  const w = final.weather;
  const positions = spares.flatMap((sp, i) => sp.ids.slice(0, take[i]!));
  let transient: HeadroomResult['transient'] = null;
  if (opts.confirm !== undefined) {
    transient = confirmInTime(expanded(installed, spares, take, profileType), final, opts.confirm, opts.confirmFor ?? 3600);
    const bad = transient.cases.filter((c) => !c.held);
    if (bad.length) notes.push(`the steady state holds, but in time ${bad.map((c) => `"${c.case}" ${c.racks_tripped ? `trips ${c.racks_tripped}` : `throttles ${c.racks_throttled}`} rack(s)${c.violations.length ? ` and breaks ${c.violations.join(', ')}` : ''}`).join('; ')}: the expansion needs more than the steady state shows (storage, faster restarts, or fewer racks)`);
  }
  return {
    scenario: scenario.name,
    profile: { type: profileType, power_kw: round((profile.power ?? RACK.power) / KW), liquid_fraction: profile.cooling === 'air' ? 0 : profile.liquid_fraction ?? RACK.liquidFraction, gpus: profile.gpus ?? RACK.gpus, weight_kg: profile.weight ?? null },
    design_condition: { t_s: final.designTimes, dry_bulb_c: round(w.dry - C_TO_K, 2), wet_bulb_c: round(w.wet - C_TO_K, 2) },
    spare_positions: spareCount,
    added,
    added_kw: round((added * (profile.power ?? RACK.power)) / KW),
    positions,
    rows,
    binding,
    already_short: baseFail !== null,
    resources,
    stranded,
    cases: final.cases,
    transient,
    notes,
  };
}

/**
 * The design with every spare position filled, compiled once; `place(take)` switches on the first take[i]
 * positions of spare row i and off the rest: no power, no flow, each CDU's design flow and flow shares
 * re-summed over the racks in the design. Null when that design does not compile.
 */
function sharedBench(full: Scenario, spares: Spare[]): { bench: Bench; place(take: readonly number[]): void } | null {
  const compiled = compileModel(full);
  if (!compiled.ok) return null;
  const m = compiled.model;
  const { racks, cdus, doors } = m.plant;
  const b = bench(m, rackPhysical(full));
  const index = new Map(racks.ids.map((id, r) => [id, r] as const));
  const spareRacks = spares.map((sp) => sp.ids.map((id) => index.get(id)!));
  const orig = {
    power: Float64Array.from(racks.designPower), idle: Float64Array.from(racks.idlePower), flow: Float64Array.from(racks.designFlow), capacity: Float64Array.from(racks.capacity),
    doorFlow: Float64Array.from(doors.waterFlow), doorRate: Float64Array.from(doors.waterRate),
  };
  const active = new Uint8Array(racks.n);
  const absent = new Uint8Array(racks.n);
  b.active = active;
  b.absent = absent;
  return {
    bench: b,
    place(take) {
      active.fill(1);
      spareRacks.forEach((rs, i) => { for (let k = take[i]!; k < rs.length; k++) active[rs[k]!] = 0; });
      for (let r = 0; r < racks.n; r++) absent[r] = 1 - active[r]!;
      for (let r = 0; r < racks.n; r++) {
        const on = active[r] === 1;
        racks.designPower[r] = on ? orig.power[r]! : 0;
        racks.idlePower[r] = on ? orig.idle[r]! : 0;
        racks.designFlow[r] = on ? orig.flow[r]! : 0;
        // An absent rack keeps a (tiny) heat capacity so its node stays defined with no flow through it.
        racks.capacity[r] = on ? orig.capacity[r]! : Math.max(orig.capacity[r]!, 1);
      }
      // A door of an absent rack has no water: it draws none of its CDU's flow and takes no heat.
      for (let i = 0; i < doors.n; i++) {
        const on = active[doors.rack[i]!] === 1;
        doors.waterFlow[i] = on ? orig.doorFlow[i]! : 0;
        doors.waterRate[i] = on ? orig.doorRate[i]! : 0;
      }
      shareCduFlow(cdus, racks, doors);
    },
  };
}

/**
 * The tightest failure cases (least relative headroom in any check), and every utility loss, as
 * transient runs of the expanded design: every rack at design power, the failure at the design condition's
 * time (at least a minute in), run on for `after` seconds. A case holds when no rack throttles or trips and
 * the file's limits hold.
 */
function confirmInTime(design: Scenario, final: Evaluation, count: number, after: number): { cases: TransientCase[]; held: boolean } {
  const tight = new Map<string, number>();
  for (const c of final.checks) {
    if (c.case.startsWith(HEALTHY)) continue;
    const base = [...final.caseEvents.keys()].find((n) => c.case.startsWith(n));
    if (base === undefined) continue;
    tight.set(base, Math.min(tight.get(base) ?? Infinity, relative(c)));
  }
  const ranked = [...tight.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([n]) => n);
  const chosen = [...new Set([...ranked.slice(0, Math.max(0, count)), ...ranked.filter((n) => final.caseEvents.get(n)!.some((e) => e.utility === 'loss'))])];
  const at = Math.max(60, final.designTimes[0] ?? 0);
  const full = <T extends { load?: number | string }>(x: T): T => ({ ...x, load: 1 });
  const atDesign: Scenario = {
    ...design,
    duration: at + after,
    rack_types: Object.fromEntries(Object.entries(design.rack_types ?? {}).map(([k, t]) => [k, full(t)])),
    hall: {
      ...design.hall,
      rows: design.hall.rows?.map((r) => (r.racks ? { ...r, racks: r.racks.map(full) } : r)),
      immersion_tanks: design.hall.immersion_tanks?.map(full),
    },
  };
  const cases = chosen.map((name): TransientCase => {
    const sc: Scenario = { ...atDesign, events: final.caseEvents.get(name)!.map((e) => ({ ...e, at })) };
    const compiled = compileModel(sc);
    if (!compiled.ok) throw new ScenarioError(compiled.errors);
    const sim = new Simulation(compiled.model);
    sim.runTo(sim.end);
    const rep = buildReport(sim);
    let first: TransientCase['first_limit'] = null;
    for (const [kind, c] of Object.entries(rep.time_to_limit)) {
      if (c.t_s + 1e-9 < at) continue;
      if (!first || c.t_s - at < first.after_s) first = { kind, after_s: round(c.t_s - at) };
    }
    const k = rep.kpis;
    return {
      case: name, failed_at_s: at, racks_throttled: k.racks_throttled, racks_tripped: k.racks_tripped, first_limit: first,
      peak_rack_coolant_c: k.peak_rack_coolant_c, peak_rack_inlet_c: k.peak_rack_inlet_c, peak_fws_supply_c: k.peak_fws_supply_c,
      violations: rep.violations.map((v) => v.limit),
      held: k.racks_throttled === 0 && k.racks_tripped === 0 && rep.violations.length === 0,
    };
  });
  return { cases, held: cases.every((c) => c.held) };
}

/** Headroom as a share of capacity (temperature margins in K against 10 K), to rank checks across units. */
function relative(c: Check): number {
  const h = headroomOf(c);
  if (c.unit === 'K') return h / 10;
  return c.capacity > 0 ? h / c.capacity : h < 0 ? -Infinity : 0;
}

const bindingOf = (c: Check): Binding => ({ resource: c.kind, element: c.element, case: c.case, message: c.message });
