/**
 * The funder report (reports/templates/cariplo.ts and reports/sections/cariplo-*.ts) on the small
 * report dataset (test/report/dataset.ts): sections, suppression N (default, config, --suppress),
 * the logical framework with its comments, the progress chart, data quality, provenance, language.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_DOMAIN, wrapLabel } from '../../reports/charts/cariplo-progress.js';
import { occupancyMonths } from '../../reports/sections/cariplo-attivita.js';
import { isFinerThanAmbito, progressOf } from '../../reports/sections/cariplo-quadro.js';
import { cariplo, CARIPLO_SECTIONS } from '../../reports/templates/cariplo.js';
import { TEMPLATE_NAMES } from '../../reports/templates/index.js';
import { runReport, type ReportCliOptions } from '../../src/commands/report.js';
import { loadProject } from '../../src/config.js';
import type { IndicatorValue } from '../../src/indicators/run.js';
import { buildReport } from '../../src/report/index.js';
import type { SeriesPoint } from '../../src/report/series.js';
import { mev } from '../helpers.js';
import { CONFIG, openReadOnly, reportFixture, type ReportFixture } from './dataset.js';
import { mismatches, sourcedNumbers } from './numbers.js';

let f: ReportFixture;
const NOW = new Date('2026-01-15T10:00:00Z');
let italian: string;

async function report(extra: Partial<ReportCliOptions> = {}, name = 'c.html'): Promise<string> {
  await runReport(
    { db: f.db, config: f.config, template: 'cariplo', period: '2025', asOf: '2025-12-31', out: f.path(name), quiet: true, ...extra },
    { stdout: () => {}, stderr: () => {}, env: {}, cwd: f.dir, now: () => NOW },
  );
  return readFileSync(f.path(name), 'utf8');
}

async function indicatorsJson(args: string[], config = f.config) {
  const run = await mev(['indicators', '--db', f.db, '--config', config, '--period', '2025', '--as-of', '2025-12-31', '--by', 'ambito', '--format', 'json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** The row of the framework table whose first cell is `label`. */
function frameworkRow(html: string, label: string): string {
  const tables = [...html.matchAll(/<table class="framework">([\s\S]*?)<\/table>/g)].map((m) => m[1]!).join('');
  const row = tables.split('<tr>').find((r) => r.startsWith(`<td>${label}</td>`));
  if (!row) throw new Error(`no framework row ${label}`);
  return row;
}
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

beforeAll(async () => {
  f = await reportFixture();
  italian = await report();
});
afterAll(() => f.cleanup());

describe('cariplo', () => {
  it('is a template of `mev report`, with every section in order', () => {
    expect(TEMPLATE_NAMES).toContain('cariplo');
    expect([...italian.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual([...CARIPLO_SECTIONS]);
    expect(italian).toContain('<title>Report di monitoraggio per il finanziatore — Rete di prova &lt;b&gt; — 2025</title>');
    expect(italian.match(/class="card"/g)).toHaveLength(6);
  });

  it('suppresses with N = 5 by default, the config’s N when it sets one, and --suppress over both', async () => {
    expect(mismatches(sourcedNumbers(italian), await indicatorsJson(['--suppress', '5']))).toEqual([]);
    expect(italian).toContain('Valori basati su meno di 5 unità oscurati');
    // The dataset is small: at N = 5 the counts are suppressed; at N = 3 more is shown.
    const three = await report({ suppress: '3' }, 'c3.html');
    expect(mismatches(sourcedNumbers(three), await indicatorsJson(['--suppress', '3']))).toEqual([]);
    expect(three).toContain('Valori basati su meno di 3 unità oscurati');
    expect(sourcedNumbers(three).filter((n) => n.value !== null).length).toBeGreaterThan(sourcedNumbers(italian).filter((n) => n.value !== null).length);
    writeFileSync(f.path('tre.json'), JSON.stringify({ ...CONFIG, suppression: { cariplo: 3 } }));
    const fromConfig = await report({ config: f.path('tre.json') }, 'c3c.html');
    expect(mismatches(sourcedNumbers(fromConfig), await indicatorsJson(['--suppress', '3'], f.path('tre.json')))).toEqual([]);
    expect(fromConfig).toContain('Valori basati su meno di 3 unità oscurati');
    expect(cariplo.defaultSuppress(loadProject(f.path('tre.json')))).toBe(3);
    expect(cariplo.defaultSuppress(loadProject(null))).toBe(5);
  });

  it('shows each framework indicator with baseline, target, value, status, previous value and change', async () => {
    const json = await indicatorsJson(['--suppress', '5']);
    const occupancy = json.values.find((v: IndicatorValue) => v.id === 'occupancy_rate' && !Object.keys(v.group).length);
    // Occupancy of 2025 on this dataset: 76,3 %, 56,8 % in 2024; target 85 %: |0,763 − 0,85| = 0,087 > 10 % of 0,85 = 0,085: far.
    expect(occupancy.value).toBeCloseTo(0.763, 3);
    expect(occupancy.target.status).toBe('far');
    const row = cellsOf(frameworkRow(italian, 'Tasso di occupazione'));
    expect(row).toEqual(['Tasso di occupazione', '70,0\u00a0%', '85,0\u00a0%', '76,3\u00a0%', 'lontano', '56,8\u00a0%', '+19,5 p.p.']);
    // Suppressed: the value says so; no status, previous value or change; baseline and target (config) stay.
    expect(cellsOf(frameworkRow(italian, 'Uscite verso una destinazione positiva'))).toEqual(['Uscite verso una destinazione positiva', '40,0\u00a0%', '60,0\u00a0%', 'oscurato', '—', '', '']);
    // A network indicator names its wave.
    expect(cellsOf(frameworkRow(italian, 'Densità della rete (ondata 2025)'))[1]).toBe('50,0\u00a0%');
    expect(italian).toContain('<h3 id="obiettivo-OS1">OS1 · Offerta usata</h3>');
    // Every target of this config has no horizon: no horizon column, no horizon line.
    expect(italian).not.toContain('Orizzonte');
  });

  it('gives the evaluator’s comments under the objective, once, escaped', () => {
    const section = italian.slice(italian.indexOf('<section id="quadro-logico"'), italian.indexOf('<section id="offerta"'));
    expect(section).toContain('data-note="occupancy_rate"');
    expect(section).toContain('data-note="positive_exit_rate"');
    expect(italian.match(/data-note="occupancy_rate"/g)).toHaveLength(1);
    expect(italian).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(italian).not.toContain('<script');
  });

  it('charts the progress from baseline to target of the values shown and names the others', async () => {
    const db = await openReadOnly(f.db);
    const result = await buildReport(db, loadProject(f.config), { template: cariplo, period: '2025', asOf: '2025-12-31', lang: 'it', now: NOW }).finally(() => db.close());
    const chart = result.charts.find((c) => c.id === 'quadro-avanzamento')!;
    const layers = (chart.spec as { layer: { data: { values: unknown[] } }[] }).layer;
    const occupancy = result.data.catalogue.values.find((v) => v.id === 'occupancy_rate' && !Object.keys(v.group).length)!;
    // (0,763 − 0,70) ÷ (0,85 − 0,70) ≈ 0,42 of the way from baseline to target.
    const data = layers[1]!.data.values as { indicator: string; progress: number; status: string; label: string }[];
    expect(data.map((d) => [d.indicator, d.status, d.label])).toEqual([['OS1 · Tasso di occupazione', 'lontano', '76,3\u00a0%']]);
    expect(data[0]!.progress).toBeCloseTo((occupancy.value! - 0.7) / 0.15, 12);
    expect(italian).toContain('Non nel grafico (valore oscurato o non disponibile, baseline mancante o target che non va oltre la baseline): OS1 · Uscite verso una destinazione positiva; OS1 · Densità della rete (ondata 2025).');
    expect(result.charts.map((c) => c.id)).not.toContain('offerta-alloggi');
  });

  it('says in one paragraph which data-quality checks found something, without counting records', () => {
    const section = italian.slice(italian.indexOf('<section id="qualita-dati"'), italian.indexOf('<section id="metodo"'));
    expect(section.match(/<p>/g)).toHaveLength(1);
    expect(section).toContain('con i 15 controlli di qualità di «mev check» (dati al 01/12/2025)');
    expect(section).toContain('(1 su 15), con la loro gravità: Valori mancanti per colonna (informazione).');
    expect(section).not.toContain('data-check');
  });

  it('states its provenance (files and sha256, fingerprints, as_of, version) without row counts', () => {
    const section = italian.slice(italian.indexOf('<section id="provenienza"'));
    expect(section).toMatch(/<td>ospitalita\.csv<\/td><td>ospitalita<\/td><td><code>[0-9a-f]{64}<\/code>/);
    expect(section).toContain('Impronta della configurazione');
    expect(section).not.toContain('Righe nel database');
    expect(section).not.toContain('Righe lette');
  });

  it('explains the suppression rules with the N used, and warns when made without suppression', async () => {
    expect(italian).toContain('Oscuramento primario: conteggi da 1 a 4;');
    const open = await report({ suppress: '0' }, 'c0.html');
    expect(open).toContain('Questo report è stato generato senza oscuramento dei valori piccoli: non va diffuso.');
    expect(open).toContain('Nessun oscuramento dei valori piccoli');
    expect(mismatches(sourcedNumbers(open), await indicatorsJson([]))).toEqual([]);
  });

  it('loads nothing: no script, link, external source, font or url()', () => {
    expect(italian).not.toMatch(/<script|<link\b|@import/i);
    expect(italian).not.toMatch(/\b(?:src|srcset|href|xlink:href)\s*=\s*"(?!#)/i);
    expect(italian).not.toMatch(/url\(\s*['"]?(?!#)/i);
    expect(italian.replaceAll('https://example.org', '')).not.toMatch(/https?:|\/\//i);
  });

  it('writes English with --lang en: labels, numbers and dates', async () => {
    const english = await report({ lang: 'en' }, 'c-en.html');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h2>Logical framework</h2>');
    expect(english).toContain('Period 2025-01-01 – 2025-12-31');
    expect(cellsOf(frameworkRow(english, 'Occupancy rate'))).toEqual(['Occupancy rate', '70.0%', '85.0%', '76.3%', 'far', '56.8%', '+19.5 pp']);
    expect(cellsOf(frameworkRow(english, 'Network density (wave 2025)'))[1]).toBe('50.0%');
    expect(english).not.toMatch(/oscurato|Quadro logico|Periodo|\d,\d\u00a0%/);
    expect(mismatches(sourcedNumbers(english), await indicatorsJson(['--suppress', '5', '--lang', 'en']))).toEqual([]);
  });
});

describe('cariplo-quadro', () => {
  it('measures progress from baseline (0) to target (1) in the indicator’s direction', () => {
    // Higher is better: (0,80 − 0,60) ÷ (0,80 − 0,60) = 1; halfway at 0,70.
    expect(progressOf(0.8, 0.6, 0.8, 'higher')).toBe(1);
    expect(progressOf(0.7, 0.6, 0.8, 'higher')).toBeCloseTo(0.5, 12);
    // Lower is better: a wait of 7 days from 45 towards 30: (7 − 45) ÷ (30 − 45) = 38/15 ≈ 2,53 (beyond).
    expect(progressOf(7, 45, 30, 'lower')).toBeCloseTo(38 / 15, 12);
    // Worse than the baseline is negative: 50 days from 45 towards 30: (50 − 45) ÷ (30 − 45) = −1/3.
    expect(progressOf(50, 45, 30, 'lower')).toBeCloseTo(-1 / 3, 12);
    // A target that is not beyond the baseline (a ceiling: "under 365 days" from 320) has no progress.
    expect(progressOf(295, 320, 365, 'lower')).toBeNull();
    expect(progressOf(0.5, 0.6, 0.6, 'higher')).toBeNull();
  });

  it('treats only ambito, wave, factor and dimension as groups a funder may see', () => {
    expect(isFinerThanAmbito({})).toBe(false);
    expect(isFinerThanAmbito({ ambito: 'Monza' })).toBe(false);
    expect(isFinerThanAmbito({ wave: '2025', factor: 'scopo' })).toBe(false);
    expect(isFinerThanAmbito({ comune: 'Monza' })).toBe(true);
    expect(isFinerThanAmbito({ alloggio: 'A1' })).toBe(true);
    expect(isFinerThanAmbito({ wave: '2025', org: 'E1' })).toBe(true);
  });
});

describe('cariplo-progress', () => {
  it('wraps long labels at word boundaries into lines of about 34 characters', () => {
    expect(wrapLabel('OS1 · Tasso di occupazione')).toEqual(['OS1 · Tasso di occupazione']);
    expect(wrapLabel("OS1 · Attesa dalla segnalazione all'accoglimento (mediana, giorni)")).toEqual(['OS1 · Attesa dalla segnalazione', "all'accoglimento (mediana, giorni)"]);
    expect(wrapLabel('uno due tre', 3)).toEqual(['uno', 'due', 'tre']);
    expect(PROGRESS_DOMAIN).toEqual([-0.5, 1.5]);
  });
});

describe('cariplo-attivita', () => {
  const month = (from: string, value: number | null, suppressed = false): SeriesPoint => ({
    period: { label: from.slice(0, 7), from, to: from, asOf: from, end: from, days: 1, previous: { from, end: from, days: 1 } },
    values: [
      { id: 'occupancy_rate', group: {}, value, numerator: null, denominator: null, n: null, ci95: null, suppressed, label: 'x', unit: 'rate' },
      { id: 'occupancy_rate', group: { ambito: 'Monza' }, value: 0.5, numerator: null, denominator: null, n: null, ci95: null, suppressed: true, label: 'x', unit: 'rate' },
    ],
  });

  it('charts monthly occupancy of the network, ignoring the breakdown', () => {
    expect(occupancyMonths([month('2025-01-01', 0.8), month('2025-02-01', 0.75)])).toEqual([{ month: '2025-01-01', rate: 0.8 }, { month: '2025-02-01', rate: 0.75 }]);
  });

  it('leaves the whole series out when one month is suppressed (the year and the others would give it away)', () => {
    expect(occupancyMonths([month('2025-01-01', 0.8), month('2025-02-01', null, true), month('2025-03-01', 0.9)])).toBe('suppressed');
  });
});
