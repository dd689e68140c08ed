import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALUTAZIONE_SECTIONS } from '../../reports/templates/valutazione.js';
import { runReport, type ReportCliOptions } from '../../src/commands/report.js';
import { runChecks } from '../../src/check/index.js';
import { loadProject } from '../../src/config.js';
import { countDataMarks } from '../../src/charts/marks.js';
import { validateVega, validateVegaLite } from '../../src/charts/validate.js';
import { UserError } from '../../src/errors.js';
import { memoryLimit, scaledMemoryLimit } from '../../src/db.js';
import { breakdownOf, buildReport, CHECKS_MEMORY_SHARE, defaultReportName } from '../../src/report/index.js';
import { ValueIndex } from '../../src/report/values.js';
import { cariplo } from '../../reports/templates/cariplo.js';
import { valutazione } from '../../reports/templates/valutazione.js';
import { mev } from '../helpers.js';
import { openReadOnly, reportFixture, XSS_ORG, XSS_REFERRER, type ReportFixture } from './dataset.js';
import { mismatches, sourcedNumbers } from './numbers.js';

let f: ReportFixture;
const NOW = new Date('2026-01-15T10:00:00Z');

async function report(extra: Partial<ReportCliOptions> = {}, name = 'r.html'): Promise<{ html: string; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  await runReport(
    { db: f.db, config: f.config, period: '2025', asOf: '2025-12-31', out: f.path(name), ...extra },
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {}, cwd: f.dir, now: () => NOW },
  );
  return { html: readFileSync(f.path(extra.out ?? name), 'utf8'), stdout, stderr };
}

async function indicatorsJson(args: string[] = []) {
  const run = await mev(['indicators', '--db', f.db, '--config', f.config, '--period', '2025', '--as-of', '2025-12-31', '--by', 'ambito', '--format', 'json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

let italian: string;

beforeAll(async () => {
  f = await reportFixture();
  italian = (await report()).html;
});
afterAll(() => f.cleanup());

describe('report', () => {
  it('has every section of the valutazione template, in order', () => {
    const ids = [...italian.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([...VALUTAZIONE_SECTIONS]);
  });

  it('gives every number exactly as `mev indicators --format json` for the same period and as_of', async () => {
    const numbers = sourcedNumbers(italian);
    // Cards, tables, captions: a report of this size carries well over a hundred sourced numbers.
    expect(numbers.filter((n) => n.id !== null).length).toBeGreaterThan(100);
    expect(mismatches(numbers, await indicatorsJson())).toEqual([]);
  });

  it('marks six headline numbers, none of them null on this dataset', () => {
    const headlines = sourcedNumbers(italian).filter((n) => n.headline !== null);
    expect(headlines.map((h) => h.id)).toEqual(['persons_served', 'occupancy_rate', 'entries', 'exits', 'positive_exit_rate', 'followup_completion_rate']);
    expect(headlines.every((h) => h.headline !== 'null' && h.value !== null)).toBe(true);
  });

  it('gives the data-quality counts of `mev check`', async () => {
    const db = await openReadOnly(f.db);
    const checks = await runChecks(db, loadProject(f.config));
    db.close();
    const shown = sourcedNumbers(italian).filter((n) => n.check !== null);
    expect(shown.length).toBe(checks.checks.length);
    for (const c of checks.checks) expect(shown.find((s) => s.check === c.id)?.value).toBe(c.count);
  });

  it('requests nothing from the network: no script, no external source, link, font or url()', () => {
    const html = italian;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/\b(?:src|srcset|href|xlink:href)\s*=\s*"(?!#)/i);
    expect(html).not.toMatch(/url\(\s*['"]?(?!#)/i);
    // The notes file holds a link: it is written as text, and no other http appears.
    expect(html.replaceAll('https://example.org', '')).not.toMatch(/https?:|\/\//i);
  });

  it('escapes every text from data: referrers, organisation names, project name and notes', () => {
    const has = (text: string) => italian.includes(text);
    expect(has(XSS_REFERRER)).toBe(false);
    expect(has(XSS_ORG)).toBe(false);
    expect(has('<b>')).toBe(false);
    expect(has('alert(2)</script>')).toBe(false);
    expect(has('&lt;script&gt;alert(2)&lt;/script&gt;')).toBe(true);
    expect(has('Rete di prova &lt;b&gt;')).toBe(true);
    // The referrer with markup is listed in the entry profile (table and chart), escaped.
    expect(has('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(true);
    // The organisation with markup is named on the network map and in the trust chart, escaped by Vega.
    expect(has('&lt;img src=x onerror=alert(1)&gt;')).toBe(true);
  });

  it('names no person and no case: the unit timeline shows stays by unit only', () => {
    expect(italian).toContain('id="chart-offerta-alloggi"');
    expect(italian.match(/\b[PC]\d{2}\b/g)).toBeNull();
  });

  it('prints to A4 with a page break before each section and no chart split across pages', () => {
    expect(italian).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(italian).toMatch(/\.report-section\s*\{[^}]*break-before:\s*page/);
    expect(italian).toMatch(/figure\.chart[^{]*\{[^}]*break-inside:\s*avoid/);
  });

  it('inlines every chart as SVG, each with data marks, and names the period in Italian', () => {
    const figures = [...italian.matchAll(/<figure class="chart" id="chart-([^"]+)"[^>]*>\s*<svg/g)].map((m) => m[1]);
    expect(figures).toEqual(expect.arrayContaining(['offerta-posti', 'offerta-occupazione', 'offerta-alloggi', 'offerta-domanda', 'uscite-km', 'uscite-durata', 'uscite-destinazioni', 'uscite-punteggi', 'follow-up-imbuto', 'rete-mappa']));
    for (const figure of italian.split('<figure class="chart"').slice(1)) {
      const svg = figure.slice(0, figure.indexOf('</figure>'));
      expect(countDataMarks(svg), figure.slice(0, 60)).toBeGreaterThan(0);
    }
    expect(italian).toContain('<html lang="it">');
    expect(italian).toContain('Periodo 01/01/2025 – 31/12/2025');
  });

  it('writes English with --lang en, with the same numbers', async () => {
    const { html } = await report({ lang: 'en' }, 'en.html');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('>Summary</h2>');
    expect(html).toContain('Period 2025-01-01 – 2025-12-31');
    expect(mismatches(sourcedNumbers(html), await indicatorsJson(['--lang', 'en']))).toEqual([]);
  });

  it('with --suppress 3 gives the suppressed JSON values, and leaves out the map and the unit stays', async () => {
    const { html } = await report({ suppress: '3' }, 's.html');
    const numbers = sourcedNumbers(html);
    expect(mismatches(numbers, await indicatorsJson(['--suppress', '3']))).toEqual([]);
    expect(numbers.some((n) => n.id !== null && n.value === null)).toBe(true);
    expect(html).not.toContain('id="chart-rete-mappa"');
    // The unit timeline is a heatmap of occupancy by unit and month, not a Gantt of stays.
    expect(html).toContain('Occupazione per alloggio e mese');
  });

  it('writes every chart as SVG, PNG and spec with --charts, and says so', async () => {
    const { stdout } = await report({ charts: 'grafici' }, 'c.html');
    const files = readdirSync(f.path('grafici'));
    const charts = files.filter((x) => x.endsWith('.svg')).map((x) => x.slice(0, -4));
    expect(charts.length).toBeGreaterThanOrEqual(14);
    for (const c of charts) {
      expect(files).toContain(`${c}.png`);
      const vl = files.includes(`${c}.vl.json`);
      expect(vl || files.includes(`${c}.vg.json`)).toBe(true);
      const spec = JSON.parse(readFileSync(f.path(`grafici/${c}.${vl ? 'vl' : 'vg'}.json`), 'utf8'));
      expect(vl ? validateVegaLite(spec) : validateVega(spec), c).toEqual({ valid: true });
      expect(readFileSync(f.path(`grafici/${c}.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(files).toContain('rete-mappa.vg.json');
    expect(readFileSync(f.path('grafici/rete-mappa.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(stdout).toMatch(/grafici scritti in .*grafici \(\d+ × SVG, PNG e specifica JSON\)/);
  });

  it('names the file report-<template>-<period>.html in the current directory by default', async () => {
    let stdout = '';
    await runReport({ db: f.db, config: f.config, period: '2025-H1', asOf: '2025-12-31' }, { stdout: (s) => (stdout += s), stderr: () => {}, env: {}, cwd: f.dir, now: () => NOW });
    expect(existsSync(f.path('report-valutazione-2025-H1.html'))).toBe(true);
    expect(stdout).toContain('report-valutazione-2025-H1.html');
    expect(defaultReportName('valutazione', '2025-01-01–2025-03-31')).toBe('report-valutazione-2025-01-01_2025-03-31.html');
  });

  it('refuses an unknown template, a non-HTML output and a bad language with a user error', async () => {
    const run = (opts: Partial<ReportCliOptions>) => runReport({ db: f.db, config: f.config, ...opts }, { stdout: () => {}, stderr: () => {}, env: {}, cwd: f.dir, now: () => NOW });
    await expect(run({ template: 'bilancio' })).rejects.toThrow(UserError);
    await expect(run({ template: 'bilancio' })).rejects.toThrow(/valutazione/);
    await expect(run({ out: 'report.pdf' })).rejects.toThrow(/\.html/);
    await expect(run({ lang: 'fr' })).rejects.toThrow(/it o en/);
  });
});

describe('the catalogue by ambito', () => {
  it('runs by ambito only the indicators the sections read, and every one of them', async () => {
    const project = loadProject(f.config);
    for (const template of [valutazione, cariplo]) {
      const breakdown = breakdownOf(template, project)!;
      expect(breakdown.field).toBe('ambito');
      expect([...template.needs.byIds!].every((id) => breakdown.ids.has(id))).toBe(true);
      const db = await openReadOnly(f.db);
      try {
        const result = await buildReport(db, project, { template, period: '2025', lang: 'it', now: NOW });
        const byAmbito = new Set(result.data.catalogue.values.filter((v) => 'ambito' in v.group).map((v) => v.id));
        // The fixtures' units are in four ambiti: every listed indicator has values by ambito, no other has.
        expect([...byAmbito].sort()).toEqual([...breakdown.ids].sort());
        expect(result.data.catalogue.values.some((v) => Object.keys(v.group).length === 0 && !breakdown.ids.has(v.id))).toBe(true);
      } finally {
        db.close();
      }
    }
  });

  it('refuses to read an indicator by a breakdown the report did not compute for it', () => {
    const value = (id: string, group: Record<string, string>) => ({ id, group, value: 1 }) as never;
    const index = new ValueIndex([value('exits', {}), value('exits', { ambito: 'Monza' }), value('entries', {}), value('entry_profile', { target: 'altro' })], { field: 'ambito', ids: new Set(['exits']) });
    expect(index.list('exits', ['ambito'])).toHaveLength(1);
    expect(index.get('entries')).toBeDefined();
    expect(index.list('entry_profile', ['target'])).toHaveLength(1);
    expect(() => index.list('entries', ['ambito'])).toThrow(/entries by ambito was not computed/);
    expect(() => index.get('entries', { ambito: 'Monza' })).toThrow(/needs\.byIds/);
    // An indicator not in the catalogue at all stays "not available", not an error.
    expect(index.list('not_written_yet', ['ambito'])).toEqual([]);
  });
});

describe('memory during the checks', () => {
  it('reads each check\'s count, the same as mev check gives, and none of its keys or findings', async () => {
    // The report shows counts only; at 1 M stays the full key lists did not fit in the checks' memory.
    const db = await openReadOnly(f.db);
    try {
      const result = await buildReport(db, loadProject(f.config), { template: valutazione, period: '2025', lang: 'it', now: NOW });
      const inReport = await result.data.checks;
      if (!inReport || 'error' in inReport) throw new Error(`checks not run: ${JSON.stringify(inReport)}`);
      const full = await runChecks(db, loadProject(f.config));
      expect(inReport.checks.map((c) => [c.id, c.count])).toEqual(full.checks.map((c) => [c.id, c.count]));
      expect(full.checks.filter((c) => c.count > 0).length).toBeGreaterThan(0);
      expect(inReport.checks.every((c) => c.keys.length === 0)).toBe(true);
      expect(full.checks.some((c) => c.keys.length > 0)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('scales a DuckDB size to whole MB, decimal and binary units alike', () => {
    expect(scaledMemoryLimit('500MB', 0.6)).toBe('300MB');
    expect(scaledMemoryLimit('2GB', 0.6)).toBe('1200MB');
    // 1 GiB = 1,073,741,824 bytes; × 0.5 = 536,870,912 bytes = 536 MB (floored).
    expect(scaledMemoryLimit('1GiB', 0.5)).toBe('536MB');
    expect(scaledMemoryLimit(' 1.5 gb ', 0.6)).toBe('900MB');
    expect(scaledMemoryLimit('1KB', 0.6)).toBe('1MB');
    for (const bad of ['', 'lots', '500', '-1GB', '80%']) expect(scaledMemoryLimit(bad, 0.6)).toBeNull();
  });

  it('runs the checks with 60 % of the limit and restores the limit after them', async () => {
    const db = await openReadOnly(f.db);
    const statements: string[] = [];
    const run = db.run.bind(db);
    db.run = async (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return run(sql, params);
    };
    try {
      await buildReport(db, loadProject(f.config), { template: valutazione, period: '2025', asOf: '2025-12-31', lang: 'it', now: NOW });
      const limits = statements.map((s, i) => [s, i] as const).filter(([s]) => s.includes('memory_limit'));
      const lowered = scaledMemoryLimit(memoryLimit(), CHECKS_MEMORY_SHARE)!;
      expect(limits.map(([s]) => s)).toEqual([`SET memory_limit = '${lowered}'`, `SET memory_limit = '${memoryLimit()}'`]);
      const checkStatements = statements.map((s, i) => [s, i] as const).filter(([s]) => s.includes('check_findings'));
      expect(checkStatements.length).toBeGreaterThan(0);
      for (const [, i] of checkStatements) expect(i > limits[0]![1] && i < limits[1]![1]).toBe(true);
      const current = await db.value<string>(`SELECT current_setting('memory_limit')`);
      const fresh = await openReadOnly(f.db);
      try {
        expect(current).toBe(await fresh.value<string>(`SELECT current_setting('memory_limit')`));
      } finally {
        fresh.close();
      }
    } finally {
      db.close();
    }
  });
});
