/**
 * The site's loads besides IT and cooling, as a scenario file states them (`facility`), with the defaults
 * used for what the file leaves out. The compiled loads are facility.ts.
 *
 * Two kinds, by where their heat goes: hall lighting is metered and heats the hall air (the CRAHs remove
 * it); `other` (BMS, security, fire detection, offices, NOC) is metered and outside the hall. `hall.other_heat`
 * stays what it was: heat into the hall air with no meter on this site (envelope, sun, people), so it adds
 * to the cooling load and to no part of facility energy. Lighting belongs here, not in other_heat (both
 * would count it twice as heat).
 */
import { z } from 'zod';
import { nonNegative, positive } from '../../scenario/quantity';

export const FACILITY = {
  /**
   * Hall floor per rack position, m²: a 0.6 × 1.2 m rack plus half of a 1.2 m cold and a 1.2 m hot aisle is
   * 1.44 m²; end-of-row clearance, CDU/CRAH galleries and perimeter add ~70 % (planning rules of 25–30 ft²,
   * 2.3–2.8 m², per rack).
   */
  areaPerRack: 2.5,
  /**
   * Hall lighting, W/m²: ANSI/TIA-942 asks 500 lux on the horizontal plane; LED luminaires at ~130 lm/W
   * with a utilisation × maintenance factor of ~0.6 give 500 / (130 · 0.6) ≈ 6.4 W/m². Lit around the
   * clock (no occupancy sensing assumed: the upper figure).
   */
  lighting: 6,
  /**
   * BMS and EPMS, security (CCTV, access control), fire detection, NOC and offices, per W of IT design
   * power: our estimate of ~50 kW for a 10 MW site (servers and controllers a few kW, security and
   * detection a few kW, a staffed NOC and offices of ~300 m² at ~100 W/m² with their own air conditioning).
   * Scaled with IT, not with hall floor: a dense AI hall has a small floor but a site-sized support building.
   */
  otherFraction: 0.005,
} as const;

export const facilitySchema = z.strictObject({
  /** Hall floor area the lighting scales with (default 2.5 m² per rack position). */
  floor_area: positive('area').optional(),
  /** Hall lighting per m² of floor: electricity, and heat into the hall air. */
  lighting: nonNegative('power_density').optional(),
  /** BMS, security, fire detection, offices: electricity outside the hall (default 0.5 % of IT design power). */
  other: nonNegative('power').optional(),
});

export type FacilitySpec = z.output<typeof facilitySchema>;
