/** Setpoints: hall air (CRAH supply), facility water supply, CDU (TCS) supply — all CDUs at once or one by one. */
import { useState } from 'react';
import { edit } from '../../state/session';
import { setAllCdus } from '../../scenario/edits';
import { asObject, asText, rawCdus, setIn, type RawObject } from '../../scenario/raw';
import { issuesFor, type PlacedIssue } from '../../scenario/issueSections';
import { Issues, QuantityField, Section, fieldHas } from './fields';

export function SetpointsSection({ raw, issues }: { raw: RawObject; issues: PlacedIssue[] }) {
  const mine = issuesFor(issues, 'setpoints');
  const cdus = rawCdus(raw);
  const [showAll, setShowAll] = useState(cdus.length <= 8);
  const hallIssues = issuesFor(mine, 'setpoints', 'hall');
  const plantIssues = issuesFor(mine, 'setpoints', 'plant');
  const setpoints = cdus.map((c) => asText(c.supply_setpoint));
  const common = setpoints.every((s) => s === setpoints[0]) ? setpoints[0] ?? '' : '';
  return (
    <Section title="Setpoints" issues={mine} testId="section-setpoints">
      <div className="grid2">
        <label htmlFor="sp-air">Hall air (CRAH supply)</label>
        <QuantityField testId="setpoint-air" unit="degC" value={asObject(raw.hall)?.air_setpoint} placeholder="24 degC (default)" invalid={fieldHas(hallIssues, 'air_setpoint')}
          onCommit={(v) => edit((r) => setIn(r, ['hall', 'air_setpoint'], v === '' ? undefined : v))} />
        <label>Facility water (FWS) supply</label>
        <QuantityField testId="setpoint-fws" unit="degC" value={asObject(raw.plant)?.supply_setpoint} placeholder="25 degC (default)" invalid={fieldHas(plantIssues, 'supply_setpoint')}
          onCommit={(v) => edit((r) => setIn(r, ['plant', 'supply_setpoint'], v === '' ? undefined : v))} />
        {cdus.length > 0 && (
          <>
            <label>All CDUs (TCS supply)</label>
            <QuantityField testId="setpoint-cdus" unit="degC" value={common} placeholder={common ? undefined : 'mixed'}
              onCommit={(v) => v !== '' && edit((r) => setAllCdus(r, 'supply_setpoint', v))} />
          </>
        )}
      </div>
      <Issues issues={[...hallIssues, ...plantIssues]} />
      {cdus.length > 8 && <button className="link" onClick={() => setShowAll(!showAll)}>{showAll ? 'Hide' : 'Show'} the {cdus.length} CDUs one by one</button>}
      {showAll && (
        <div className="grid2">
          {cdus.map((c, i) => {
            const id = asText(c.id);
            const own = issuesFor(mine, 'setpoints', id);
            return (
              <div key={i} className="contents">
                <label>{id}</label>
                <QuantityField unit="degC" value={c.supply_setpoint} placeholder="30 degC (default)" invalid={fieldHas(own, 'supply_setpoint')}
                  onCommit={(v) => edit((r) => setIn(r, ['cdus', i, 'supply_setpoint'], v === '' ? undefined : v))} />
                {own.length > 0 && <div className="span2"><Issues issues={own} /></div>}
              </div>
            );
          })}
        </div>
      )}
    </Section>
  );
}
