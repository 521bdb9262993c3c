/**
 * The scenario format, version 1: one zod definition is the validator, the TypeScript type and the
 * published JSON Schema. Fields are snake_case as written in files; quantities arrive as SI numbers.
 * Each component kind's fragment lives in its home, sim/components/<kind>/schema.ts, with its sourced
 * defaults; this file composes them. Defaults are applied when the plant is compiled, so a saved file only
 * ever holds what the user wrote.
 */
import { z } from 'zod';
import { quantity, positive, nonNegative, fraction, id, count } from './quantity';
import { LIMITS } from './guard';
import { fluid, LIQUID_SETPOINT, LIQUID_LIMIT, AIR_LIMIT, AMBIENT } from './fields';
import { MAX_RACKS, rackTypeSchema, rowSchema } from '../components/rack/schema';
import { immersionTankSchema } from '../components/immersion-tank/schema';
import { cduSchema } from '../components/cdu/schema';
import { crahSchema, hallAirFields } from '../components/crah/schema';
import { chillerSchema, stagingSchema } from '../components/chiller/schema';
import { facilitySchema } from '../components/facility/schema';
import { freeCoolerSchema } from '../components/free-cooler/schema';
import { storageSchema } from '../components/storage/schema';
import { generatorSchema } from '../components/generator/schema';
import { busSchema } from '../components/bus/schema';
import { upsSchema } from '../components/ups/schema';
import { distributionSchema } from '../components/distribution/schema';
import { tariffSchema } from './tariff';
import { workloadSchema } from './workload';
import { bessSchema } from '../components/bess/schema';
import { heatRecoverySchema } from '../components/heat-recovery/schema';

export const MAX_EVENTS = 100_000;
/** Up to ten years (Monte Carlo availability studies run many such years in parallel processes). */
export const MAX_DURATION_S = 10 * 365.25 * 86400;
/** A run's simulated time: the file's `duration` and the CLI's `--until` share this one rule. */
export const runDuration = () => quantity('time', { positive: true, max: MAX_DURATION_S });

const hallSchema = z.strictObject({
  ...hallAirFields,
  rows: z.array(rowSchema).max(2000).optional(),
  immersion_tanks: z.array(immersionTankSchema).max(MAX_RACKS).optional(),
  crahs: z.array(crahSchema).max(1000).optional(),
}).superRefine((hall, ctx) => {
  // One total across rows and tanks, checked before anything is allocated: 2,000 rows of 20,000 generated
  // racks each is a 176 KB file that asked for 40 million racks.
  // Spare positions count too: an expansion study fills them all at once.
  let total = hall.immersion_tanks?.length ?? 0, spare = 0;
  for (const row of hall.rows ?? []) { total += row.racks?.length ?? row.count ?? 0; spare += row.spare ?? 0; }
  if (total + spare > MAX_RACKS) ctx.addIssue({ code: 'custom', path: ['rows'], message: `expected at most ${MAX_RACKS.toLocaleString('en-US')} ${spare ? 'racks, tanks and spare positions' : 'racks and tanks'} in a hall, found ${(total + spare).toLocaleString('en-US')}` });
});

const plantSchema = z.strictObject({
  supply_setpoint: LIQUID_SETPOINT().optional(),
  flow: positive('volume_flow').optional(),
  loop_volume: positive('volume').optional(),
  initial_temperature: LIQUID_SETPOINT().optional(),
  /** Free cooling ahead of the chillers: dry coolers and towers cool the return when ambient allows. */
  free_cooling: z.array(freeCoolerSchema).max(200).optional(),
  chillers: z.array(chillerSchema).max(200).optional(),
  /** How many chillers run: by load with hysteresis (default) or all of them. */
  chiller_staging: stagingSchema.optional(),
  storage: storageSchema.optional(),
  /** FWS (primary) pumps: head at the loop's flow and wire-to-water efficiency. */
  /** 0 m: no FWS pumps on this site's meter (a building loop pumped by others). */
  pump_head: nonNegative('head').optional(),
  pump_efficiency: quantity('fraction', { positive: true, max: 1 }).optional(),
});

const weatherSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), dry_bulb: AMBIENT(), wet_bulb: AMBIENT().optional() }),
  z.strictObject({
    kind: z.literal('design_day'),
    dry_bulb_max: AMBIENT(),
    daily_range: nonNegative('temperature_difference'),
    wet_bulb_max: AMBIENT().optional(),
    /** Hour of the daily peak, 0–24 (ASHRAE design days peak at 15:00). */
    peak_hour: z.number().min(0).max(24).optional(),
  }),
  z.strictObject({
    kind: z.literal('csv'),
    /**
     * Lines `t_s,dry_bulb_c[,wet_bulb_c]`, header optional; linear interpolation, held at the ends.
     * Bounded only by the file size (a year of hourly data is ~0.3 MB): the guard exempts it from its per-string limit.
     */
    data: z.string().max(LIMITS.maxBytes),
  }),
  z.strictObject({
    kind: z.literal('epw'),
    /**
     * An EnergyPlus weather file (.epw), relative to the scenario file. The host reads it: the CLI does;
     * a browser has no file system, so there the text goes in `data` (docs/weather.md).
     */
    file: z.string().min(1).max(1000).optional(),
    /** The EPW text itself, embedded (bounded by the file size; see sim/plant/epw.ts for what is checked). */
    data: z.string().max(LIMITS.maxBytes).optional(),
  }).refine((w) => w.file !== undefined || w.data !== undefined, { message: 'expected file (an .epw path relative to the scenario) or data (the EPW text)' }),
]);

/**
 * What a scenario event may set on the FWS loop (`set: plant.<parameter>`), checked by the very schema of
 * the field it sets, so an event can never put in what the file itself could not. Component kinds declare
 * their own (CDU_SETTABLE, HALL_SETTABLE, LOAD_SETTABLE in sim/components/<kind>/schema.ts).
 */
export const SETTABLE = {
  plant: { supply_setpoint: plantSchema.shape.supply_setpoint.unwrap() },
} as const;

const eventSchema = z.strictObject({
  at: nonNegative('time'),
  fail: id().optional(),
  repair: id().optional(),
  /** With fail/repair: `pump` (one pump of a CDU's set), `unit` (one unit of a CDU's shared-header set), `module` (one UPS module), `a` or `b` (one path of a feed), `door` (a rack's rear door: its water). */
  part: z.enum(['pump', 'unit', 'module', 'a', 'b', 'door']).optional(),
  count: count(16, 1).optional(),
  /** `<component>.<parameter>` to change, with `value`. */
  /** Power events: `utility: loss` / `utility: restore` on a utility id given in `target`. */
  utility: z.enum(['loss', 'restore']).optional(),
  /** Job events: `job: pause` / `job: resume` on the job id given in `target` (an operator draining a job and bringing it back). */
  job: z.enum(['pause', 'resume']).optional(),
  target: id().optional(),
  set: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*\.[a-z_]+$/, { message: 'expected "<component id>.<parameter>"' }).optional(),
  value: z.union([z.number(), z.string()]).optional(),
  note: z.string().max(500).optional(),
});

const reliabilitySchema = z.strictObject({
  /** A component id or a class: `cdu`, `pump`, `chiller`, `crah`, `free_cooling`, `heat_recovery`, … (docs/scenario-format.md). */
  target: id(),
  mtbf: positive('time'),
  mttr: positive('time'),
});

/** The power chain: sources, ATS-fed buses, UPS systems, distribution, and which loads hang where. */
const powerSchema = z.strictObject({
  utilities: z.array(z.strictObject({ id: id() })).min(1).max(16),
  generators: z.array(generatorSchema).max(64).optional(),
  buses: z.array(busSchema).min(1).max(64),
  ups: z.array(upsSchema).max(64).optional(),
  distribution: z.array(distributionSchema).max(5000).optional(),
  feeds: z.array(z.strictObject({
    /** Names the feed in events (`fail: <id>, part: a`) and the sweep (default: `feed-<first load>`). */
    id: id().optional(),
    /** Rack, row, CDU, CRAH, chiller or free-cooler ids, or a class: racks, cdus, crahs, chillers, chiller_controls, free_cooling. */
    loads: z.array(id()).min(1).max(5000),
    a: id(),
    /** Second cord: the load is shared while both live and moves to the survivor on failover. */
    b: id().optional(),
  })).max(5000),
  /** Inverse-time overload: a path at x times its rating trips after overload_time / (x² − 1). */
  overload_time: positive('time').optional(),
  /** Battery energy storage on buses (peak shaving of the import). */
  batteries: z.array(bessSchema).max(64).optional(),
});

const economicsSchema = z.strictObject({
  energy_price: nonNegative('energy_price').optional(),
  /** Time-of-day energy prices instead of one `energy_price` (sim/scenario/tariff.ts). */
  tariff: tariffSchema.optional(),
  /** Facility and IT capital cost, amortised linearly over `life` down to `residual_value`. */
  capex: nonNegative('money').optional(),
  life: positive('time').optional(),
  residual_value: fraction().optional(),
  /** Other operating cost per year (staff, maintenance, network). */
  opex_per_year: nonNegative('money').optional(),
  /** Cloud price of one GPU-hour of the same class, for comparison. */
  cloud_price_per_gpu_hour: nonNegative('money').optional(),
  /** Per m³ of water. */
  water_price: nonNegative('money').optional(),
  /** Capital cost per rack position (racks, cabling, containment), added to `capex`. */
  capex_per_rack: nonNegative('money').optional(),
  /** Capital cost per MW of IT design power (power and cooling infrastructure), added to `capex`. */
  capex_per_mw: nonNegative('money').optional(),
  /** Capital cost per GPU (servers, network), added to `capex`; written down to `gpu_residual_value`. */
  capex_per_gpu: nonNegative('money').optional(),
  /** Share of the GPU capital recovered at the end of `life` (default: `residual_value`). */
  gpu_residual_value: fraction().optional(),
  /** Maintenance per year as a share of the whole capital cost. */
  maintenance: fraction().optional(),
  /** Staff cost per year. */
  staff_per_year: nonNegative('money').optional(),
  /** Financing: interest per year on the capital (annuity over `life`); 0 = paid cash, straight line. */
  interest_rate: fraction().optional(),
  /** Share of the available GPU-hours that carry paid work, for `dctwin tco` (default: the run's GPU utilisation with a workload, else 1). */
  utilisation: fraction().optional(),
}).superRefine((e, ctx) => {
  if (e.tariff && e.energy_price !== undefined) ctx.addIssue({ code: 'custom', path: ['tariff'], message: 'expected energy_price or tariff, not both: the tariff prices every hour' });
});

/**
 * Redundancy the design states for groups that have no `required` count of their own (CDU pumps and UPS
 * modules state theirs; A/B feeds state 2N). N+k: the group must carry the design load with its k largest
 * units out. Used by `dctwin headroom`; a group not listed is N.
 */
const REDUNDANCY = z.enum(['N', 'N+1', 'N+2'], { message: 'expected N, N+1 or N+2' });
const redundancySchema = z.strictObject({
  chillers: REDUNDANCY.optional(),
  free_cooling: REDUNDANCY.optional(),
  crahs: REDUNDANCY.optional(),
});

const limitsSchema = z.strictObject({
  max_rack_inlet: AIR_LIMIT().optional(),
  max_rack_coolant: LIQUID_LIMIT().optional(),
  max_tcs_supply: LIQUID_LIMIT().optional(),
  max_fws_supply: LIQUID_LIMIT().optional(),
  max_racks_throttled: count(MAX_RACKS).optional(),
  max_racks_tripped: count(MAX_RACKS).optional(),
  /** Racks that may lose power (both cords) during the run. */
  max_racks_lost_power: count(MAX_RACKS).optional(),
  max_pue: z.number().min(1).optional(),
  max_gpu_hours_lost: z.number().min(0).optional(),
  min_ups_runtime_margin: nonNegative('time').optional(),
});

const solverSchema = z.strictObject({
  max_step: positive('time').optional(),
  min_step: positive('time').optional(),
  max_delta_t: positive('temperature_difference').optional(),
  error_tolerance: positive('temperature_difference').optional(),
  record_interval: positive('time').optional(),
  /** Fixed step instead of adaptive (for accuracy studies). */
  fixed_step: positive('time').optional(),
  /** `steady`: start from the steady state of t = 0 (default); `setpoints`: every node at its setpoint. */
  initial: z.enum(['steady', 'setpoints']).optional(),
});

/**
 * A training drill (docs/drills.md): the scenario is the incident; the drill adds narration that steps with
 * the timeline and decision points where the trainee picks what to do. An option's actions are events
 * (any verb an event has) timed `after` the decision; "nothing" (do nothing) is always an option.
 */
const drillActionSchema = eventSchema.omit({ at: true }).extend({
  /** Delay from the decision to this action (a technician walking to the pump, a chiller's restart), default 0. */
  after: nonNegative('time').optional(),
});

const drillSchema = z.strictObject({
  title: z.string().min(1).max(200),
  /** What the trainee reads before the timeline starts. */
  briefing: z.string().min(1).max(5000),
  /** Shown on the timeline when it reaches `at`. */
  narration: z.array(z.strictObject({ at: nonNegative('time'), text: z.string().min(1).max(2000) })).max(200).optional(),
  decisions: z.array(z.strictObject({
    id: id(),
    /** The timeline pauses here and asks. */
    at: nonNegative('time'),
    question: z.string().min(1).max(2000),
    options: z.array(z.strictObject({
      id: id(),
      label: z.string().min(1).max(300),
      actions: z.array(drillActionSchema).max(20).optional(),
      /** Told to the trainee after the drill: why this choice plays out as it does. */
      feedback: z.string().max(2000).optional(),
    })).min(1).max(8),
    /** The drill author's best answer (an option id, or "nothing"). */
    best: id(),
    /** For the instructor: why the best answer is best. */
    explain: z.string().max(3000).optional(),
  })).min(1).max(10),
  /** Points out of 100 for GPU-hours saved, limits kept and time back to normal (defaults 60/25/15). */
  scoring: z.strictObject({
    gpu_hours: z.number().min(0).max(100).optional(),
    limits: z.number().min(0).max(100).optional(),
    back_to_normal: z.number().min(0).max(100).optional(),
  }).optional(),
});

export const scenarioSchema = z.strictObject({
  version: z.literal(1, { message: 'expected version: 1' }),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  duration: runDuration().optional(),
  solver: solverSchema.optional(),
  fluids: z.strictObject({ tcs: fluid.optional(), fws: fluid.optional(), air: fluid.optional() }).optional(),
  weather: weatherSchema.optional(),
  rack_types: z.record(id(), rackTypeSchema).optional(),
  hall: hallSchema,
  cdus: z.array(cduSchema).max(5000).optional(),
  plant: plantSchema.optional(),
  /** Site loads besides IT and cooling: hall lighting, BMS, security, offices. */
  facility: facilitySchema.optional(),
  /** Heat export from the FWS return to a district-heating network (sim/components/heat-recovery/). */
  heat_reuse: heatRecoverySchema.optional(),
  power: powerSchema.optional(),
  workload: workloadSchema.optional(),
  economics: economicsSchema.optional(),
  events: z.array(eventSchema).max(MAX_EVENTS).optional(),
  reliability: z.array(reliabilitySchema).max(1000).optional(),
  limits: limitsSchema.optional(),
  redundancy: redundancySchema.optional(),
  /** Makes the file a training drill (docs/drills.md). */
  drill: drillSchema.optional(),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type EventSpec = z.output<typeof eventSchema>;
export type DrillSpec = z.output<typeof drillSchema>;
export type DrillActionSpec = z.output<typeof drillActionSchema>;
export type WeatherSpec = z.output<typeof weatherSchema>;
export type LimitsSpec = z.output<typeof limitsSchema>;
export type RedundancySpec = z.output<typeof redundancySchema>;
export type PowerSpec = z.output<typeof powerSchema>;
export type WorkloadSpec = z.output<typeof workloadSchema>;
export type EconomicsSpec = z.output<typeof economicsSchema>;
