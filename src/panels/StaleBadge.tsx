/**
 * Marks a view whose results were computed before the latest edit (hall, charts, alarms, timeline,
 * inspector, results): they still show the previous run, and must not read as current.
 */
import { useStore } from '../state/store';
import { app } from '../state/session';

export function useStale(): boolean {
  return useStore(app, (s) => s.resultsStale);
}

/** `short` for a crowded header. */
export function StaleBadge({ where, short = false }: { where: string; short?: boolean }) {
  const stale = useStale();
  if (!stale) return null;
  return (
    <span className="stale-tag" data-testid={`stale-${where}`} title="These results were computed before your last edit: run again to update them.">
      {short ? 'stale' : 'previous run · edited since'}
    </span>
  );
}
