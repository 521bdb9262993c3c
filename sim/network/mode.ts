/** Control mode of a loop or an air zone's CRAHs in one pass of the network's solve. */
export enum Mode { NoFlow = 0, Idle = 1, Controlled = 2, Saturated = 3, Capped = 4 }
