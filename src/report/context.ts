/**
 * What a template works with: the data gathered for the report (catalogue values, series,
 * distributions, network, checks, provenance) and the building blocks every template shares —
 * numbers that carry their source (`data-id`, `data-group`, `data-field`, `data-value`, so a
 * test can compare each with `mev indicators --format json`), headline cards, indicator tables,
 * charts, notes and "not available" notes. Every text from data is escaped by `html`.
 */
import type { CheckReport } from '../check/index.js';
import type { Project } from '../config.js';
import type { Lang } from '../format/locale.js';
import { formatNumber, formatPercent, NULL_MARK } from '../format/locale.js';
import type { CatalogueResult } from '../indicators/index.js';
import { formatChange, formatValue } from '../indicators/present.js';
import type { IndicatorValue } from '../indicators/run.js';
import type { IndicatorSpec } from '../indicators/spec.js';
import type { ResolvedPeriod } from '../periods.js';
import type { SurvivalStep } from '../stats/index.js';
import { loadVocabularies, NOT_STATED, UNCLASSIFIED } from '../vocabulary.js';
import { ChartSet, inlineSvg, type ChartSpec } from './charts.js';
import type { BandCount } from './distributions.js';
import { attrs, html, raw, type Html, type Part } from './html.js';
import { hasText, translator, type TextKey, type Translate } from './i18n.js';
import type { NetworkMap } from './network.js';
import { markdownToHtml } from './notes.js';
import type { Provenance } from './provenance.js';
import type { SeriesPoint } from './series.js';
import type { UnitTimeline } from './units.js';
import { fieldOf, ValueIndex, type Breakdown, type Group } from './values.js';

/** Everything gathered from the database for one report (see buildReport for what is gathered when). */
export interface ReportData {
  template: string;
  lang: Lang;
  project: Project;
  period: ResolvedPeriod;
  asOf: string;
  /** --suppress N (undefined or ≤ 1: off). */
  suppress: number | undefined;
  catalogue: CatalogueResult;
  /** The breakdown computed for some indicators only (the template's needs.byIds), or undefined: every indicator. */
  breakdown?: Breakdown;
  /** Every indicator file (for the appendix and kinds). */
  specs: IndicatorSpec[];
  /** Indicator values per month (quarter, year) of the period, when the template asks for them. */
  series: SeriesPoint[] | null;
  km: SurvivalStep[] | null;
  stayBands: BandCount[] | null;
  units: UnitTimeline | null;
  /** Waves of the survey, oldest first. */
  waves: string[];
  /** Map of the latest wave (null when not gathered, or with suppression on). */
  networkMap: NetworkMap | null;
  /** Organisation code → name (enti.nome). */
  organisations: Map<string, string>;
  /** `mev check` findings, computed while the charts render: await them (null when not asked for). */
  checks: Promise<CheckOutcome>;
  provenance: Provenance;
  notes: Map<string, string>;
}

/** What the checks gave: their report, the error that stopped them, or null when the template did not ask. */
export type CheckOutcome = CheckReport | { error: string } | null;

/** A section of the page: its id is the anchor (and what the CI smoke test looks for). */
export interface Section {
  id: string;
  title: string;
  body: Html;
}

export type NumberField = 'value' | 'previous.value' | 'previous.change' | 'target.value' | 'ci95.0' | 'ci95.1' | 'n' | 'numerator' | 'denominator' | `detail.${string}`;

export interface NumberOptions {
  /** How to write the number (default: by field and unit, with the one locale formatter). */
  format?: (x: number) => string;
  /** Marks a headline number (`data-headline`, looked for by the CI smoke test). */
  headline?: boolean;
}

export class ReportContext {
  readonly t: Translate;
  readonly values: ValueIndex;
  readonly charts: ChartSet;
  private readonly kinds: Map<string, IndicatorSpec>;

  constructor(readonly data: ReportData) {
    this.t = translator(data.lang);
    this.values = new ValueIndex(data.catalogue.values, data.breakdown);
    this.charts = new ChartSet(data.lang);
    this.kinds = new Map(data.specs.map((s) => [s.id, s]));
  }

  get lang(): Lang {
    return this.data.lang;
  }

  get suppressing(): boolean {
    return (this.data.suppress ?? 0) > 1;
  }

  spec(id: string): IndicatorSpec | undefined {
    return this.kinds.get(id);
  }

  v(id: string, group: Group = {}): IndicatorValue | undefined {
    return this.values.get(id, group);
  }

  /** Unit used to write a value: proportions are shares whatever they count. */
  displayUnit(v: IndicatorValue): string {
    return this.spec(v.id)?.kind === 'proportion' ? 'rate' : v.unit;
  }

  /** Default writing of a field of a value. */
  formatField(v: IndicatorValue, field: NumberField, x: number): string {
    const unit = this.displayUnit(v);
    switch (field) {
      case 'previous.change':
        return formatChange(x, unit, this.lang);
      case 'n':
      case 'numerator':
      case 'denominator':
        return formatNumber(x, this.lang);
      default:
        return formatValue(x, unit, this.lang);
    }
  }

  /** A text of the table with markup in its placeholders: the text is escaped, the parts inserted as they are. */
  fill(key: TextKey, vars: Record<string, Part>): Html {
    const escaped = html`${this.t(key)}`.text;
    return raw(escaped.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? html`${vars[name]}`.text : whole)));
  }

  /**
   * One number of the catalogue, with its source in data attributes. A missing indicator reads
   * "not available"; a suppressed value reads "suppressed" (data-value="null").
   */
  num(v: IndicatorValue | undefined, field: NumberField = 'value', options: NumberOptions = {}): Html {
    if (!v) return html`<span class="na">${this.t('value.unavailable')}</span>`;
    // The target comes from the config, not from the data: it is shown even beside a suppressed value.
    const hidden = v.suppressed && field !== 'target.value';
    const x = hidden ? null : fieldOf(v, field);
    const value = typeof x === 'number' && Number.isFinite(x) ? x : null;
    const text = hidden ? this.t('value.suppressed') : value === null ? NULL_MARK : options.format ? options.format(value) : this.formatField(v, field, value);
    const a = attrs({
      class: hidden ? 'num suppressed' : 'num',
      'data-id': v.id,
      'data-group': JSON.stringify(v.group),
      'data-field': field,
      'data-value': value === null ? 'null' : String(value),
      'data-headline': options.headline ? (value === null ? 'null' : String(value)) : undefined,
    });
    return html`<span${a}>${text}</span>`;
  }

  /** A share (fraction) field written as a percentage, e.g. detail.improved. */
  pct(v: IndicatorValue | undefined, field: NumberField): Html {
    return this.num(v, field, { format: (x) => formatPercent(x, this.lang, 1) });
  }

  /** A p-value: three decimals, or "< 0,001". */
  pValue(v: IndicatorValue | undefined, field: NumberField = 'detail.p_value'): Html {
    return this.num(v, field, { format: (x) => (x < 0.001 ? `< ${formatNumber(0.001, this.lang, { decimals: 3 })}` : formatNumber(x, this.lang, { decimals: 3 })) });
  }

  /** The interval of a proportion, as two sourced numbers. */
  interval(v: IndicatorValue | undefined): Html {
    if (!v?.ci95 || v.suppressed) return html``;
    return html`${this.num(v, 'ci95.0')} – ${this.num(v, 'ci95.1')}`;
  }

  statusText(v: IndicatorValue): string {
    const s = v.target?.status;
    return s ? this.t(`status.${s}` as TextKey) : '';
  }

  /** Direction of a change for colouring: good, bad or neutral, by the indicator's `better`. */
  changeClass(v: IndicatorValue): string {
    const change = v.previous?.change;
    const better = this.spec(v.id)?.better ?? 'none';
    if (change === null || change === undefined || change === 0 || better === 'none') return 'neutral';
    return (change > 0) === (better === 'higher') ? 'good' : 'bad';
  }

  /** A headline card: value, change vs the previous period, target and status, interval. */
  card(id: string, group: Group = {}): Html {
    const v = this.v(id, group);
    if (!v) {
      return html`<div class="card missing" data-indicator="${id}"><div class="card-label">${id}</div><div class="card-value"><span class="num" data-headline="null">${this.t('value.unavailable')}</span></div><div class="card-note">${this.t('note.unavailable', { id })}</div></div>`;
    }
    const change = v.previous && !v.suppressed
      ? html`<div class="card-change ${this.changeClass(v)}">${this.fill('change.vsPrevious', { change: this.num(v, 'previous.change'), previous: this.num(v, 'previous.value') })}</div>`
      : '';
    const target = v.target
      ? html`<div class="card-target status-${v.target.status ?? 'none'}">${this.fill('card.target', { target: this.num(v, 'target.value'), status: this.statusText(v) || NULL_MARK })}</div>`
      : '';
    const ci = v.ci95 && !v.suppressed ? html`<div class="card-ci">${this.fill('card.ci', { ci: this.interval(v) })}</div>` : '';
    return html`<div class="card" data-indicator="${id}"><div class="card-label">${v.label}</div><div class="card-value">${this.num(v, 'value', { headline: true })}</div>${change}${target}${ci}</div>`;
  }

  /** Overall values of indicators: value, interval, previous, change, target, status. */
  indicatorTable(ids: readonly string[], caption?: string): Html {
    const t = this.t;
    const rows = ids.map((id) => {
      const v = this.v(id);
      if (!v) return html`<tr class="missing"><th scope="row">${id}</th><td colspan="6">${t('note.unavailable', { id })}</td></tr>`;
      return html`<tr><th scope="row">${v.label}</th><td class="n">${this.num(v)}</td><td class="n">${this.interval(v)}</td><td class="n">${v.previous ? this.num(v, 'previous.value') : ''}</td><td class="n ${this.changeClass(v)}">${v.previous ? this.num(v, 'previous.change') : ''}</td><td class="n">${v.target ? this.num(v, 'target.value') : ''}</td><td class="status-${v.target?.status ?? 'none'}">${this.statusText(v)}</td></tr>`;
    });
    return html`<table class="indicators">${caption ? html`<caption>${caption}</caption>` : ''}<thead><tr><th>${t('col.indicator')}</th><th class="n">${t('col.value')}</th><th class="n">${t('col.ci')}</th><th class="n">${t('col.previous')}</th><th class="n">${t('col.change')}</th><th class="n">${t('col.target')}</th><th>${t('col.status')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  /** Values of indicators by the groups of one breakdown field (columns), with the overall value. */
  breakdownTable(ids: readonly string[], field: string, caption?: string): Html {
    const groups = [...new Set(ids.flatMap((id) => this.values.list(id, [field]).map((v) => v.group[field]!)))];
    if (!groups.length) return html``;
    const rows = ids.map((id) => {
      const overall = this.v(id);
      if (!overall) return html`<tr class="missing"><th scope="row">${id}</th><td colspan="${groups.length + 1}">${this.t('note.unavailable', { id })}</td></tr>`;
      // A group the indicator does not list (e.g. requests without an ambito for a count of units) reads as a dash.
      const cell = (g: string) => {
        const v = this.v(id, { [field]: g });
        return v ? this.num(v) : NULL_MARK;
      };
      return html`<tr><th scope="row">${overall.label}</th>${groups.map((g) => html`<td class="n">${cell(g)}</td>`)}<td class="n total">${this.num(overall)}</td></tr>`;
    });
    return html`<table class="breakdown">${caption ? html`<caption>${caption}</caption>` : ''}<thead><tr><th></th>${groups.map((g) => html`<th class="n">${this.groupLabel(field, g)}</th>`)}<th class="n">${this.t('col.total')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  /** Renders a chart and returns its figure; an error in a chart spec is a bug and propagates. */
  async chart(id: string, chart: ChartSpec, caption?: Part): Promise<Html> {
    const rendered = await this.charts.render(id, chart);
    return html`<figure class="chart" id="chart-${id}" data-chart="${id}">${raw(inlineSvg(rendered.svg))}${caption ? html`<figcaption>${caption}</figcaption>` : ''}</figure>`;
  }

  /** A visible note where a chart or a table cannot be shown. */
  unavailable(reason: string): Html {
    return html`<p class="unavailable">${this.t('note.chartUnavailable', { reason })}</p>`;
  }

  note(text: Part): Html {
    return html`<p class="note">${text}</p>`;
  }

  /** The evaluator's comments on these indicators (notes file), if any. */
  notesFor(ids: readonly string[]): Html {
    const found = ids.filter((id) => this.data.notes.has(id));
    if (!found.length) return html``;
    return html`<aside class="notes"><h3>${this.t('sintesi.notes')}</h3>${found.map((id) => html`<div class="note-item" data-note="${id}"><h4>${this.spec(id)?.label[this.lang] ?? id}</h4>${markdownToHtml(this.data.notes.get(id)!)}</div>`)}</aside>`;
  }

  /** A label for a group value: vocabularies, instrument dimensions, factors, organisations; codes as they are otherwise. */
  groupLabel(field: string, code: string): string {
    const lang = this.lang;
    if (code === NOT_STATED || code === UNCLASSIFIED) return this.t(`group.${code}` as TextKey);
    const vocabName = field === 'destination' ? 'destinazione' : field;
    const entry = loadVocabularies().get(vocabName)?.file.codes.find((c) => c.code === code);
    if (entry) return lang === 'it' ? entry.label_it : entry.label_en;
    if (field === 'dimension') {
      const d = this.data.project.instrument.dimensions.find((x) => x.code === code);
      if (d) return lang === 'it' ? d.label_it : d.label_en;
    }
    if (field === 'factor') {
      const f = this.data.project.factors.factors.find((x) => x.code === code);
      if (f) return lang === 'it' ? f.label_it : f.label_en;
    }
    if (field === 'org') return this.data.organisations.get(code) ?? code;
    if (field === 'level' && hasText(`level.${code}`)) return this.t(`level.${code}` as TextKey);
    if (field === 'age_band') return code.replace('-', '–');
    return code;
  }
}
