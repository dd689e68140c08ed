/**
 * A locally installed Chromium or Chrome, driven by playwright-core: find it, open a page that
 * cannot reach any network, print a report to an A4 PDF, take a screenshot. mev never downloads a
 * browser: without one, `--pdf` fails with a message that says what to do instead.
 *
 * Every page runs in a fresh temporary profile (removed afterwards) and every request other than
 * the page itself is blocked and recorded, so a report test can assert that the report is truly
 * self-contained and a printed PDF never depends on the network.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { UserError } from './errors.js';
import { echo } from './messages.js';

// Messages (Italian, one line each: the CLI prints only the first line of a UserError).
const PRINT_BY_HAND = (html: string | null) =>
  `apri ${html ? `il report ${echo(html, 160)}` : 'il report HTML'} in un browser e stampalo in PDF (Ctrl+P → Salva come PDF, formato A4)`;
export const chromiumMissing = (html: string | null = null) =>
  `nessun Chromium o Google Chrome trovato per creare il PDF: installalo (su Debian/Ubuntu: sudo apt-get install chromium; su macOS: Google Chrome da google.com/chrome) o indica il programma con MEV_CHROMIUM=/percorso/del/browser; in alternativa ${PRINT_BY_HAND(html)}`;
export const chromiumEnvInvalid = (path: string) =>
  `MEV_CHROMIUM=${echo(path, 160)}: file non trovato o non eseguibile: indica il programma Chromium o Chrome (es. MEV_CHROMIUM=/usr/bin/chromium) oppure togli la variabile per cercarlo nei percorsi abituali`;
export const chromiumNotStarted = (path: string, detail: string, html: string | null = null) =>
  `impossibile avviare il browser ${echo(path, 120)} (${echo(detail, 160)}): controlla che si apra da terminale, oppure ${PRINT_BY_HAND(html)}`;
export const playwrightMissing = (html: string | null = null) =>
  `manca il modulo playwright-core che mev usa per creare il PDF: reinstalla mev (npm install), oppure ${PRINT_BY_HAND(html)}`;
const htmlMissing = (html: string) => `${echo(html)}: file non trovato`;
const cannotWrite = (path: string, detail: string) => `impossibile scrivere ${echo(path)}: ${echo(detail, 160)}`;

/** The filesystem and platform as findChromium sees them; tests pass their own. */
export interface FindEffects {
  isExecutable(path: string): boolean;
  platform: NodeJS.Platform;
  home: string;
}

export const nodeFindEffects: FindEffects = {
  isExecutable(path) {
    try {
      if (!statSync(path).isFile()) return false;
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  platform: process.platform,
  home: homedir(),
};

const LINUX_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const MAC_APPS = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
const WINDOWS_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function wellKnownPaths(env: NodeJS.ProcessEnv, effects: FindEffects): string[] {
  if (effects.platform === 'darwin') {
    return [...MAC_APPS.map((app) => `/Applications/${app}`), ...MAC_APPS.map((app) => join(effects.home, 'Applications', app))];
  }
  if (effects.platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((root): root is string => !!root);
    return roots.flatMap((root) => WINDOWS_APPS.map((app) => `${root}\\${app}`));
  }
  return LINUX_PATHS;
}

function onPath(env: NodeJS.ProcessEnv, effects: FindEffects): string | null {
  const path = env['PATH'] ?? env['Path'] ?? '';
  const separator = effects.platform === 'win32' ? ';' : delimiter;
  const suffix = effects.platform === 'win32' ? '.exe' : '';
  for (const dir of path.split(separator).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name + suffix);
      if (effects.isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * The browser to drive: MEV_CHROMIUM when set (a wrong value is an error, not silently ignored),
 * then the usual install paths of the platform, then PATH; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, effects: FindEffects = nodeFindEffects): string | null {
  const configured = env['MEV_CHROMIUM']?.trim();
  if (configured) {
    if (effects.isExecutable(configured)) return configured;
    throw new UserError(chromiumEnvInvalid(configured));
  }
  return wellKnownPaths(env, effects).find((path) => effects.isExecutable(path)) ?? onPath(env, effects);
}

export interface BrowserOptions {
  env?: NodeJS.ProcessEnv;
  find?: FindEffects;
  /** Skips the search (the caller already found the browser). */
  executablePath?: string;
}

export interface BrowserPageOptions extends BrowserOptions {
  /** Block and record every request but the page's own navigation (default true). */
  blockNetwork?: boolean;
  viewport?: { width: number; height: number };
  /** Named in the error messages (the report being printed). */
  htmlPath?: string;
}

/** What a page did besides rendering: requests that were blocked, and errors. */
export interface PageDiagnostics {
  /** URLs of blocked requests, in the order the page made them. */
  blocked: string[];
  /** console.error messages, without Chromium's own notice for each blocked request. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
}

export interface PageRun<T> extends PageDiagnostics {
  result: T;
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
// A second wall behind request interception: no host name resolves, so nothing that slips past
// the route (a preconnect, a prefetch) can reach a server by name.
const NO_DNS = '--host-resolver-rules=MAP * ~NOTFOUND';
const IN_MEMORY_SCHEMES = /^(data|about|blob):/i;

async function loadPlaywright(html: string | null) {
  try {
    return await import('playwright-core');
  } catch (error) {
    // playwright-core is a development dependency: an install without it can still write HTML.
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') throw new UserError(playwrightMissing(html));
    throw error;
  }
}

/**
 * Opens a fresh headless page, runs `fn` on it and closes the browser (removing its temporary
 * profile) whatever happens. Navigate with `openFile(page, path)`.
 */
export async function withBrowserPage<T>(fn: (page: Page) => Promise<T>, options: BrowserPageOptions = {}): Promise<PageRun<T>> {
  const html = options.htmlPath ?? null;
  const executablePath = options.executablePath ?? findChromium(options.env ?? process.env, options.find ?? nodeFindEffects);
  if (!executablePath) throw new UserError(chromiumMissing(html));
  const blockNetwork = options.blockNetwork ?? true;
  const { chromium } = await loadPlaywright(html);

  const profile = mkdtempSync(join(tmpdir(), 'mev-chromium-'));
  let context: BrowserContext | null = null;
  try {
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: blockNetwork ? [...LAUNCH_ARGS, NO_DNS] : LAUNCH_ARGS,
        viewport: options.viewport ?? { width: 1024, height: 768 },
        serviceWorkers: 'block',
        timeout: 60_000,
      });
    } catch (error) {
      throw new UserError(chromiumNotStarted(executablePath, firstLine(error), html));
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const diagnostics: PageDiagnostics = { blocked: [], consoleErrors: [], pageErrors: [] };
    const blocked = new Set<string>();

    if (blockNetwork) {
      await context.route('**/*', (route: Route, request: Request) => {
        if (isPageItself(request, page)) return route.continue();
        diagnostics.blocked.push(request.url());
        blocked.add(request.url());
        return route.abort('blockedbyclient');
      });
      await context.routeWebSocket(
        () => true,
        (socket) => {
          diagnostics.blocked.push(socket.url());
          blocked.add(socket.url());
          return socket.close();
        },
      );
    }
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs "Failed to load resource: net::ERR_BLOCKED_BY_CLIENT" for each blocked
      // request: it is already in `blocked`, and counting it twice would blur the two lists.
      if (blocked.has(message.location().url) && message.text().includes('ERR_BLOCKED_BY_CLIENT')) return;
      diagnostics.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => diagnostics.pageErrors.push(error.message));

    const result = await fn(page);
    return { result, ...diagnostics };
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's own document: a top-level navigation of the first page to a local file, or an in-memory URL. */
function isPageItself(request: Request, page: Page): boolean {
  const url = request.url();
  if (IN_MEMORY_SCHEMES.test(url)) return true;
  if (!url.startsWith('file:') || !request.isNavigationRequest()) return false;
  try {
    return request.frame() === page.mainFrame();
  } catch {
    return false;
  }
}

/** Loads a local HTML file and waits for its fonts, so layout is final before printing. */
export async function openFile(page: Page, htmlPath: string): Promise<void> {
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: 'load' });
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/** Prints an HTML file to an A4 PDF (the page's CSS @page size wins when it sets one). */
export async function printPdf(htmlPath: string, pdfPath: string, options: BrowserOptions = {}): Promise<PageDiagnostics> {
  if (!existsSync(htmlPath)) throw new UserError(htmlMissing(htmlPath));
  const { result: pdf, ...diagnostics } = await withBrowserPage(
    async (page) => {
      await openFile(page, htmlPath);
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    },
    { ...options, htmlPath },
  );
  writeOutput(pdfPath, pdf);
  return diagnostics;
}

export interface ScreenshotOptions extends BrowserOptions {
  width?: number;
  height?: number;
  fullPage?: boolean;
}

/** A PNG of an HTML file (full page by default), for test artifacts and visual checks. */
export async function screenshot(htmlPath: string, pngPath: string, options: ScreenshotOptions = {}): Promise<PageDiagnostics> {
  if (!existsSync(htmlPath)) throw new UserError(htmlMissing(htmlPath));
  const { result: png, ...diagnostics } = await withBrowserPage(
    async (page) => {
      await openFile(page, htmlPath);
      return page.screenshot({ fullPage: options.fullPage ?? true, type: 'png' });
    },
    { ...options, htmlPath, viewport: { width: options.width ?? 1024, height: options.height ?? 768 } },
  );
  writeOutput(pngPath, png);
  return diagnostics;
}

function writeOutput(path: string, bytes: Buffer): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, bytes);
  } catch (error) {
    throw new UserError(cannotWrite(path, firstLine(error)));
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text;
}
