/**
 * The funder report under attack (§4 "No suppressed number may be recoverable from any output",
 * §6 "suppression cannot be undone from any output of the funder report"): on a dataset built so
 * that suppression bites (test/report/cariplo-dataset.ts), render the cariplo report in both
 * languages with --charts, then try to get every suppressed number back from the page, the chart
 * specs and the SVGs, with the attacks of test/report/cariplo-attack.ts, and look for the true
 * values (computed without suppression) in every file written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressOf } from '../../reports/sections/cariplo-quadro.js';
import { cariplo } from '../../reports/templates/cariplo.js';
import { runReport } from '../../src/commands/report.js';
import { loadProject } from '../../src/config.js';
import { formatNumber, formatPercent, type Lang } from '../../src/format/locale.js';
import { formatValue } from '../../src/indicators/present.js';
import { loadIndicators } from '../../src/indicators/load.js';
import type { IndicatorValue } from '../../src/indicators/run.js';
import type { IndicatorSpec } from '../../src/indicators/spec.js';
import { suppress } from '../../src/indicators/suppress.js';
import { buildReport } from '../../src/report/index.js';
import { mev } from '../helpers.js';
import { attack, DENOMINATORS, leaks, type JsonCell, type Known } from './cariplo-attack.js';
import { CODE_PATTERN, CONFIG, disclosureFixture, MUNICIPALITIES, ORGANISATION_CODES, ORGANISATIONS, UNITS, type DisclosureFixture } from './cariplo-dataset.js';
import { openReadOnly } from './dataset.js';
import { mismatches, sourcedNumbers } from './numbers.js';

const NOW = new Date('2026-01-15T10:00:00Z');
let f: DisclosureFixture;
const pages: Record<Lang, string> = { it: '', en: '' };
/** Every chart file written by --charts (both languages): name → text (SVG and JSON specs). */
const chartFiles = new Map<string, string>();
let truth: JsonCell[];
let shown: JsonCell[];
/** Monthly occupancy of the network as the report computed it (suppressed months included). */
let months: { value: number | null; suppressed: boolean }[];

async function catalogue(extra: string[]): Promise<JsonCell[]> {
  const run = await mev(['indicators', '--db', f.db, '--config', f.config, '--period', '2025', '--as-of', '2025-12-31', '--by', 'ambito', '--format', 'json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { values: JsonCell[] }).values;
}

beforeAll(async () => {
  f = await disclosureFixture();
  for (const lang of ['it', 'en'] as const) {
    const out = f.path(`cariplo-${lang}.html`);
    await runReport(
      { db: f.db, config: f.config, template: 'cariplo', period: '2025', asOf: '2025-12-31', lang, out, charts: f.path(`grafici-${lang}`), quiet: true },
      { stdout: () => {}, stderr: () => {}, env: {}, cwd: f.dir, now: () => NOW },
    );
    pages[lang] = readFileSync(out, 'utf8');
    for (const name of readdirSync(f.path(`grafici-${lang}`))) {
      if (!name.endsWith('.png')) chartFiles.set(`${lang}/${name}`, readFileSync(join(f.path(`grafici-${lang}`), name), 'utf8'));
    }
  }
  truth = await catalogue([]);
  shown = await catalogue(['--suppress', '5']);
  const db = await openReadOnly(f.db);
  try {
    const result = await buildReport(db, loadProject(f.config), { template: cariplo, period: '2025', asOf: '2025-12-31', lang: 'it', now: NOW });
    months = (result.data.series ?? []).flatMap((p) => p.values.filter((v) => v.id === 'occupancy_rate' && !Object.keys(v.group).length).map((v) => ({ value: v.value, suppressed: v.suppressed })));
  } finally {
    db.close();
  }
}, 120_000);
afterAll(() => f?.cleanup());

const cell = (cells: JsonCell[], id: string, group: Record<string, string> = {}) => cells.find((c) => c.id === id && JSON.stringify(c.group) === JSON.stringify(group))!;
const kinds = new Map(loadIndicators().map((s) => [s.id, s.kind as string]));

/** What a reader of the page knows: every sourced number it shows. */
function knownNumbers(html: string): Known[] {
  return sourcedNumbers(html).flatMap((n) => (n.id !== null && n.value !== null ? [{ id: n.id, group: n.group ?? {}, field: n.field ?? 'value', value: n.value }] : []));
}

function attackPage(extra: Known[] = []) {
  const known = [...knownNumbers(pages.it), ...knownNumbers(pages.en), ...extra];
  const recovered = attack(known, { cells: shown, kinds, denominators: DENOMINATORS });
  // A suppressed rate's denominator is often a count shown (its total exits): what must not come
  // back is a value, a numerator or a previous value.
  return { recovered, leaked: leaks(recovered, shown, truth).filter((r) => r.field !== 'denominator') };
}

/** The true cell of a suppressed one, as Known numbers (for planting a leak in the witness tests). */
function plant(id: string, group: Record<string, string>, fields: string[]): Known[] {
  const c = cell(truth, id, group);
  const read = (field: string): number | null => {
    if (field === 'ci95.0' || field === 'ci95.1') return c.ci95?.[Number(field.slice(-1))] ?? null;
    if (field === 'previous.value') return c.previous?.value ?? null;
    if (field === 'previous.change') return c.previous?.change ?? null;
    return c[field as 'value'];
  };
  return fields.map((field) => ({ id, group, field, value: read(field)! }));
}

describe('cariplo disclosure', () => {
  it('suppresses what the dataset was built to suppress, with N = 5 from the config', () => {
    const hidden = (id: string, group: Record<string, string> = {}) => cell(shown, id, group).suppressed;
    // Desio: 2 entries (1–4); Seregno: 6 entries but 3 in 2024 (the previous period's pattern joins).
    expect([cell(truth, 'entries', { ambito: 'Desio' }).value, hidden('entries', { ambito: 'Desio' })]).toEqual([2, true]);
    expect([cell(truth, 'entries', { ambito: 'Seregno' }).value, cell(truth, 'entries', { ambito: 'Seregno' }).previous?.value, hidden('entries', { ambito: 'Seregno' })]).toEqual([6, 3, true]);
    // Carate Brianza: no exit in 2025 (0 is shown) but 2 in 2024.
    expect([cell(truth, 'exits', { ambito: 'Carate Brianza' }).value, hidden('exits', { ambito: 'Carate Brianza' })]).toEqual([0, true]);
    // Rates with one failure: 12 of 13 exits positive, 11 of 12 follow-ups completed, 5 of 6 organisations answered.
    expect([cell(truth, 'positive_exit_rate').numerator, cell(truth, 'positive_exit_rate').denominator, hidden('positive_exit_rate')]).toEqual([12, 13, true]);
    expect([cell(truth, 'followup_completion_rate').numerator, cell(truth, 'followup_completion_rate').denominator, hidden('followup_completion_rate')]).toEqual([11, 12, true]);
    expect([cell(truth, 'survey_response_rate', { wave: '2025' }).numerator, hidden('survey_response_rate', { wave: '2025' })]).toEqual([5, true]);
    // Every organisation is rated by fewer than 5 partners.
    expect(shown.filter((c) => c.id === 'trust_score' && c.group['org']).every((c) => c.suppressed)).toBe(true);
    // The page says so where it shows them.
    const pageCells = sourcedNumbers(pages.it);
    for (const [id, group] of [['entries', { ambito: 'Desio' }], ['entries', { ambito: 'Seregno' }], ['exits', { ambito: 'Carate Brianza' }], ['positive_exit_rate', {}], ['followup_completion_rate', {}], ['survey_response_rate', { wave: '2025' }]] as const) {
      const here = pageCells.filter((n) => n.id === id && JSON.stringify(n.group) === JSON.stringify(group) && n.field === 'value');
      expect(here.length, `${id} ${JSON.stringify(group)}`).toBeGreaterThan(0);
      expect(here.every((n) => n.value === null)).toBe(true);
    }
    expect(pages.it).toContain('Valori basati su meno di 5 unità oscurati');
  });

  it('shows every number as `mev indicators --suppress 5`, and of a suppressed value nothing but its target', () => {
    for (const lang of ['it', 'en'] as const) {
      const numbers = sourcedNumbers(pages[lang]);
      expect(numbers.filter((n) => n.id !== null).length).toBeGreaterThan(60);
      expect(closeMismatches(mismatches(numbers, { values: shown as never }))).toEqual([]);
      const suppressed = new Set(shown.filter((c) => c.suppressed).map((c) => `${c.id}|${JSON.stringify(c.group)}`));
      const exposed = numbers.filter((n) => n.id !== null && suppressed.has(`${n.id}|${JSON.stringify(n.group)}`) && n.value !== null && n.field !== 'target.value');
      expect(exposed).toEqual([]);
    }
  });

  it('breaks nothing down finer than ambito and names no unit, municipality, case, person or organisation', () => {
    for (const lang of ['it', 'en'] as const) {
      const keys = new Set(sourcedNumbers(pages[lang]).flatMap((n) => Object.keys(n.group ?? {})));
      expect([...keys].sort()).toEqual(['ambito', 'factor', 'wave']);
    }
    const outputs: [string, string][] = [['cariplo-it.html', pages.it], ['cariplo-en.html', pages.en], ...chartFiles];
    for (const [name, text] of outputs) {
      for (const word of [...UNITS, ...MUNICIPALITIES, ...ORGANISATIONS, ...ORGANISATION_CODES]) expect(text.includes(word), `${word} in ${name}`).toBe(false);
      expect(CODE_PATTERN.test(text), `a case or person code in ${name}`).toBe(false);
    }
    // The two framework entries on a unit and on an organisation are listed without value or group.
    expect(pages.it.match(/non riportato: dettaglio più fine dell’ambito/g)).toHaveLength(2);
    expect(pages.en.match(/not reported: finer than district/g)).toHaveLength(2);
  });

  it('gives nothing back to totals minus groups, rates times denominators, Wilson intervals or previous values', () => {
    const { recovered, leaked } = attackPage();
    expect(leaked).toEqual([]);
    // The attacker did read the page: the counts shown are known numerators.
    expect(recovered.some((r) => r.id === 'entries' && r.field === 'numerator')).toBe(true);
  });

  it('the attacks are not toothless: each finds the leak planted for it', () => {
    const found = (extra: Known[]) => attackPage(extra).leaked.map((r) => `${r.id} ${JSON.stringify(r.group)} ${r.field} ${r.value}`);
    // Totals minus groups: with Seregno's 6 entries shown, Desio's are 21 − 8 − 5 − 6 = 2.
    expect(found(plant('entries', { ambito: 'Seregno' }, ['value']))).toContain('entries {"ambito":"Desio"} value 2');
    // A remainder of 0: exits 13 − Monza 7 − Seregno 5 − Desio 1 leaves Carate Brianza at 0.
    expect(found([...plant('exits', { ambito: 'Monza' }, ['value']), ...plant('exits', { ambito: 'Seregno' }, ['value']), ...plant('exits', { ambito: 'Desio' }, ['value'])])).toContain('exits {"ambito":"Carate Brianza"} value 0');
    // Previous value and change: Desio's entries 5 − 3 = 2.
    expect(found(plant('entries', { ambito: 'Desio' }, ['previous.value', 'previous.change']))).toContain('entries {"ambito":"Desio"} value 2');
    // Wilson, rates × denominators, totals minus groups: 12/13 overall (its interval gives 12 and
    // 13), Monza 7 of 7 and Seregno 5 of 5 positive, Desio 1 exit: Desio's positive exits are
    // 12 − 7 − 5 = 0, a rate of 0 of 1.
    const planted = [
      ...plant('positive_exit_rate', {}, ['value', 'ci95.0', 'ci95.1']),
      ...plant('positive_exit_rate', { ambito: 'Monza' }, ['value']),
      ...plant('positive_exit_rate', { ambito: 'Seregno' }, ['value']),
      ...plant('exits', { ambito: 'Monza' }, ['value']),
      ...plant('exits', { ambito: 'Seregno' }, ['value']),
      ...plant('exits', { ambito: 'Desio' }, ['value']),
    ];
    expect(found(planted)).toEqual(expect.arrayContaining(['positive_exit_rate {} numerator 12', 'positive_exit_rate {"ambito":"Desio"} numerator 0', 'positive_exit_rate {"ambito":"Desio"} value 0']));
  });

  it('puts in chart specs and SVG labels only numbers the tables show', () => {
    const visible = [...knownNumbers(pages.it), ...knownNumbers(pages.en)].map((k) => k.value);
    // Monthly occupancy is charted only when no month is suppressed (here none is).
    expect(months.length).toBe(12);
    expect(months.some((m) => m.suppressed)).toBe(false);
    const series = months.map((m) => m.value!);
    // The progress bars: (value − baseline) ÷ (target − baseline) of the framework values shown.
    const progress = CONFIG.framework.objectives.flatMap((o) =>
      o.indicators.flatMap((fi) => {
        const v = cell(shown, fi.id, (fi as { group?: Record<string, string> }).group ?? {});
        return v && !v.suppressed && v.value !== null ? [progressOf(v.value, fi.baseline, fi.target, fi.direction as 'higher')!] : [];
      }),
    );
    expect(progress).toHaveLength(3); // occupancy, entries, trust: the other framework values are suppressed
    // Constants of the charts: baseline and target rules (0, 1), the factor bands (3, 4) and scale (1–5).
    const allowed = [...visible, ...series, ...progress, 0, 1, 3, 4, 5];
    const ok = (x: number) => allowed.some((a) => Math.abs(a - x) < 1e-9);
    let checked = 0;
    for (const [name, text] of chartFiles) {
      if (!name.endsWith('.json')) continue;
      const spec = JSON.parse(text) as unknown;
      for (const x of inlineNumbers(spec)) {
        checked++;
        expect(ok(x), `${x} in ${name}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(20);
    // Labels drawn on the marks (values beside the bars) are numbers shown, as written.
    for (const [name, svg] of chartFiles) {
      if (!name.endsWith('.svg')) continue;
      const lang = name.slice(0, 2) as Lang;
      for (const label of markLabels(svg)) {
        const x = parseNumber(label, lang);
        if (x === null) continue;
        const written = allowed.flatMap((a) => [formatNumber(a, lang), formatNumber(a, lang, { decimals: 2 }), formatPercent(a, lang, 1)]);
        expect(written.includes(label) || ok(x), `${label} in ${name}`).toBe(true);
      }
    }
  });

  it('has no true value of a suppressed cell anywhere: page, specs, SVG', () => {
    // What each output says: the page's text and data attributes, the SVGs' text, the specs' values
    // (not drawing coordinates such as translate(0,67), which are positions, not numbers told).
    const outputs: [string, string][] = [
      ['cariplo-it.html', said(pages.it)],
      ['cariplo-en.html', said(pages.en)],
      ...[...chartFiles].map(([name, text]): [string, string] => [name, name.endsWith('.json') ? leaves(JSON.parse(text)).join('\n') : said(text)]),
    ];
    // Numbers the page shows, the baselines and targets of the config (written without a source)
    // and the monthly occupancy charted.
    const config = CONFIG.framework.objectives.flatMap((o) => o.indicators.flatMap((fi) => [fi.baseline, fi.target]));
    const series = months.flatMap((m) => (m.value === null ? [] : [m.value]));
    const visible = new Set([...[...knownNumbers(pages.it), ...knownNumbers(pages.en)].map((k) => k.value), ...config, ...series].flatMap((x) => [...writings(x, 'rate'), ...writings(x, 'score'), ...writings(x, 'days')]));
    let searched = 0;
    for (const c of shown.filter((x) => x.suppressed)) {
      const t = cell(truth, c.id, c.group);
      const unit = kinds.get(c.id) === 'proportion' ? 'rate' : (t as unknown as { unit: string }).unit;
      for (const x of [t.value, t.previous?.value ?? null]) {
        // Whole numbers (counts, medians in days) are everywhere on a page (dates, axes): those are
        // covered by the tests above; here every other number, in each way the report could write it.
        if (x === null || Number.isInteger(x)) continue;
        for (const text of writings(x, unit)) {
          if (visible.has(text)) continue; // the same writing as a number shown: a coincidence, not a leak
          searched++;
          // As a whole number: «0.75» is not in 0.7548…, nor «4,0» in 14,05.
          const pattern = new RegExp(`(?<![\\d.,])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\d]|[.,]\\d)`);
          for (const [name, out] of outputs) expect(pattern.test(out), `${c.id} ${JSON.stringify(c.group)} = ${x} written «${text}» in ${name}`).toBe(false);
        }
      }
    }
    expect(searched).toBeGreaterThan(30);
  });

  it('writes with --charts exactly the charts the page shows, each with its PNG', () => {
    for (const lang of ['it', 'en'] as const) {
      const figures = [...pages[lang].matchAll(/<figure class="chart" id="chart-([^"]+)"/g)].map((m) => m[1]).sort();
      // The factor chart is left out here: with every organisation below 5 raters, hiding one factor's
      // score also hides its smallest non-zero neighbour, and no factor is left to draw.
      expect(figures).toEqual(['ambiti-percorsi', 'occupazione-mensile', 'quadro-avanzamento']);
      const files = readdirSync(f.path(`grafici-${lang}`)).sort();
      expect(files).toEqual(figures.flatMap((id) => [`${id}.png`, `${id}.svg`, `${id}.vl.json`]).sort());
    }
  });
});

/**
 * Mismatches beyond the last bits of a double: DuckDB's avg() over doubles sums in an order that
 * varies with its threads, so two runs can differ in the 16th digit (2.6666666666666665 and
 * 2.666666666666667); that is not a different number in any report.
 */
function closeMismatches(problems: string[]): string[] {
  return problems.filter((p) => {
    const m = /report (\S+), JSON (\S+)$/.exec(p);
    const [a, b] = [Number(m?.[1]), Number(m?.[2])];
    return !(m && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));
  });
}

describe('suppress (engine) under the same attacks', () => {
  // Entries by ambito, this period (previous period): A 8 (6), B 6 (8), C 0 (2), D 0 (0); total 14 (16).
  const entries = (group: Record<string, string>, now: number, before: number): IndicatorValue => ({
    id: 'entries', group, value: now, numerator: now, denominator: null, n: now, ci95: null, suppressed: false, label: 'Ingressi', unit: 'paths',
    previous: { value: before, change: now - before }, previousCell: { numerator: before, denominator: null, n: before },
  });
  const values = [entries({}, 14, 16), entries({ ambito: 'A' }, 8, 6), entries({ ambito: 'B' }, 6, 8), entries({ ambito: 'C' }, 0, 2), entries({ ambito: 'D' }, 0, 0)];
  const specs = [{ id: 'entries', kind: 'count' }] as IndicatorSpec[];
  const asCells = (vs: IndicatorValue[]) => vs.map((v) => ({ ...v, previous: v.previous ?? null })) as JsonCell[];

  it('hides C for its previous period (2 entries) and, beside it, the smallest cell that is not 0 (B, 6)', () => {
    // D (0) would be the smallest, but hiding it beside C would give both away: 14 − 8 − 6 = 0.
    const out = suppress(values, 5, specs);
    expect(out.filter((v) => v.suppressed).map((v) => v.group['ambito'])).toEqual(['B', 'C']);
  });

  it('does not let a total give away a family whose hidden cells are all 0', () => {
    const out = suppress(values, 5, specs);
    const known: Known[] = out.filter((v) => !v.suppressed).map((v) => ({ id: v.id, group: v.group, field: 'value', value: v.value! }));
    const leaked = leaks(attack(known, { cells: asCells(out), kinds: new Map([['entries', 'count']]), denominators: {} }), asCells(out), asCells(values));
    expect(leaked).toEqual([]);
  });
});

/** The text of a page or SVG, and the values of its data attributes, one per line. */
function said(markup: string): string {
  const attributes = [...markup.matchAll(/\sdata-[\w-]+="([^"]*)"/g)].map((m) => m[1]);
  const text = markup.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '\n').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
  return [text, ...attributes].join('\n');
}

/** Every string and number of a JSON document. */
function leaves(node: unknown): string[] {
  if (typeof node === 'string' || typeof node === 'number') return [String(node)];
  if (Array.isArray(node)) return node.flatMap(leaves);
  if (node && typeof node === 'object') return Object.values(node).flatMap(leaves);
  return [];
}

/** Every number in the inline data of a spec (`data: { values }` at any depth of the layers). */
function inlineNumbers(spec: unknown): number[] {
  const out: number[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'number') out.push(node);
    else if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'data' && v && typeof v === 'object' && 'values' in v) collect((v as { values: unknown }).values);
        else walk(v);
      }
    }
  };
  walk(spec);
  return out;
}

/** Texts of the text marks of a Vega SVG (data labels, not axes or legends). */
function markLabels(svg: string): string[] {
  const out: string[] = [];
  for (const group of svg.split('<g class="mark-text role-mark').slice(1)) {
    const body = group.slice(0, group.indexOf('</g>'));
    for (const m of body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) out.push(m[1]!.replace(/&nbsp;|\u00a0/g, '\u00a0').trim());
  }
  return out;
}

function parseNumber(text: string, lang: Lang): number | null {
  const plain = lang === 'it' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  const m = /^(-?\d+(?:\.\d+)?)\s*(%?)$/.exec(plain.replace(/\u00a0/g, ' '));
  if (!m) return null;
  return Number(m[1]) / (m[2] ? 100 : 1);
}

/**
 * Ways the report (or a careless chart) could write x precisely enough to identify it: by its
 * unit, as a percentage with one or two decimals, with two or three decimals, raw; each with at
 * least two decimals unless it is a percentage.
 */
function writings(x: number, unit: string): string[] {
  const out = new Set<string>();
  for (const lang of ['it', 'en'] as const) {
    if (unit === 'rate' || unit === 'score' || unit === 'level') out.add(formatValue(x, unit, lang));
    for (const d of [1, 2]) out.add(formatPercent(x, lang, d));
    for (const d of [2, 3]) out.add(formatNumber(x, lang, { decimals: d }));
  }
  out.add(String(x));
  out.add(x.toFixed(4));
  // One decimal alone (2.5, 1,0) is an axis tick of every score chart: too coarse to tell anything.
  return [...out].filter((w) => w.includes('%') || /[.,]\d{2,}/.test(w));
}
