import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  findChromium,
  nodeFindEffects,
  openFile,
  printPdf,
  screenshot,
  withBrowserPage,
  type FindEffects,
} from '../../src/browser.js';
import { UserError } from '../../src/errors.js';
import { testDir, type TestDir } from '../helpers.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts', 'browser');

/** A platform where exactly these paths are executable. */
const only = (paths: string[], platform: NodeJS.Platform = 'linux', home = '/home/eva'): FindEffects => ({
  isExecutable: (path) => paths.includes(path),
  platform,
  home,
});
const NOTHING = only([]);

describe('browser: findChromium', () => {
  let t: TestDir;
  let realOnly: FindEffects; // the real filesystem, but blind outside the test directory
  beforeAll(() => {
    t = testDir({ 'bin/google-chrome': '#!/bin/sh\n', 'bin/chromium': 'not executable\n', 'vuota/.keep': '' });
    chmodSync(t.path('bin/google-chrome'), 0o755);
    chmodSync(t.path('bin/chromium'), 0o644);
    realOnly = { ...nodeFindEffects, platform: 'linux', isExecutable: (p) => p.startsWith(t.dir) && nodeFindEffects.isExecutable(p) };
  });
  afterAll(() => t.cleanup());

  it('uses MEV_CHROMIUM before every other place', () => {
    const effects = only(['/usr/bin/chromium', '/opt/chrome/chrome']);
    expect(findChromium({ MEV_CHROMIUM: '/opt/chrome/chrome', PATH: '' }, effects)).toBe('/opt/chrome/chrome');
    expect(findChromium({ MEV_CHROMIUM: t.path('bin/google-chrome') }, realOnly)).toBe(t.path('bin/google-chrome'));
  });

  it('refuses a MEV_CHROMIUM that is not an executable file instead of silently ignoring it', () => {
    const effects = only(['/usr/bin/chromium']);
    expect(() => findChromium({ MEV_CHROMIUM: '/opt/manca/chrome' }, effects)).toThrow(UserError);
    expect(() => findChromium({ MEV_CHROMIUM: '/opt/manca/chrome' }, effects)).toThrow(/MEV_CHROMIUM=\/opt\/manca\/chrome: file non trovato o non eseguibile/);
    expect(() => findChromium({ MEV_CHROMIUM: t.path('bin/chromium') }, realOnly)).toThrow(/non eseguibile/);
    expect(() => findChromium({ MEV_CHROMIUM: t.path('bin') }, realOnly)).toThrow(/non eseguibile/); // a directory
  });

  it('treats an empty MEV_CHROMIUM as unset', () => {
    expect(findChromium({ MEV_CHROMIUM: '  ' }, only(['/usr/bin/chromium']))).toBe('/usr/bin/chromium');
  });

  it('tries the usual Linux paths in order, before PATH', () => {
    const effects = only(['/usr/bin/google-chrome', '/usr/bin/chromium-browser', '/opt/bin/chromium']);
    expect(findChromium({ PATH: '/opt/bin' }, effects)).toBe('/usr/bin/chromium-browser');
    expect(findChromium({ PATH: '/opt/bin' }, only(['/opt/bin/chromium']))).toBe('/opt/bin/chromium');
  });

  it('finds Chrome or Chromium in the macOS Applications folders', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const userChromium = '/Users/eva/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(findChromium({ PATH: '' }, only([chrome, userChromium], 'darwin', '/Users/eva'))).toBe(chrome);
    expect(findChromium({ PATH: '' }, only([userChromium], 'darwin', '/Users/eva'))).toBe(userChromium);
    // The Linux paths mean nothing on a Mac.
    expect(findChromium({ PATH: '' }, only(['/usr/bin/chromium'], 'darwin'))).toBeNull();
  });

  it('finds Chrome under Program Files on Windows', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium({ PROGRAMFILES: 'C:\\Program Files', PATH: '' }, only([chrome], 'win32'))).toBe(chrome);
  });

  it('looks the names up on PATH, skipping files that are not executable', () => {
    const path = [t.path('vuota'), t.path('bin')].join(':');
    // bin/chromium comes first in the name list but is not executable: google-chrome is the answer.
    expect(findChromium({ PATH: path }, realOnly)).toBe(t.path('bin/google-chrome'));
  });

  it('returns null when no browser exists anywhere', () => {
    expect(findChromium({ PATH: t.path('vuota') }, realOnly)).toBeNull();
    expect(findChromium({}, NOTHING)).toBeNull();
  });
});

describe('browser: without a browser', () => {
  let t: TestDir;
  beforeAll(() => {
    t = testDir({ 'report.html': '<!doctype html><title>r</title><p>ciao</p>' });
  });
  afterAll(() => t.cleanup());

  it('printPdf says, on one line, how to install Chromium, how to point at it, and how to print by hand', async () => {
    const html = t.path('report.html');
    const failure = printPdf(html, t.path('report.pdf'), { env: { PATH: '' }, find: NOTHING });
    await expect(failure).rejects.toThrow(UserError);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toBe(chromiumMissing(html));
    expect(message).not.toContain('\n');
    expect(message).toContain('sudo apt-get install chromium');
    expect(message).toContain('MEV_CHROMIUM=');
    expect(message).toContain(`apri il report ${html} in un browser`);
    expect(message).toContain('Ctrl+P → Salva come PDF, formato A4');
    expect(existsSync(t.path('report.pdf'))).toBe(false);
  });

  it('withBrowserPage fails with the same advice, naming no file', async () => {
    await expect(withBrowserPage(async () => 1, { env: {}, find: NOTHING })).rejects.toThrow(chromiumMissing(null));
  });

  it('a missing HTML file is reported before any browser is looked for', async () => {
    await expect(printPdf(t.path('manca.html'), t.path('x.pdf'), { find: NOTHING })).rejects.toThrow(/manca\.html: file non trovato/);
  });
});

// In CI the browser tests must run (.ci/run installs Chromium); elsewhere they need one installed.
const haveBrowser = findChromium() !== null || !!process.env['CI'];

describe.skipIf(!haveBrowser)('browser: with Chromium', () => {
  let t: TestDir;
  let server: Server;
  let origin = '';
  let serverHits: string[] = [];

  beforeAll(async () => {
    t = testDir({ 'vicino.png': 'not really a png' });
    server = createServer((request, response) => {
      serverHits.push(request.url ?? '');
      response.end('ok');
    });
    server.on('upgrade', (request, socket) => {
      serverHits.push(`upgrade ${request.url ?? ''}`);
      socket.destroy();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    t.cleanup();
  });

  const page = (name: string, body: string) => {
    const path = t.path(name);
    writeFileSync(path, `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>prova</title></head><body>${body}</body></html>`);
    return path;
  };
  // The page's scripts set the title to «fatto» once every request they make has settled.
  const waitDone = "document.title === 'fatto'";

  it('blocks and records exactly the external requests, and the page still renders', async () => {
    const html = page(
      'esterno.html',
      `<svg width="120" height="40"><rect width="100" height="20" fill="#1f77b4"/></svg>
       <img src="http://example.com/x.png" alt="">
       <script>fetch('https://example.org').catch(() => null).finally(() => { document.title = 'fatto'; });</script>`,
    );
    const run = await withBrowserPage(async (p) => {
      await openFile(p, html);
      await p.waitForFunction(waitDone);
      return p.evaluate("document.querySelector('rect').getBBox().width");
    });
    expect(run.result).toBe(100); // the inline SVG is laid out: width="100"
    // Sorted: the preload scanner may request the image before or after the script runs.
    expect([...run.blocked].sort()).toEqual(['http://example.com/x.png', 'https://example.org/']);
    // Chromium's "Failed to load resource" notices for blocked requests are not page errors.
    expect(run.consoleErrors).toEqual([]);
    expect(run.pageErrors).toEqual([]);
  });

  it('lets nothing reach a live server, nor a neighbouring file, nor a WebSocket', async () => {
    const html = page(
      'locale.html',
      `<img src="http://${origin}/immagine.png" alt=""><img src="vicino.png" alt="">
       <link rel="stylesheet" href="http://${origin}/stile.css">
       <script>
         const ws = new WebSocket('ws://${origin}/ws');
         Promise.allSettled([fetch('http://${origin}/dati.json'), new Promise((r) => { ws.onclose = r; ws.onerror = r; })])
           .then(() => { document.title = 'fatto'; });
       </script>`,
    );
    serverHits = [];
    const blocked = await withBrowserPage(async (p) => {
      await openFile(p, html);
      await p.waitForFunction(waitDone);
    });
    expect(serverHits).toEqual([]);
    expect([...blocked.blocked].sort()).toEqual(
      [`http://${origin}/dati.json`, `http://${origin}/immagine.png`, `http://${origin}/stile.css`, `ws://${origin}/ws`, pathToFileURL(t.path('vicino.png')).href].sort(),
    );

    // The witness works: with blocking off, the same page does reach the server.
    serverHits = [];
    const open = await withBrowserPage(
      async (p) => {
        await openFile(p, html);
        await p.waitForFunction(waitDone);
      },
      { blockNetwork: false },
    );
    expect(open.blocked).toEqual([]);
    expect(serverHits).toEqual(expect.arrayContaining(['/immagine.png', '/dati.json']));
  });

  it('captures console errors and uncaught exceptions, not other console output', async () => {
    const html = page(
      'errori.html',
      `<script>console.log('solo informazione'); console.warn('avviso'); console.error('boom', 42);</script>
       <script>throw new Error('kaboom');</script>
       <script>Promise.reject(new Error('promessa rifiutata'));</script>`,
    );
    const run = await withBrowserPage(async (p) => {
      await openFile(p, html);
      await p.waitForTimeout(200); // the rejection is reported after a microtask checkpoint
    });
    expect(run.consoleErrors).toEqual(['boom 42']);
    expect(run.pageErrors).toEqual(['kaboom', 'promessa rifiutata']);
    expect(run.blocked).toEqual([]);
  });

  it('removes its temporary browser profile (and every other temporary file) afterwards', async () => {
    const own = t.path('tmp');
    mkdirSync(own);
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = own; // os.tmpdir() reads TMPDIR on every call
    try {
      const during = await withBrowserPage(async () => readdirSync(own));
      // Ours, plus the ones Playwright and Chromium make for themselves.
      expect(during.result.filter((name) => name.startsWith('mev-chromium-'))).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(readdirSync(own)).toEqual([]); // nothing left behind, by us or by the browser
  });

  it('printPdf writes an A4 PDF, every page 595 × 842 pt', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `<tr><td>Alloggio ${i + 1}</td><td>${(i * 12.5).toFixed(1).replace('.', ',')} %</td></tr>`).join('');
    const html = page(
      'report.html',
      `<style>body { font-family: sans-serif } h1 { background: #1f4e79; color: white }</style>
       <h1>Rapporto di valutazione — città di Monza</h1><table>${rows}</table>`,
    );
    const pdfPath = join(ARTIFACTS, 'report.pdf');
    const diagnostics = await printPdf(html, pdfPath);
    expect(diagnostics).toEqual({ blocked: [], consoleErrors: [], pageErrors: [] });

    const pdf = readFileSync(pdfPath).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // 80 table rows do not fit on one page: the check covers several pages.
    expect(boxes.length).toBeGreaterThan(1);
    // A4 is 210 × 297 mm = 595.3 × 841.9 pt (1 pt = 25.4/72 mm); Chromium rounds to about 595.9 × 842.9.
    // US Letter (612 × 792) would fail.
    for (const [width, height] of boxes) {
      expect(width).toBeGreaterThan(593);
      expect(width).toBeLessThan(598);
      expect(height).toBeGreaterThan(840);
      expect(height).toBeLessThan(845);
    }
  });

  it('screenshot writes a full-page PNG at the requested width', async () => {
    const html = page('alto.html', `<div style="height: 2000px; background: linear-gradient(#fff, #1f4e79)">alto</div>`);
    const pngPath = join(ARTIFACTS, 'alto.png');
    await screenshot(html, pngPath, { width: 800, height: 600 });
    const png = readFileSync(pngPath);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height are the big-endian words at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(2000); // full page, not the 600 px viewport
  });
});
