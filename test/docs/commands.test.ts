/**
 * The guide's commands run as written. Every line of a ```sh block in a guide page is either a setup
 * command (`npm …`, excepted: installing and serving are not the CLI's) or a `npx dctwin …` command, which
 * runs here in bash, in the order of the page, in a scratch folder per page that sees the repository's
 * `models/`, `docs/` and `test/` (so `models/*.yaml`, `docs/examples/…`, the weather fixture and files
 * written by an earlier line, such as `--out study.json`, work).
 * `npx dctwin` resolves to the package's own bin in a clone; here it is that file, `bin/dist/dctwin.mjs`,
 * run by node directly (npx adds a second of start-up per line); one test runs the real `npx dctwin` from
 * the clone's root. A line must exit 0, or the code its comment states (`# exit 2: …`), and print no stack
 * trace. Links between the pages are checked too: every relative link and image resolves, every
 * `#anchor` names a heading of its page.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ROOT, slug } from './generated';

/** The user guide: the pages written for it (docs/README.md lists them). */
export const GUIDE = ['docs/README.md', 'docs/getting-started.md', 'docs/cli.md', 'docs/halls.md', 'docs/analyses.md', 'docs/physics.md'];
const BIN = join(ROOT, 'bin/dist/dctwin.mjs');

interface Command { page: string; line: number; text: string; exit: number }

/** The lines of the page's ```sh blocks; throws on a line that is neither setup nor a dctwin command. */
export function commandsOf(page: string, text = readFileSync(join(ROOT, page), 'utf8')): Command[] {
  const lines = text.split('\n');
  const out: Command[] = [];
  let inSh = false;
  lines.forEach((raw, i) => {
    const fence = /^```(\w*)/.exec(raw);
    if (fence) { inSh = !inSh && fence[1] === 'sh'; return; }
    const text = raw.trim();
    if (!inSh || text === '' || text.startsWith('#') || /^npm /.test(text)) return;
    if (!text.startsWith('npx dctwin ')) throw new Error(`${page}:${i + 1}: a sh line the test cannot run: ${text}`);
    const comment = text.indexOf(' # ');
    const exit = /\bexit (\d)\b/.exec(comment < 0 ? '' : text.slice(comment));
    out.push({ page, line: i + 1, text, exit: exit ? Number(exit[1]) : 0 });
  });
  return out;
}

describe('reading the commands of a page', () => {
  const page = (sh: string) => `intro\n\n\`\`\`sh\n${sh}\n\`\`\`\n\n\`\`\`yaml\nnpx dctwin is not run from a yaml block\n\`\`\`\n`;
  it('takes npx dctwin lines with their stated exit code, skips setup and comments', () => {
    expect(commandsOf('p.md', page('npm ci && npm start\n# a comment\nnpx dctwin run a   # exit 2: violated\nnpx dctwin validate b'))).toEqual([
      { page: 'p.md', line: 6, text: 'npx dctwin run a   # exit 2: violated', exit: 2 },
      { page: 'p.md', line: 7, text: 'npx dctwin validate b', exit: 0 },
    ]);
  });
  it('refuses a line it cannot run, so no command in the guide goes untested', () => {
    expect(() => commandsOf('p.md', page('dctwin run a'))).toThrow(/p\.md:4: a sh line the test cannot run: dctwin run a/);
    expect(() => commandsOf('p.md', page('curl example.org | sh'))).toThrow(/cannot run/);
  });
});

describe('the guide\'s CLI commands run as written', () => {
  it('the CLI is built (npm ci, or the test setup, bundles it)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('`npx dctwin` resolves to the clone\'s own CLI', () => {
    const r = spawnSync('npx', ['dctwin', 'validate', 'blueprint-starter'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('blueprint-starter: ok');
    expect(r.status).toBe(0);
  });

  for (const page of GUIDE) {
    const commands = commandsOf(page);
    if (!commands.length) continue;
    describe(page, () => {
      const dir = mkdtempSync(join(tmpdir(), 'dctwin-guide-'));
      for (const d of ['models', 'docs', 'test']) symlinkSync(join(ROOT, d), join(dir, d));
      afterAll(() => rmSync(dir, { recursive: true, force: true })); // the links only, never what they point to
      for (const c of commands) {
        it(`line ${c.line}: ${c.text}`, () => {
          const script = c.text.replace(/^npx dctwin /, `node ${JSON.stringify(BIN)} `);
          const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
          expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
          expect(r.status, `exit code; stderr: ${r.stderr.slice(0, 2000)}`).toBe(c.exit);
        });
      }
    });
  }
});


function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

describe('links of the guide', () => {
  it.each(GUIDE)('%s: every relative link and image resolves, and every #anchor is a heading', (page) => {
    const file = join(ROOT, page);
    const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    const broken: string[] = [];
    for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/.test(target)) continue; // http(s), mailto
      const [path, hash] = target.split('#') as [string, string | undefined];
      const to = path ? resolve(dirname(file), path) : file;
      if (!existsSync(to)) { broken.push(`${target}: no such file`); continue; }
      if (hash && to.endsWith('.md') && !anchors(to).has(hash)) broken.push(`${target}: no heading #${hash}`);
    }
    expect(broken).toEqual([]);
  });
});
