/**
 * Probes of the power chain: `<bus>.import` (what its source delivers, after any storage on it), `<ups>.load`,
 * `<ups>.battery` (share of its battery left), `<ups>.bypass` (1 on bypass), `<battery>.soc`, `<battery>.power`
 * (kW into its bus: + discharging, − charging). Powers kW, as every probe reports them.
 */
import { powerReader, type Reader } from '../components/contract';
import type { PowerChain } from './chain';
import { NodeKind } from './topology';

export function powerProbes(pw: PowerChain): Map<string, Map<string, Reader>> {
  const cat = new Map<string, Map<string, Reader>>();
  const plain = (read: () => number): Reader => ({ unit: '', read });
  for (let i = 0; i < pw.ids.length; i++) {
    if (pw.kind[i] === NodeKind.Bus) cat.set(pw.ids[i]!, new Map([['import', powerReader(() => (pw.alive[i] ? pw.input[i]! : 0))]]));
    else if (pw.kind[i] === NodeKind.Ups) cat.set(pw.ids[i]!, new Map([
      ['load', powerReader(() => pw.load[i]!)],
      ['battery', plain(() => (pw.battery[i]! > 0 ? pw.energy[i]! / pw.battery[i]! : 0))],
      ['bypass', plain(() => pw.bypass.on[i]! | pw.bypass.pending[i]!)],
    ]));
  }
  const st = pw.storage;
  for (let j = 0; j < st.n; j++) cat.set(st.ids[j]!, new Map([
    ['soc', plain(() => st.energy[j]! / st.capacity[j]!)],
    ['power', powerReader(() => st.flow[j]!)],
  ]));
  return cat;
}
