/**
 * A chilled-water storage tank on the FWS supply side, as a scenario file states it. Compiled with the FWS
 * loop (plant/compile.ts: the supply-side node's heat capacity and initial temperature).
 */
import { z } from 'zod';
import { positive } from '../../scenario/quantity';
import { LIQUID_SETPOINT } from '../../scenario/fields';

export const storageSchema = z.strictObject({ volume: positive('volume'), initial_temperature: LIQUID_SETPOINT().optional() });
