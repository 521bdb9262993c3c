/**
 * The storage tank compiled: its water joins the FWS supply side (half the loop's water, after the plant),
 * one mixed node between the plant and the CDUs that delays a change at the plant from reaching the
 * exchangers. It may start at its own temperature. Probed as the plant's `plant.storage`.
 */
import type { StorageSpec } from './schema';

/** Heat capacity of the supply-side node, J/K: half the FWS loop's water plus the tank's. */
export const supplySideCapacity = (storage: StorageSpec | undefined, loopVolume: number, fws: { density: number; cp: number }): number =>
  ((storage?.volume ?? 0) + 0.5 * loopVolume) * fws.density * fws.cp;

/** Initial temperature of the supply-side node: the tank's own, else the loop's. */
export const storageInitialTemperature = (storage: StorageSpec | undefined, loop: number): number => storage?.initial_temperature ?? loop;
