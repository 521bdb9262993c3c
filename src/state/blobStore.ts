/**
 * Big strings of the autosave — an embedded weather file (a year of EPW is ~1.5 M characters), the text of
 * an opened file that embeds one — kept in IndexedDB by their content, not in localStorage: localStorage
 * holds about 5 M characters per origin, so three or four scenarios each with its year filled it and the
 * next edit could not be saved. IndexedDB's quota is a share of the disk. Keyed by content (length and a
 * 53-bit hash), so one weather file used by many scenarios, or by every edit of one, is stored once.
 */
const DB = 'dctwin';
const STORE = 'blobs';

/** A stored string and when it was written (unreferenced ones are pruned only once they are old: another tab may be about to refer to them). */
interface Blob { text: string; at: number }

/** cyrb53 (a public-domain string hash by bryc): 53 bits from two 32-bit multiply-xor lanes over the UTF-16 code units. */
function cyrb53(s: string): number {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export const blobKey = (text: string) => `${text.length}:${cyrb53(text).toString(36)}`;

/** Strings this page wrote or read, by key: a reload reads IndexedDB once, an edit writes nothing new. */
const cache = new Map<string, string>();

let opened: Promise<IDBDatabase> | null = null;
function db(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => { req.result.createObjectStore(STORE); };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  }).catch((e: unknown) => { opened = null; throw e; });
  return opened;
}

function request<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return db().then((d) => new Promise<T>((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    const req = run(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB request failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  }));
}

/** Stores `text` under its key (nothing to do when this page already holds it). */
export async function putBlob(key: string, text: string): Promise<void> {
  if (cache.get(key) === text) return;
  await request('readwrite', (s) => s.put({ text, at: Date.now() } satisfies Blob, key));
  cache.set(key, text);
}

/** The string stored under `key`, or null when it is not (or IndexedDB is unavailable). */
export async function getBlob(key: string): Promise<string | null> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  try {
    const b = await request<Blob | undefined>('readonly', (s) => s.get(key) as IDBRequest<Blob | undefined>);
    if (!b) return null;
    cache.set(key, b.text);
    return b.text;
  } catch {
    return null;
  }
}

/** Deletes stored strings that no autosave refers to (`keep`) and that are older than `minAgeMs`. */
export async function pruneBlobs(keep: ReadonlySet<string>, minAgeMs: number): Promise<number> {
  const now = Date.now();
  const keys = await request<IDBValidKey[]>('readonly', (s) => s.getAllKeys());
  let removed = 0;
  for (const key of keys) {
    if (typeof key !== 'string' || keep.has(key)) continue;
    const b = await request<Blob | undefined>('readonly', (s) => s.get(key) as IDBRequest<Blob | undefined>);
    if (b && now - b.at < minAgeMs) continue;
    await request('readwrite', (s) => s.delete(key));
    cache.delete(key);
    removed++;
  }
  return removed;
}
