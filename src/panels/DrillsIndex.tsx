/**
 * The built-in training drills (models/drills/) at a glance: each drill's title, what it puts the trainee
 * through (the first sentences of its briefing, the whole briefing on hover), how long it runs, how many
 * decisions it asks for, and a link that opens it in drill mode (`?drill=NAME`, shareable). Read from the
 * bundled files' `duration` and `drill` sections as written; the engine checks them when one is opened.
 */
import { useMemo } from 'react';
import { parse } from 'yaml';
import { builtInDrills, DRILL_PREFIX } from '../scenario/models';
import { asArray, asObject, asText } from '../scenario/raw';

export interface DrillEntry { name: string; title: string; briefing: string; duration: string; decisions: number }

/** The index's facts of each built-in drill; a file that does not parse is listed with its name only. */
export function drillIndex(): DrillEntry[] {
  return builtInDrills.map((m) => {
    const name = m.name.slice(DRILL_PREFIX.length);
    let doc: Record<string, unknown> | undefined;
    try { doc = asObject(parse(m.text)); } catch { doc = undefined; }
    const drill = asObject(doc?.drill);
    return {
      name,
      title: asText(drill?.title) || name,
      briefing: asText(drill?.briefing).replace(/\s+/g, ' ').trim(),
      duration: asText(doc?.duration) || '—',
      decisions: asArray(drill?.decisions).length,
    };
  });
}

/** The first two sentences: what the drill is about, short enough for a list. */
const lead = (text: string) => (text.match(/^(.*?[.!?])(\s+.*?[.!?])?(\s|$)/)?.slice(1, 3).join('') ?? text).trim();

export function DrillsIndex() {
  const drills = useMemo(drillIndex, []);
  const here = `${location.pathname}`;
  return (
    <section className="drills-index" data-testid="drills-index">
      <div className="muted small pad-s">Guided incidents on built-in halls: a briefing, narration on the timeline, and decisions that re-simulate your answer. Each opens in drill mode (the link can be shared).</div>
      <ul>
        {drills.map((d) => (
          <li key={d.name} data-testid="drill-entry" data-name={d.name} data-decisions={d.decisions} data-duration={d.duration}>
            <a href={`${here}?drill=${encodeURIComponent(d.name)}`} data-testid="drill-link"><b>{d.title}</b></a>
            <div className="small" title={d.briefing}>{lead(d.briefing)}</div>
            <div className="muted small">
              <span className="mono">{d.name}</span> · {d.duration} · {d.decisions} decision{d.decisions === 1 ? '' : 's'}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
