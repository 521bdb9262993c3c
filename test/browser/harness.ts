/**
 * Shared by the browser tests and the browser benchmark: build the app once into a temporary directory
 * (never touching dist/), serve it with vite's preview server on 127.0.0.1 and a free port, and launch
 * the system Chromium headless with software WebGL (SwiftShader).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

export async function buildAndServe(): Promise<ServedApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'dctwin-app-'));
  await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Waits until the 3D view has drawn the hall's racks (the app is up). */
export const waitForHall = (page: Page) => page.waitForFunction(() => window.__dctwinStats?.firstRackFrameAt != null, null, { timeout: 30_000 });

/** Opens the app at `url` in a new page of `context`, collecting the page's errors, once the hall is drawn. */
export async function openApp(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await waitForHall(page);
  return { page, errors };
}

/** Presses Run and waits for the run to end; returns how it ended (done, error or cancelled). */
export async function runToEnd(page: Page): Promise<string> {
  await page.click('[data-testid=run-button]');
  await page.waitForFunction(() => ['done', 'error', 'cancelled'].includes(window.__dctwinStats.simState), null, { timeout: 60_000 });
  return page.evaluate(() => window.__dctwinStats.simState);
}

export interface DevServer extends ServedApp {
  /** Everything the server printed, for error messages. */
  output(): string;
}

/**
 * The README's start command exactly as a newcomer types it (`npm start`, in the checkout), in its own
 * process group so that close() stops npm and vite together. Resolves with the URL vite prints once it
 * listens (vite moves to another port when 5173 is taken, and says so in that line).
 */
export function startDevServer(opts: { freshCache?: boolean } = {}): Promise<DevServer> {
  if (opts.freshCache) rmSync(join(ROOT, 'node_modules/.vite'), { recursive: true, force: true });
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  let out = '';
  let exited = false;
  child.on('exit', () => { exited = true; });
  const close = () => new Promise<void>((resolve) => {
    if (exited || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
    setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void close(); reject(new Error(`npm start printed no URL within 60 s:\n${out}`)); }, 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      // eslint-disable-next-line no-control-regex
      const m = out.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve({ url: m[1]!, close, output: () => out }); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited (${code}) before serving:\n${out}`)); });
  });
}
