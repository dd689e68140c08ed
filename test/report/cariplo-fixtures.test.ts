/**
 * The report templates on the Brianza fixtures (when fixtures/brianza/*.csv are there), as a user
 * runs them: `mev report --template cariplo` for the latest full year, with the config's
 * suppression; and both templates with --lang en, which must write English labels and English
 * number and date formats throughout (tables, cards, charts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARIPLO_SECTIONS } from '../../reports/templates/cariplo.js';
import { VALUTAZIONE_SECTIONS } from '../../reports/templates/valutazione.js';
import { runReport, type ReportCliOptions } from '../../src/commands/report.js';
import { t, type TextKey } from '../../src/report/i18n.js';
import { loadIndicators } from '../../src/indicators/load.js';
import { packagePath } from '../../src/package.js';
import { mev, testDir, type TestDir } from '../helpers.js';
import { mismatches, sourcedNumbers } from './numbers.js';

const fixtures = packagePath('fixtures', 'brianza');
const csvs = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.csv')).sort() : [];
const config = join(fixtures, 'mev.config.json');

/** Cells of the first `column` columns of a fixture CSV (`;`-separated, any encoding: codes are ASCII). */
function column(file: string, index: number): string[] {
  const lines = readFileSync(join(fixtures, file), 'latin1').split(/\r?\n/).slice(1).filter(Boolean);
  return [...new Set(lines.map((l) => l.split(';')[index]!.trim()).filter(Boolean))];
}

/** The words a reader sees (text, not markup), without the evaluator's notes (Italian in any report). */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/** The fixed texts of the Italian table (from src/report/i18n.ts), each in both languages. */
function fixedTexts(): { it: string; en: string }[] {
  const source = readFileSync(packagePath('src', 'report', 'i18n.ts'), 'utf8');
  const table = source.slice(source.indexOf('const it = {'), source.indexOf('export type TextKey'));
  return [...table.matchAll(/^\s*'([\w.-]+)':/gm)].map((m) => m[1] as TextKey).map((key) => ({ it: t('it', key), en: t('en', key) }));
}

describe.skipIf(csvs.length === 0)('cariplo on the fixtures', () => {
  let d: TestDir;
  const pages = new Map<string, string>();
  let json: unknown;

  async function report(name: string, extra: Partial<ReportCliOptions>): Promise<string> {
    await runReport({ db: d.db, config, out: d.path(name), quiet: true, ...extra }, { stdout: () => {}, stderr: () => {}, env: {}, cwd: d.dir, now: () => new Date('2026-07-01T08:00:00Z') });
    const html = readFileSync(d.path(name), 'utf8');
    pages.set(name, html);
    return html;
  }

  beforeAll(async () => {
    d = testDir();
    const ingest = await mev(['ingest', ...csvs.map((f) => join(fixtures, f)), '--db', d.db, '--config', config, '--quiet']);
    expect(ingest.code, ingest.stderr).toBe(0);
    const html = await report('cariplo.html', { template: 'cariplo' });
    await report('cariplo-en.html', { template: 'cariplo', lang: 'en' });
    await report('valutazione-en.html', { template: 'valutazione', lang: 'en' });
    const period = /<p class="meta period">Periodo (\d{2})\/(\d{2})\/(\d{4})/.exec(html)!;
    const asOf = /Dati al (\d{2})\/(\d{2})\/(\d{4})/.exec(html)!;
    const run = await mev(['indicators', '--db', d.db, '--config', config, '--period', period[3]!, '--as-of', `${asOf[3]}-${asOf[2]}-${asOf[1]}`, '--by', 'ambito', '--suppress', '5', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    json = JSON.parse(run.stdout);
  }, 300_000);
  afterAll(() => d?.cleanup());

  it('has every section and six non-null headline values for the latest full year, suppression 5 from the config', () => {
    const html = pages.get('cariplo.html')!;
    expect([...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual([...CARIPLO_SECTIONS]);
    const headlines = [...html.matchAll(/data-headline="([^"]*)"/g)].map((m) => m[1]);
    expect(headlines).toHaveLength(6);
    expect(headlines).not.toContain('null');
    expect(html).toContain('<p class="meta period">Periodo 01/01/2025 – 31/12/2025</p>');
    expect(html).toContain('Valori basati su meno di 5 unità oscurati');
    // Every framework indicator has a row; the suppressed ones say so.
    expect(html.match(/<table class="framework">/g)).toHaveLength(4);
    expect(html).toContain('class="num suppressed"');
  });

  it('gives every number as `mev indicators --suppress 5` for the same period and as_of', () => {
    // Means over doubles may differ in their last bit between runs (DuckDB's avg sums in thread order).
    const problems = mismatches(sourcedNumbers(pages.get('cariplo.html')!), json as never).filter((p) => {
      const m = /report (\S+), JSON (\S+)$/.exec(p);
      return !(m && Math.abs(Number(m[1]) - Number(m[2])) <= 1e-12 * Math.max(1, Math.abs(Number(m[2]))));
    });
    expect(problems).toEqual([]);
  });

  it('names no unit, case, person, municipality (other than an ambito’s) or organisation of the fixtures', () => {
    const ambiti = new Set(column('alloggi.csv', 1));
    const words = [
      ...column('alloggi.csv', 0), // unit codes
      ...column('alloggi.csv', 2).filter((c) => !ambiti.has(c)), // municipalities that are not also an ambito
      ...column('ospitalita.csv', 0), // case codes
      ...column('ospitalita.csv', 2), // names (dropped at ingest)
      ...column('enti.csv', 0).map((c) => `${c} `), // organisation codes
      ...column('enti.csv', 1).filter((n) => /^[\x20-\x7e]+$/.test(n)), // organisation names (ASCII ones: the file's encoding is not ours to guess)
    ];
    expect(words.length).toBeGreaterThan(100);
    for (const name of ['cariplo.html', 'cariplo-en.html']) {
      const text = visibleText(pages.get(name)!);
      const found = words.filter((w) => new RegExp(`(^|[^\\w])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`).test(text));
      expect(found, name).toEqual([]);
    }
  });

  for (const [name, sections] of [['cariplo-en.html', CARIPLO_SECTIONS], ['valutazione-en.html', VALUTAZIONE_SECTIONS]] as const) {
    it(`${name.replace('-en.html', '')} with --lang en: English labels, no Italian text from the tables or the indicator files`, () => {
      const html = pages.get(name)!;
      expect(html).toContain('<html lang="en">');
      expect([...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual([...sections]);
      expect(html).toContain('Period 2025-01-01 – 2025-12-31');
      // The appendix's numerator and denominator lines come from the indicator files, in Italian only: see the test below.
      const text = visibleText(html.replace(/<dd class="definition-meta">[\s\S]*?<\/dd>/g, ''));
      // Fixed texts: every stretch of two words and 14 characters or more of an Italian text that its English does not share.
      const italian = fixedTexts().flatMap((x) => x.it.split(/\{\w+\}|\n/).map((s) => s.trim()).filter((s) => s.length >= 14 && s.includes(' ') && !x.en.includes(s)));
      expect(italian.length).toBeGreaterThan(100);
      expect(italian.filter((s) => text.includes(s))).toEqual([]);
      // Indicator labels.
      const labels = loadIndicators().filter((s) => s.label.it !== s.label.en).map((s) => s.label.it);
      expect(labels.filter((l) => new RegExp(`>\\s*${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*<`).test(html))).toEqual([]);
      // Months on the chart axes.
      expect(html).not.toMatch(/>(gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic) 20\d\d</);
    });

    it(`${name.replace('-en.html', '')} with --lang en: English numbers, percentages and dates`, () => {
      const html = pages.get(name)!;
      const numbers = [...html.matchAll(/<span class="num[^"]*"[^>]*data-field="([^"]+)"[^>]*data-value="([^"]+)"[^>]*>([^<]*)</g)].map((m) => ({ field: m[1]!, value: m[2]!, text: m[3]! }));
      expect(numbers.length).toBeGreaterThan(40);
      const percents = numbers.filter((n) => n.text.endsWith('%'));
      expect(percents.length).toBeGreaterThan(5);
      // 83.8% — a point for decimals, no space before the sign.
      for (const p of percents) expect(p.text, p.field).toMatch(/^-?\d{1,3}(,\d{3})*\.\d%$/);
      // Other numbers: grouped with commas, a point for decimals; never a decimal comma.
      for (const n of numbers.filter((x) => !x.text.endsWith('%') && /\d/.test(x.text))) expect(n.text).toMatch(/^(&lt; )?[+-]?\d{1,3}(,\d{3})*(\.\d+)?( €| pp)?$/);
      expect(html).not.toMatch(/\d,\d\u00a0%/);
      expect(visibleText(html)).not.toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
      // Chart axes in English: months and percentages.
      expect(html).toMatch(/>(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 2025</);
      expect(html).toMatch(/>\d{1,3}%</);
    });
  }

  // The indicator files give `numerator` and `denominator` in Italian only: the English appendix
  // gives the grain (English) instead.
  it('writes no Italian numerator or denominator in the English appendix', () => {
    const html = pages.get('cariplo-en.html')!;
    const italianOnly = loadIndicators().flatMap((s) => [s.numerator, s.denominator]).filter((x): x is string => !!x && /\b(nel|dei|delle|degli|con|posti|uscite|percorsi)\b/.test(x));
    expect(italianOnly.filter((x) => html.includes(x))).toEqual([]);
  });

  it('writes thousands with a comma in English and a point in Italian (valutazione: place-nights)', async () => {
    const it = await report('valutazione-it.html', { template: 'valutazione' });
    const en = pages.get('valutazione-en.html')!;
    const nights = (html: string) => /data-id="place_nights_available" data-group="\{\}" data-field="value" data-value="(\d+)"[^>]*>([^<]+)</.exec(html)!;
    const [, value, itText] = nights(it);
    expect(Number(value)).toBeGreaterThan(9999);
    expect(itText).toBe(Number(value).toLocaleString('de-DE'));
    expect(nights(en)[2]).toBe(Number(value).toLocaleString('en-US'));
  });
});
