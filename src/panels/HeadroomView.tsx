/**
 * "How many more racks of this kind fit, where, and what stops us?" Pick a rack profile (a rack type of the
 * file, or an inline one); the engine answers in an analysis worker, again whenever the profile or the
 * scenario changes (a question still running is dropped). Shows how many racks are added and where (ghost
 * racks in the hall), what binds and in which failure case, every resource as a bar (worst case and
 * healthy), stranded capacity and the engine's notes.
 */
import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { headroomStore, computeHeadroom, cancelHeadroom, setProfile, fitProfile, rackTypesOf, headroomCurrent, profileKey, DEFAULT_FORM, type ProfileForm } from '../state/headroom';
import { ghostPlan } from '../twin/ghosts';
import { focusOn } from '../twin/cameraCommands';
import { num } from '../format';
import type { HeadroomResource, HeadroomResult } from '../worker/protocol';
import { ResourceBar, kindLabel } from './ResourceBar';

/** Wait this long after the last keystroke of the profile form before asking the engine. */
const DEBOUNCE_MS = 300;
const CUSTOM = '\u0000custom';

function ProfileFields({ form }: { form: ProfileForm }) {
  const set = (patch: Partial<ProfileForm>) => setProfile({ kind: 'spec', form: { ...form, ...patch } });
  const field = (key: 'power' | 'liquid_fraction' | 'gpus' | 'weight', label: string, unit: string, title: string) => (
    <label className="contents">
      <span title={title}>{label}</span>
      <span className="unit-input">
        <input data-testid={`headroom-${key}`} value={form[key]} onChange={(e) => set({ [key]: e.target.value })} size={7} disabled={key === 'liquid_fraction' && form.cooling === 'air'} />
        <span className="muted">{unit}</span>
      </span>
    </label>
  );
  return (
    <div className="grid2 profile-form">
      {field('power', 'design power', 'kW', 'Design power of one rack (every rack at load 1 in the design condition)')}
      <label className="contents">
        <span>cooling</span>
        <select data-testid="headroom-cooling" value={form.cooling} onChange={(e) => set({ cooling: e.target.value as ProfileForm['cooling'] })}>
          <option value="dlc">direct liquid (DLC)</option>
          <option value="air">air</option>
        </select>
      </label>
      {field('liquid_fraction', 'liquid fraction', '', 'Share of the heat to the cold plates (0–1); the rest goes to the room air')}
      {field('gpus', 'GPUs', '', 'GPUs per rack')}
      {field('weight', 'weight', 'kg', 'Filled weight, for the floor rating (an NVL72-class liquid rack is about 1,400 kg)')}
    </div>
  );
}

function Summary({ r, current }: { r: HeadroomResult; current: boolean }) {
  const b = r.binding;
  return (
    <div className={current ? '' : 'previous'}>
      <div className="headroom-big">
        <b data-testid="headroom-added">{r.added}</b>
        <span> of {r.spare_positions} spare position{r.spare_positions === 1 ? '' : 's'} · {num(r.added_kw, 0)} kW</span>
      </div>
      <div className="muted small">
        {r.profile.type}: {num(r.profile.power_kw, 0)} kW, {r.profile.gpus} GPUs{r.profile.weight_kg !== null ? `, ${num(r.profile.weight_kg, 0)} kg` : ''}
        {' '}· at {num(r.design_condition.dry_bulb_c, 1)} °C dry bulb, {num(r.design_condition.wet_bulb_c, 1)} °C wet bulb · {r.cases.length} cases
      </div>
      {r.positions.length > 0 && (
        <div className="chips positions" data-testid="headroom-positions">
          {r.positions.map((p) => <button key={p} className="chip" onClick={() => focusOn(p)} title="Focus the camera here">{p}</button>)}
        </div>
      )}
      {r.spare_positions === 0 && <div className="warnings">This hall states no spare positions (hall.rows[].spare): there is nowhere to add racks.</div>}
      <div className={`binding-box${b?.resource === 'space' ? ' space' : ''}`} data-testid="headroom-binding" data-resource={b?.resource ?? ''} data-element={b?.element ?? ''}>
        {b ? (
          <>
            <div><span className="muted">Binding:</span> <b>{b.element}</b> ({kindLabel(b.resource)})</div>
            <div>in case <b>{b.case}</b></div>
            <div className="muted small">{b.message}</div>
          </>
        ) : <div className="muted">Nothing binds.</div>}
        {r.already_short && <div className="warnings">The design as installed already fails this case, before anything is added.</div>}
      </div>
      {r.rows.length > 1 && (
        <table className="mini-table">
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.row}>
                <td>{row.row}</td><td className="mono">{row.added} of {row.spare}</td>
                <td className="muted small">{row.stopped_by ? `${row.stopped_by.element} (${kindLabel(row.stopped_by.resource)})` : 'all taken'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function sortedResources(r: HeadroomResult): { res: HeadroomResource; binding: boolean }[] {
  const b = r.binding;
  const isBinding = (x: HeadroomResource) => !!b && x.kind === b.resource && x.element === b.element;
  return [...r.resources.filter(isBinding), ...r.resources.filter((x) => !isBinding(x))].map((res) => ({ res, binding: isBinding(res) }));
}

export function HeadroomView() {
  const raw = useStore(app, (s) => s.raw);
  const layout = useStore(app, (s) => s.layout);
  const h = useStore(headroomStore, (s) => s);
  const types = rackTypesOf(raw);
  const key = profileKey(h.profile);

  useEffect(() => fitProfile(raw), [raw]);
  // A new question for a new profile or scenario, shortly after the last change; the old one is dropped.
  useEffect(() => {
    if (!raw || !h.profile || (headroomCurrent() && h.status !== 'idle')) return;
    const id = setTimeout(computeHeadroom, DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [raw, key]);

  // Seconds running, for a long question (a 1,024-rack hall takes seconds).
  const [, tick] = useState(0);
  useEffect(() => {
    if (h.status !== 'running') return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [h.status]);

  const r = h.result;
  const current = headroomCurrent(h);
  const plan = ghostPlan(layout, r);
  const running = h.status === 'running';

  return (
    <div className="right headroom" data-testid="headroom-view" data-status={h.status} data-current={current}
      data-ghosts={plan.added.length} data-spares-left={plan.left.length}>
      <h3>Expansion headroom</h3>
      <div className="muted small">Racks of a profile that fit the spare positions with every stated redundancy holding at the design condition.</div>
      <div className="grid2">
        <label htmlFor="headroom-profile">rack profile</label>
        <select id="headroom-profile" data-testid="headroom-profile" value={h.profile?.kind === 'type' ? h.profile.name : CUSTOM}
          onChange={(e) => setProfile(e.target.value === CUSTOM ? { kind: 'spec', form: h.profile?.kind === 'spec' ? h.profile.form : DEFAULT_FORM } : { kind: 'type', name: e.target.value })}>
          {types.map((t) => <option key={t} value={t}>{t} (rack type)</option>)}
          <option value={CUSTOM}>custom profile…</option>
        </select>
      </div>
      {h.profile?.kind === 'spec' && <ProfileFields form={h.profile.form} />}
      <div className="headroom-status" data-testid="headroom-status" role="status">
        {running ? (
          <>
            <span className="busy" aria-hidden="true" />
            <span>computing… {((performance.now() - h.startedAt) / 1000).toFixed(1)} s</span>
            <button data-testid="headroom-cancel" onClick={cancelHeadroom}>Cancel</button>
          </>
        ) : (
          <>
            <span className="muted">
              {h.status === 'done' && h.wallMs !== null ? `computed in ${num(h.wallMs / 1000, 2)} s` : h.status === 'cancelled' ? 'cancelled' : h.status === 'error' ? 'no answer' : ''}
              {!current && h.status !== 'idle' && ' · before the latest change'}
            </span>
            <button data-testid="headroom-recompute" onClick={computeHeadroom} disabled={!raw || !h.profile}>{current && h.status === 'done' ? 'Recompute' : 'Compute'}</button>
          </>
        )}
      </div>
      {h.errors.length > 0 && (
        <ul className="issues" data-testid="headroom-errors">
          {h.errors.map((e, i) => <li key={i}><b>{e.path}</b>: {e.message}</li>)}
        </ul>
      )}
      {r && (
        <>
          <Summary r={r} current={current} />
          <h4>Resources <span className="count">worst case (bar) · healthy N (tick)</span></h4>
          <ul className={`resources${current ? '' : ' previous'}`}>
            {sortedResources(r).map(({ res, binding }) => <ResourceBar key={`${res.kind}:${res.element}`} res={res} binding={binding} />)}
          </ul>
          {r.stranded.length > 0 && (
            <>
              <h4>Stranded <span className="count">installed, unusable because something else binds first</span></h4>
              <ul className="stranded" data-testid="headroom-stranded">
                {r.stranded.map((s) => (
                  <li key={`${s.kind}:${s.element}`}><b>{s.element}</b> {kindLabel(s.kind)}: <span className="mono">{num(s.headroom, s.unit === 'kg' ? 0 : 1)} {s.unit}</span></li>
                ))}
              </ul>
            </>
          )}
          {r.notes.length > 0 && (
            <>
              <h4>Notes</h4>
              <ul className="notes" data-testid="headroom-notes">{r.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
            </>
          )}
          <details className="cases">
            <summary>{r.cases.length} cases checked</summary>
            <ul>{r.cases.map((c) => <li key={c}>{c}</li>)}</ul>
          </details>
        </>
      )}
    </div>
  );
}
