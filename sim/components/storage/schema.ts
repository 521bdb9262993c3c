/**
 * A chilled-water storage tank on the FWS supply side, as a scenario file states it. The compiled tank is
 * storage.ts.
 */
import { z } from 'zod';
import { positive } from '../../scenario/quantity';
import { LIQUID_SETPOINT } from '../../scenario/fields';

export const storageSchema = z.strictObject({ volume: positive('volume'), initial_temperature: LIQUID_SETPOINT().optional() });

export type StorageSpec = z.output<typeof storageSchema>;
