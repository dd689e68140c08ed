/**
 * The reports in a real browser, on the Brianza fixtures: both templates opened in headless
 * Chromium with the network blocked (no console error, no request, every chart an SVG with data
 * marks, a screenshot kept under test/artifacts/report/, git-ignored), and `mev report --pdf`: an
 * A4 PDF beside the HTML when there is a browser; without one, one clear line, exit 1, and the
 * HTML written all the same.
 *
 * The browser tests are skipped only when no Chromium is found and CI is not set.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/commands/report.js';
import { chromiumMissing, findChromium, openFile, withBrowserPage, type FindEffects } from '../../src/browser.js';
import { countDataMarks } from '../../src/charts/marks.js';
import { UserError } from '../../src/errors.js';
import { packagePath } from '../../src/package.js';
import { mev, testDir, type TestDir } from '../helpers.js';

const fixtures = packagePath('fixtures', 'brianza');
const csvs = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.csv')).sort() : [];
const config = join(fixtures, 'mev.config.json');
const ARTIFACTS = join(process.cwd(), 'test', 'artifacts', 'report');
const NOW = new Date('2026-07-01T08:00:00Z');

function browserFound(): boolean {
  try {
    return findChromium() !== null;
  } catch {
    return false; // MEV_CHROMIUM set to something that is not a browser
  }
}
// In CI the browser tests must run (.ci/run installs Chromium); elsewhere they need one installed.
const haveBrowser = browserFound() || !!process.env['CI'];
/** A machine with no browser anywhere. */
const NO_BROWSER: FindEffects = { isExecutable: () => false, platform: 'linux', home: '/home/nessuno' };

/** The A4 check of src/browser.ts's own test: 210 × 297 mm = 595,3 × 841,9 pt, as Chromium rounds it. */
function pageBoxes(pdf: Buffer): [number, number][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe.skipIf(csvs.length === 0)('report in the browser', () => {
  let d: TestDir;

  beforeAll(async () => {
    d = testDir();
    mkdirSync(ARTIFACTS, { recursive: true });
    const ingest = await mev(['ingest', ...csvs.map((f) => join(fixtures, f)), '--db', d.db, '--config', config, '--quiet']);
    expect(ingest.code, ingest.stderr).toBe(0);
    for (const template of ['valutazione', 'cariplo']) {
      await runReport({ db: d.db, config, template, out: join(ARTIFACTS, `${template}.html`), quiet: true }, { stdout: () => {}, stderr: () => {}, env: {}, cwd: d.dir, now: () => NOW });
    }
  }, 300_000);
  afterAll(() => d?.cleanup());

  for (const [template, charts] of [['valutazione', 14], ['cariplo', 4]] as const) {
    it.skipIf(!haveBrowser)(`${template}: no console error, no request, every chart an SVG with data marks; a screenshot`, async () => {
      const html = join(ARTIFACTS, `${template}.html`);
      const png = join(ARTIFACTS, `${template}.png`);
      rmSync(png, { force: true });
      const run = await withBrowserPage(
        async (page) => {
          await openFile(page, html);
          const figures = (await page.evaluate(`[...document.querySelectorAll('figure.chart')].map((f) => {
            const svg = f.querySelector('svg');
            const box = svg ? svg.getBoundingClientRect() : null;
            return { id: f.id, width: box ? box.width : 0, height: box ? box.height : 0, svg: svg ? svg.outerHTML : '' };
          })`)) as { id: string; width: number; height: number; svg: string }[];
          await page.screenshot({ path: png, fullPage: true });
          return figures;
        },
        { blockNetwork: true, viewport: { width: 1024, height: 1400 } },
      );
      expect(run.blocked).toEqual([]);
      expect(run.consoleErrors).toEqual([]);
      expect(run.pageErrors).toEqual([]);
      expect(run.result.length).toBeGreaterThanOrEqual(charts);
      for (const figure of run.result) {
        expect(figure.width, figure.id).toBeGreaterThan(100);
        expect(figure.height, figure.id).toBeGreaterThan(50);
        expect(countDataMarks(figure.svg), figure.id).toBeGreaterThan(0);
      }
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    });
  }

  it.skipIf(!haveBrowser)('--pdf prints the report to an A4 PDF beside the HTML and says where', async () => {
    const html = join(ARTIFACTS, 'cariplo-pdf.html');
    const pdf = join(ARTIFACTS, 'cariplo-pdf.pdf');
    rmSync(pdf, { force: true });
    const run = await mev(['report', '--db', d.db, '--config', config, '--template', 'cariplo', '--out', html, '--pdf'], {}, d.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`report scritto in ${html}`);
    expect(run.stdout).toContain(`PDF (A4) scritto in ${pdf}\n`);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const boxes = pageBoxes(bytes);
    // A report of nine sections, each from a new page.
    expect(boxes.length).toBeGreaterThanOrEqual(9);
    for (const [width, height] of boxes) {
      expect(width).toBeGreaterThan(593);
      expect(width).toBeLessThan(598);
      expect(height).toBeGreaterThan(840);
      expect(height).toBeLessThan(845);
    }
  }, 120_000);

  it('--pdf with MEV_CHROMIUM pointing nowhere: one clear line, exit 1, the HTML written, no PDF', async () => {
    const html = d.path('senza-browser.html');
    const run = await mev(['report', '--db', d.db, '--config', config, '--template', 'cariplo', '--out', html, '--pdf'], { MEV_CHROMIUM: '/opt/manca/chromium' }, d.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('mev: MEV_CHROMIUM=/opt/manca/chromium: file non trovato o non eseguibile: indica il programma Chromium o Chrome (es. MEV_CHROMIUM=/usr/bin/chromium) oppure togli la variabile per cercarlo nei percorsi abituali\n');
    expect(run.stdout).toContain(`report scritto in ${html}`);
    expect(readFileSync(html, 'utf8')).toContain('<section id="quadro-logico"');
    expect(existsSync(d.path('senza-browser.pdf'))).toBe(false);
  }, 120_000);

  it('--pdf on a machine without any browser: the advice names the HTML to print by hand; the HTML is written', async () => {
    const html = d.path('nessun-browser.html');
    const failure = runReport(
      { db: d.db, config, template: 'cariplo', out: html, pdf: true, quiet: true },
      { stdout: () => {}, stderr: () => {}, env: { PATH: '' }, cwd: d.dir, now: () => NOW, browser: NO_BROWSER },
    );
    await expect(failure).rejects.toThrow(UserError);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toBe(chromiumMissing(html));
    expect(message).not.toContain('\n');
    expect(message).toContain('sudo apt-get install chromium');
    expect(message).toContain(`apri il report ${html} in un browser e stampalo in PDF`);
    expect(existsSync(html)).toBe(true);
    expect(existsSync(d.path('nessun-browser.pdf'))).toBe(false);
  }, 120_000);
});
