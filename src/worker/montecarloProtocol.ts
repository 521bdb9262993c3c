/** Messages between the page and its Monte Carlo workers (src/worker/montecarlo.worker.ts). */
import type { ReplicateOutcome, StudyKey } from '../../sim/api';

export type McRequest =
  | { kind: 'setup'; raw: unknown; format: string; years: number; until?: number }
  | { kind: 'reference' }
  | { kind: 'range'; from: number; to: number };

export type McReply =
  | { kind: 'ready'; key: StudyKey }
  | { kind: 'reference'; outcome: ReplicateOutcome }
  | { kind: 'range'; from: number; outcomes: ReplicateOutcome[] }
  | { kind: 'error'; message: string };
