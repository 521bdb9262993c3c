/**
 * The site's loads besides IT and cooling, compiled (the file's `facility`, schema.ts): constant powers the
 * run meters into facility energy; the lighting's heat joins the hall air. Each may hang on the power chain
 * (`power.feeds` selectors `lighting`, `facility_other`): while it has no live cord it draws, meters and
 * heats nothing.
 */
import { FACILITY, type FacilitySpec } from './schema';

export interface Facility {
  /** Hall floor area, m². */
  floorArea: number;
  /** Hall lighting, W: metered, and heat into the hall air. */
  lighting: number;
  /** BMS, security, offices, W: metered, outside the hall. */
  other: number;
  /** Whether each has power (the power chain sets these; true when no feed names them). */
  lightingPowered: boolean;
  otherPowered: boolean;
}

/**
 * `positions`: rack positions of the hall (racks, spare positions, immersion tanks), for the default floor
 * area; `itDesign`: the racks' design power, W, for the default `other`.
 */
export function compileFacility(f: FacilitySpec | undefined, positions: number, itDesign: number): Facility {
  const floorArea = f?.floor_area ?? FACILITY.areaPerRack * positions;
  return {
    floorArea,
    lighting: (f?.lighting ?? FACILITY.lighting) * floorArea,
    other: f?.other ?? FACILITY.otherFraction * itDesign,
    lightingPowered: true,
    otherPowered: true,
  };
}
