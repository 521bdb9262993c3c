/**
 * Heat reuse (`heat_reuse`): a heat-recovery unit on the facility-water (FWS) return, ahead of free cooling
 * and the chillers, exporting the hall's heat to a district-heating network. As a scenario file states it,
 * with the defaults used for what the file leaves out. The compiled unit is heat-recovery.ts; the physics
 * and its limits are in docs/physics.md ("Heat reuse").
 *
 * Two kinds:
 * - `direct`: a plate exchanger straight into the network. It can only serve the network when the FWS
 *   return is warm enough to reach the network's supply temperature across the exchanger's approach.
 * - `heat_pump`: a heat-recovery heat pump takes heat from the FWS return (its evaporator) and delivers it
 *   at the network's supply temperature, with a COP from its lift (a fraction of the Carnot COP).
 */
import { z } from 'zod';
import { positive, nonNegative, fraction, id, quantity } from '../../scenario/quantity';
import { LIQUID_SETPOINT, AMBIENT } from '../../scenario/fields';

export const HEAT_RECOVERY = {
  /**
   * Plate exchanger approach, K (FWS leaving − network entering, and FWS entering − network leaving):
   * district-heating substations' brazed and gasketed plate exchangers are sized for 2–5 K; 3 K matches
   * the CDU approach (CDU vendors, same exchanger technology).
   */
  approach: 3,
  /**
   * Direct exchanger's proportional band, K: between network supply + approach and that plus the band the
   * share of the demand it serves rises linearly from 0 to 1. A plate exchanger of fixed UA delivers less
   * and less at the network's supply temperature as the FWS return nears it (its LMTD goes to zero), and
   * substation controls modulate the valve rather than switch it; 2 K is our estimate, of the order of the
   * approach. A step (0 K) makes a return hovering at the threshold switch the export on and off.
   */
  band: 2,
  /**
   * Heat pump's share of the Carnot COP, η = COP / (T_hot / (T_hot − T_source)): large electric heat pumps
   * in district heating reach η ≈ 0.4–0.6 (Jesper et al. 2021, "Large-scale heat pumps: uptake and
   * performance modelling of market-available devices", Renew. Sust. Energy Rev. 137, 110646; Arpagaus
   * et al. 2018, Energy 152, 985–1010, report ~0.4–0.6 for high-temperature units). 0.5 is the middle.
   */
  carnotEfficiency: 0.5,
  /**
   * Smallest lift (export − source leaving temperature) the COP is computed at, K: below ~10 K the Carnot
   * expression runs away (COP 16 at 10 K and 45 °C) while a real compressor's pressure-ratio floor and
   * the exchangers' approaches keep it bounded. A smaller lift is taken as 10 K.
   */
  minLift: 10,
  /**
   * Largest lift one stage of a large heat pump delivers, K: single-stage industrial units reach 50–60 K
   * (Arpagaus et al. 2018); the source is not cooled below export − max_lift.
   */
  maxLift: 60,
  /** Lowest temperature the heat pump may draw the source down to, °C (evaporator freeze margin for water). */
  minSourceC: 5,
  /**
   * Heating degree-day base, °C: the outdoor temperature at which space heating starts (15.5 °C, the UK
   * CIBSE TM41 base; Eurostat uses 15 °C).
   */
  heatingBaseC: 15.5,
  /**
   * Share of peak demand the network keeps when no space heating is needed (domestic hot water and
   * network losses): our estimate from Nordic district-heating load curves, where summer load is ~10–20 %
   * of the winter peak.
   */
  baseLoad: 0.15,
  /** Gas condensing boiler seasonal efficiency (lower heating value), for the saving against a boiler. */
  boilerEfficiency: 0.9,
} as const;

const HOURS = 24;
const MONTHS = 12;

const demandSchema = z.strictObject({
  /** The network's heat demand at its peak (default: the unit's capacity). */
  peak: positive('power').optional(),
  /** 24 factors, one per hour of the day from 00:00 (0–1): the demand's daily shape. */
  daily: z.array(fraction()).length(HOURS, { message: `expected ${HOURS} hourly factors, from 00:00` }).optional(),
  /** 12 factors, January to December (0–1): the demand's seasonal shape, on an EPW weather file's calendar, else a plain 365-day year from 1 January at t = 0. */
  monthly: z.array(fraction()).length(MONTHS, { message: `expected ${MONTHS} monthly factors, January to December` }).optional(),
  /**
   * Space heating tied to the weather by degree-days: factor = clamp((base − dry bulb)/(base − design),
   * base_load, 1), full demand at the design outdoor temperature and below.
   */
  heating: z.strictObject({
    design: AMBIENT(),
    base: AMBIENT().optional(),
    base_load: fraction().optional(),
  }).optional(),
});

export const heatRecoverySchema = z.strictObject({
  id: id(),
  kind: z.enum(['direct', 'heat_pump']),
  /** Heat the unit can deliver to the network (a heat pump's heating capacity). */
  capacity: positive('power'),
  /** The district-heating network's supply (what it must receive) and return (what comes back) temperatures. */
  network: z.strictObject({ supply: LIQUID_SETPOINT(), return: LIQUID_SETPOINT() }),
  /** `direct`: the plate exchanger's approach (default 3 K). */
  approach: nonNegative('temperature_difference').optional(),
  /** `direct`: the band above network supply + approach over which its share of the demand rises 0 → 1 (default 2 K; 0 K: a step). */
  band: nonNegative('temperature_difference').optional(),
  /** `heat_pump`: its share of the Carnot COP (default 0.5). */
  carnot_efficiency: quantity('fraction', { positive: true, max: 1 }).optional(),
  /** `heat_pump`: the lift the COP is never computed below (default 10 K). */
  min_lift: positive('temperature_difference').optional(),
  /** `heat_pump`: the largest lift it delivers (default 60 K). */
  max_lift: positive('temperature_difference').optional(),
  /** `heat_pump`: the lowest temperature it draws the FWS down to (default 5 °C). */
  min_source: LIQUID_SETPOINT().optional(),
  /** The network's demand over the day and the year (default: the capacity, all the time). */
  demand: demandSchema.optional(),
  /** Revenue per unit of heat exported (a heat sale), e.g. `40 EUR/MWh`. */
  price: nonNegative('energy_price').optional(),
  /** Or the saving against the boiler the exported heat displaces: its fuel price and efficiency. */
  displaced_boiler: z.strictObject({
    fuel_price: nonNegative('energy_price'),
    efficiency: quantity('fraction', { positive: true, max: 1.1 }).optional(),
  }).optional(),
}).superRefine((h, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (!(h.network.supply > h.network.return))
    issue(['network', 'supply'], `expected a network supply warmer than its return (${(h.network.return - 273.15).toFixed(1)} °C), found ${(h.network.supply - 273.15).toFixed(1)} °C`);
  if (h.kind === 'direct') {
    for (const k of ['carnot_efficiency', 'min_lift', 'max_lift', 'min_source'] as const)
      if (h[k] !== undefined) issue([k], `${k} applies to kind heat_pump; a direct exchanger has no compressor`);
  } else for (const k of ['approach', 'band'] as const)
    if (h[k] !== undefined) issue([k], `${k} applies to kind direct; a heat pump is described by carnot_efficiency and its lift limits`);
  const lo = h.min_lift ?? HEAT_RECOVERY.minLift, hi = h.max_lift ?? HEAT_RECOVERY.maxLift;
  if (h.kind === 'heat_pump' && !(hi > lo)) issue(['max_lift'], `expected a max_lift above min_lift (${lo} K), found ${hi} K`);
  // The COP is lowest at the largest lift; a heat pump's COP is above 1 (its electricity ends up as heat too).
  const eta = h.carnot_efficiency ?? HEAT_RECOVERY.carnotEfficiency;
  if (h.kind === 'heat_pump' && !((eta * h.network.supply) / hi > 1))
    issue(['carnot_efficiency'], `expected a COP above 1 at max_lift, found η·T_supply/max_lift = ${((eta * h.network.supply) / hi).toFixed(3)}: raise carnot_efficiency or lower max_lift`);
  if (h.price !== undefined && h.displaced_boiler !== undefined) issue(['displaced_boiler'], 'expected price (a heat sale) or displaced_boiler (a saving), not both');
  const d = h.demand?.heating;
  if (d && !((d.base ?? HEAT_RECOVERY.heatingBaseC + 273.15) > d.design))
    issue(['demand', 'heating', 'design'], 'expected a design outdoor temperature below the heating base (full demand at design, none above base)');
});

export type HeatRecoverySpec = z.output<typeof heatRecoverySchema>;
