/**
 * `npm ci` — the README's first command — refuses a lock file that lacks any locked package's optional
 * dependency, including other platforms' native builds (@rollup/rollup-*, @esbuild/*): npm drops those when
 * it rewrites the lock with a node_modules present (npm/cli#4828 family). This check finds such a lock
 * before a newcomer does. The procedure that keeps the lock whole is in docs/dependencies.md.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

interface LockEntry { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; link?: boolean }
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, string> | undefined>;

/** Node's lookup: <dir>/node_modules/<name>, then each enclosing package's node_modules, then the root's. */
function resolve(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const p = (dir ? dir + '/' : '') + 'node_modules/' + name;
    if (lock.packages[p]) return p;
    if (!dir) return undefined;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

describe('package-lock.json', () => {
  it('is a version 3 lock that matches package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages['']!;
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const)
      expect(root[field] ?? {}, field).toEqual(pkg[field] ?? {});
  });

  it("lists every locked package's optional dependencies, other platforms' builds included", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        checked++;
        if (!resolve(path, name)) missing.push(`${name} (optional dependency of ${path || 'the project'})`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing, 'regenerate the lock as docs/dependencies.md says').toEqual([]);
  });

  it('lists every locked package\'s regular dependencies', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.link) continue;
      for (const name of Object.keys(entry.dependencies ?? {})) if (!resolve(path, name)) missing.push(`${name} (needed by ${path})`);
    }
    expect(missing).toEqual([]);
  });
});
