/**
 * PUE as a sum of named parts (report.kpis.facility_parts_kwh), for the CLI summary and the results panel.
 * Its own module, holding nothing of the engine, so the page's main bundle can import it.
 */
import type { FacilityParts } from './report';

/** The parts of facility energy in the order a reader expects them, with the words the UI and CLI use. */
const PART_LABELS: readonly [Exclude<keyof FacilityParts, 'it'>, string][] = [
  ['ups_losses', 'UPS'], ['distribution_losses', 'distribution'], ['storage_losses', 'battery storage'], ['cdu_pumps', 'CDU pumps'], ['fws_pumps', 'FWS pumps'],
  ['crah_fans', 'CRAH fans'], ['chillers', 'chillers'], ['chiller_controls', 'chiller controls'], ['condenser_fans', 'tower fans'],
  ['condenser_pumps', 'condenser pumps'], ['free_cooling_fans', 'free-cooling fans'], ['heat_pump', 'heat pump'], ['lighting', 'lighting'], ['other', 'other'],
];

/**
 * Each part of facility energy (IT first) as its share of IT energy, so the shares add up to the PUE;
 * parts below `least` are left out (their sum stays in the PUE). Empty without IT energy.
 */
export function pueParts(parts: FacilityParts, least = 5e-4): { label: string; share: number }[] {
  if (parts.it <= 0) return [];
  return [{ label: 'IT', share: 1 }, ...PART_LABELS.filter(([k]) => parts[k] !== undefined).map(([k, label]) => ({ label, share: parts[k]! / parts.it })).filter((p) => p.share >= least)];
}

