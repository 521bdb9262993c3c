/** A small liquid-cooled hall for workload tests: `racks` racks of 72 GPUs, 100 kW each, 20 kW idle. */
export function hallYaml(racks: number, workload: string, extra = ''): string {
  return `version: 1
name: workload-test
duration: 48 h
${extra}
rack_types: { r: { power: 100 kW, idle_power: 20 kW, gpus: 72, cooling: dlc } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: ${racks} } ]
  crahs: [ { id: crah-1, capacity: ${racks * 30} kW } ]
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: ${racks * 200} kW } ] }
workload:
${workload.replace(/^/gm, '  ')}
`;
}
