/**
 * One thread of the page's Monte Carlo pool (src/state/montecarlo.ts): set up with the scenario as the
 * editor holds it and the study's size, it answers the reference run and ranges of replicates with their
 * outcomes (sim/analysis/montecarlo.ts: a replicate is a function of its index, so the pool's result is
 * the CLI's, bit for bit).
 */
import { loadRaw, studyKey, runReplicate, runReplicates, type ScenarioFormat, type StudyKey, type Scenario } from '../../sim/api';
import type { McRequest, McReply } from './montecarloProtocol';

let scenario: Scenario | null = null;
let key: StudyKey | null = null;

function answer(m: McRequest): McReply {
  if (m.kind === 'setup') {
    const r = loadRaw(m.raw, m.format as ScenarioFormat);
    if (!r.ok) return { kind: 'error', message: r.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
    scenario = r.scenario;
    key = studyKey([scenario], { years: m.years, until: m.until });
    return { kind: 'ready', key };
  }
  if (!scenario || !key) return { kind: 'error', message: 'worker not set up' };
  if (m.kind === 'reference') return { kind: 'reference', outcome: runReplicate(scenario, key, null) };
  return { kind: 'range', from: m.from, outcomes: runReplicates([scenario], key, m.from, m.to).map((o) => o[0]!) };
}

self.onmessage = (e: MessageEvent<McRequest>) => {
  let reply: McReply;
  try { reply = answer(e.data); } catch (err) { reply = { kind: 'error', message: (err as Error).message }; }
  self.postMessage(reply);
};
