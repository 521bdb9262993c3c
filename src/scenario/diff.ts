/** Where two raw scenarios differ, in words a planner reads (for choosing between two tabs' versions). */
import { isObject } from './raw';

export interface Difference { path: string; mine: string; theirs: string }

const show = (v: unknown): string => (v === undefined ? '(none)' : isObject(v) || Array.isArray(v) ? JSON.stringify(v).slice(0, 40) : String(v));

/** The first `limit` differing leaves (arrays of different lengths count once, as their length). */
export function differences(mine: unknown, theirs: unknown, limit = 3, path = ''): Difference[] {
  if (Object.is(mine, theirs)) return [];
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    if (mine.length !== theirs.length) return [{ path: path || '(top)', mine: `${mine.length} items`, theirs: `${theirs.length} items` }];
    const out: Difference[] = [];
    for (let i = 0; i < mine.length && out.length < limit; i++) out.push(...differences(mine[i], theirs[i], limit - out.length, `${path}[${i}]`));
    return out;
  }
  if (isObject(mine) && isObject(theirs)) {
    const out: Difference[] = [];
    for (const k of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      if (out.length >= limit) break;
      out.push(...differences(mine[k], theirs[k], limit - out.length, path ? `${path}.${k}` : k));
    }
    return out;
  }
  return [{ path: path || '(top)', mine: show(mine), theirs: show(theirs) }];
}
