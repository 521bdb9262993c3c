/**
 * Benchmarks known to `npm run bench`. To add one, import its function from
 * a file in test/bench/ and append an entry; a bench may return several
 * records, each printed as one JSON line.
 */

import { benchDesMm1 } from './des-mm1';
import { benchHallDay, benchHallDayZoned, benchHallScaling } from './hall-day';
import { benchCliStart } from './cli-start';
import { benchYear } from './year';
import { benchHeadroom } from './headroom';
import { benchSweep, benchSweep1024 } from './sweep';
import { benchMonteCarlo } from './montecarlo';
import { benchAnnualDlc, benchAnnual1024, benchAnnualHeatReuse } from './annual';
import { benchWorkloadDay } from './workload-day';

export type BenchRecord = Record<string, number | string>;

export interface BenchArgs {
  customers: number;
  seed: number;
  /** Every `--name value` flag given on the command line, for bench-specific options. */
  flags: Readonly<Record<string, string>>;
}

export interface Bench {
  name: string;
  run(args: BenchArgs): BenchRecord | BenchRecord[];
}

export const benches: Bench[] = [
  { name: 'des-mm1', run: (args) => benchDesMm1({ customers: args.customers, seed: args.seed }) },
  { name: 'hall-day', run: (args) => benchHallDay(args.flags) },
  { name: 'hall-day-zoned', run: (args) => benchHallDayZoned(args.flags) },
  { name: 'hall-scaling', run: (args) => benchHallScaling(args.flags) },
  { name: 'year-20', run: (args) => benchYear(args.flags) },
  { name: 'cli-start', run: (args) => benchCliStart(args.flags) },
  { name: 'headroom', run: (args) => benchHeadroom(args.flags) },
  { name: 'sweep', run: (args) => benchSweep(args.flags) },
  { name: 'sweep-1024', run: (args) => benchSweep1024(args.flags) },
  { name: 'montecarlo', run: (args) => benchMonteCarlo(args.flags) },
  { name: 'annual-dlc', run: (args) => benchAnnualDlc(args.flags) },
  { name: 'annual-1024', run: (args) => benchAnnual1024(args.flags) },
  { name: 'annual-heat-reuse', run: (args) => benchAnnualHeatReuse(args.flags) },
  { name: 'workload-day', run: (args) => benchWorkloadDay(args.flags) },
];
