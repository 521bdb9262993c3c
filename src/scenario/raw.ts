/**
 * The raw scenario: the file's object as written (units as strings), which the editor changes and the
 * engine re-validates. Nothing here trusts its shape; readers narrow with these helpers.
 */
export type RawValue = string | number | boolean | null | RawObject | RawValue[];
export interface RawObject {
  [key: string]: RawValue | undefined;
}

export type Path = readonly (string | number)[];

export const isObject = (v: unknown): v is RawObject => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asObject = (v: unknown): RawObject | undefined => (isObject(v) ? v : undefined);
export const asArray = (v: unknown): RawValue[] => (Array.isArray(v) ? (v as RawValue[]) : []);
export const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function getIn(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (typeof k === 'number') v = Array.isArray(v) ? v[k] : undefined;
    else v = isObject(v) ? v[k] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** Sets (or with `undefined`, deletes) the value at path, creating objects and arrays on the way. */
export function setIn(root: RawObject, path: Path, value: RawValue | undefined): void {
  let node: RawObject | RawValue[] = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const existing: unknown = Array.isArray(node) ? node[k as number] : node[k as string];
    let child: RawObject | RawValue[];
    if (nextIsIndex ? Array.isArray(existing) : isObject(existing)) child = existing as RawObject | RawValue[];
    else {
      child = nextIsIndex ? [] : {};
      if (Array.isArray(node)) node[k as number] = child; else node[k as string] = child;
    }
    node = child;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) {
    if (value === undefined) node.splice(last as number, 1); else node[last as number] = value;
  } else if (value === undefined) delete node[last as string];
  else node[last as string] = value;
}

/** Parses `hall.rows[2].racks[5].power` into ['hall', 'rows', 2, 'racks', 5, 'power']. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The rows of the hall, as written. */
export const rawRows = (raw: RawObject): RawObject[] => asArray(asObject(raw.hall)?.rows).filter(isObject);
export const rawCdus = (raw: RawObject): RawObject[] => asArray(raw.cdus).filter(isObject);
export const rawEvents = (raw: RawObject): RawObject[] => asArray(raw.events).filter(isObject);
export const rawRackTypes = (raw: RawObject): [string, RawObject][] =>
  Object.entries(asObject(raw.rack_types) ?? {}).filter((e): e is [string, RawObject] => isObject(e[1]));
