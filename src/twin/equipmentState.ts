/** State of a piece of equipment at the cursor, and its colour. */
import type { EquipmentKind } from './sceneLayout';
import type { EquipmentState } from '../state/equipmentStates';
import { OKABE_ITO, UNPOWERED } from './colorScales';

/** A unit in service but not running (a chiller staged off, an idle battery). */
export const STANDBY = '#3e4c63';

/** Neutral greys per kind (normal operation should not compete with the racks' metric colours). */
export const KIND_COLOR: Record<EquipmentKind, string> = {
  cdu: '#8fa3b8', tank_hx: '#8fa3b8', crah: '#98a69c', chiller: '#a7b0ba', dry_cooler: '#97a3ae', tower: '#9aa9b0',
  storage: '#b4bbc3', generator: '#b0a68f', ups: '#9a9ab4', utility: '#a0a0a0', heat_recovery: '#b8a49a', battery: '#9fb39a',
};

export const STATE_COLOR: Record<Exclude<EquipmentState, 'normal'>, string> = {
  degraded: OKABE_ITO.orange,
  empty: OKABE_ITO.orange,
  restarting: OKABE_ITO.yellow,
  unpowered: UNPOWERED,
  failed: OKABE_ITO.reddishPurple,
  // Dark slate: clearly not running (darker and bluer than every kind's grey), and not an alarm colour.
  standby: STANDBY,
};

export const KIND_LABEL: Record<EquipmentKind, string> = {
  cdu: 'CDU', tank_hx: 'Tank heat exchanger', crah: 'CRAH', chiller: 'Chiller', dry_cooler: 'Dry cooler', tower: 'Cooling tower',
  storage: 'Thermal storage', generator: 'Generator', ups: 'UPS', utility: 'Utility feed', heat_recovery: 'Heat recovery', battery: 'Battery storage',
};

/** States that get the magenta outline and a tag in the scene. */
export const ALARMING: ReadonlySet<EquipmentState> = new Set(['failed', 'unpowered']);
