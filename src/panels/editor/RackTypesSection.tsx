/** Rack types: density (design power) and cooling for every rack of the type. */
import { edit } from '../../state/session';
import { asText, rawRackTypes, rawRows, setIn, type RawObject } from '../../scenario/raw';
import { issuesFor, type PlacedIssue } from '../../scenario/issueSections';
import { Issues, QuantityField, Section, fieldHas } from './fields';

export function RackTypesSection({ raw, issues }: { raw: RawObject; issues: PlacedIssue[] }) {
  const types = rawRackTypes(raw);
  const rows = rawRows(raw);
  const mine = issuesFor(issues, 'rackTypes');
  return (
    <Section title="Rack types" count={types.length} issues={mine} testId="section-rack-types">
      <Issues issues={issuesFor(mine, 'rackTypes', null)} />
      {types.map(([name, spec]) => {
        const own = issuesFor(mine, 'rackTypes', name);
        const used = rows.filter((r) => asText(r.type) === name).length;
        return (
          <div key={name} className={`item${own.length ? ' has-issues' : ''}`}>
            <div className="item-line">
              <b title={asText(spec.description)}>{name}</b>
              <span className="muted">{used} row{used === 1 ? '' : 's'}</span>
            </div>
            <div className="item-line">
              <label>Power <QuantityField testId={`rack-type-power-${name}`} unit="kW" value={spec.power} invalid={fieldHas(own, 'power')}
                onCommit={(v) => edit((r) => setIn(r, ['rack_types', name, 'power'], v))} /></label>
              <label>Cooling{' '}
                <select value={asText(spec.cooling) || 'dlc'} className={fieldHas(own, 'cooling') ? 'invalid' : ''}
                  onChange={(e) => edit((r) => setIn(r, ['rack_types', name, 'cooling'], e.target.value))}>
                  <option value="dlc">direct-to-chip</option>
                  <option value="air">air</option>
                  <option value="rear_door">air + rear door</option>
                </select>
              </label>
            </div>
            <Issues issues={own} />
          </div>
        );
      })}
    </Section>
  );
}
