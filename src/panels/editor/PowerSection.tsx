/**
 * The power chain's feeds: which bus, UPS or distribution element each group of loads hangs on. Only
 * shown when the scenario has a `power` section. Changing a cord's source is how a load goes on or off UPS.
 */
import { edit } from '../../state/session';
import { setFeedSource } from '../../scenario/edits';
import { asArray, asObject, asText, isObject, type RawObject } from '../../scenario/raw';
import { issuesFor, type PlacedIssue } from '../../scenario/issueSections';
import { Issues, LazySelect, Section } from './fields';
import { VirtualList } from './VirtualList';
import { Group } from './CoolingSection';

/** Ids of sources that are, or sit downstream of, a UPS. */
function upsBacked(power: RawObject): Set<string> {
  const ups = new Set(asArray(power.ups).filter(isObject).map((u) => asText(u.id)));
  const from = new Map(asArray(power.distribution).filter(isObject).map((d) => [asText(d.id), asText(d.from)]));
  const backed = new Set(ups);
  for (const id of from.keys()) {
    let at: string | undefined = id;
    for (let hops = 0; at && hops < 64; hops++) {
      if (ups.has(at)) { backed.add(id); break; }
      at = from.get(at);
    }
  }
  return backed;
}

export function PowerSection({ raw, issues }: { raw: RawObject; issues: PlacedIssue[] }) {
  const power = asObject(raw.power);
  if (!power) return null;
  const mine = issuesFor(issues, 'power');
  const sources = ['buses', 'ups', 'distribution'].flatMap((k) => asArray(power[k]).filter(isObject).map((o) => asText(o.id))).filter(Boolean);
  const backed = upsBacked(power);
  const feeds = asArray(power.feeds).filter(isObject);
  const label = (id: string) => `${id}${backed.has(id) ? ' (UPS)' : ''}`;
  return (
    <Section title="Power chain" count={`${feeds.length} feeds`} issues={mine} testId="section-power">
      <Issues issues={mine} />
      <VirtualList count={feeds.length} estimate={58} item={(i) => {
        const feed = feeds[i]!;
        const a = asText(feed.a), b = asText(feed.b);
        const onUps = backed.has(a) || (b !== '' && backed.has(b));
        return (
          <div className="item">
            <div className="item-line">
              <span className="loads">{asArray(feed.loads).map(asText).join(', ')}</span>
              <span className={`badge ${onUps ? 'ok' : 'warn'}`}>{onUps ? 'on UPS' : 'not on UPS'}</span>
            </div>
            <div className="item-line">
              <label>A <LazySelect value={a} options={sources} label={label} onChange={(v) => edit((r) => setFeedSource(r, i, 'a', v))} /></label>
              <label>B <LazySelect value={b} options={sources} label={label} empty="—" onChange={(v) => edit((r) => setFeedSource(r, i, 'b', v))} /></label>
            </div>
          </div>
        );
      }} />
      <Group title="UPS" items={asArray(power.ups).filter(isObject)} detail={(o) => `on ${asText(o.bus)}${o.battery !== undefined ? `, battery ${asText(o.battery)}` : ''}`} />
      <Group title="Battery storage" items={asArray(power.batteries).filter(isObject)} detail={(o) => `${asText(o.energy)}, ${asText(o.power)} on ${asText(o.bus)}`} />
    </Section>
  );
}
