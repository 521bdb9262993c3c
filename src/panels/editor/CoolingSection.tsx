/** Cooling equipment as the scenario lists it: CDUs, CRAHs, chillers, free coolers. Click to select in 3D. */
import { select } from '../../state/session';
import { focusOn } from '../../twin/cameraCommands';
import { asArray, asObject, asText, isObject, rawCdus, type RawObject } from '../../scenario/raw';
import { issuesFor, type PlacedIssue } from '../../scenario/issueSections';
import { Issues, Section } from './fields';

/** A chip per unit of a list; a click selects it in the 3D view (and the inspector shows it). */
export function Group({ title, items, detail }: { title: string; items: RawObject[]; detail: (o: RawObject) => string }) {
  if (!items.length) return null;
  return (
    <div className="group">
      <div className="group-title">{title} <span className="count">{items.length}</span></div>
      <div className="chips">
        {items.slice(0, 200).map((o, i) => {
          const id = asText(o.id);
          return <button key={i} className="chip" title={detail(o)} onClick={() => { select(id); focusOn(id); }}>{id}</button>;
        })}
        {items.length > 200 && <span className="muted">… {items.length - 200} more</span>}
      </div>
    </div>
  );
}

export function CoolingSection({ raw, issues }: { raw: RawObject; issues: PlacedIssue[] }) {
  const mine = issuesFor(issues, 'cooling');
  const hall = asObject(raw.hall), plant = asObject(raw.plant);
  const list = (v: unknown) => asArray(v).filter(isObject);
  const cap = (o: RawObject) => [o.capacity !== undefined ? `capacity ${asText(o.capacity)}` : '', o.kind !== undefined ? asText(o.kind) : ''].filter(Boolean).join(', ');
  return (
    <Section title="Cooling equipment" issues={mine} open={false} testId="section-cooling">
      <Issues issues={mine} />
      <Group title="CDUs" items={rawCdus(raw)} detail={(o) => `supply ${asText(o.supply_setpoint) || 'default'}${o.pumps ? `, pumps ${JSON.stringify(o.pumps)}` : ''}`} />
      <Group title="CRAHs" items={list(hall?.crahs)} detail={cap} />
      <Group title="Chillers" items={list(plant?.chillers)} detail={cap} />
      <Group title="Free cooling" items={list(plant?.free_cooling)} detail={cap} />
    </Section>
  );
}
