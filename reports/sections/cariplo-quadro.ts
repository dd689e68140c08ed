/**
 * The logical framework of the funder report: the overall goal; for each objective its
 * indicators with baseline, target and horizon (from the config), the value of the period and its
 * interval, the status, the previous value and the change (from the catalogue, suppressed where
 * the engine suppresses), and the evaluator's comments; a chart of the progress of each
 * indicator from baseline to target.
 *
 * A framework entry on a breakdown finer than ambito (a unit, a municipality, an organisation…)
 * is listed without value and without naming its group: the funder report shows none.
 */
import type { FrameworkIndicator } from '../../schemas/config.js';
import { formatDate, formatPercent, NULL_MARK } from '../../src/format/locale.js';
import { formatValue } from '../../src/indicators/present.js';
import type { IndicatorValue } from '../../src/indicators/run.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Html } from '../../src/report/html.js';
import * as progressChart from '../charts/cariplo-progress.js';
import { goalText } from './cariplo-progetto.js';

/** Group keys a funder report may show: nothing finer than ambito, no single organisation. */
export const FUNDER_GROUP_KEYS: ReadonlySet<string> = new Set(['ambito', 'wave', 'factor', 'dimension']);

export function isFinerThanAmbito(group: Record<string, string>): boolean {
  return Object.keys(group).some((k) => !FUNDER_GROUP_KEYS.has(k));
}

/** Every indicator id of the framework that the report shows (for notes shown once). */
export function frameworkIds(ctx: ReportContext): string[] {
  return ctx.data.project.config.framework.objectives.flatMap((o) => o.indicators.filter((fi) => !isFinerThanAmbito(fi.group)).map((fi) => fi.id));
}

function groupText(ctx: ReportContext, group: Record<string, string>): string {
  return Object.entries(group)
    .map(([k, v]) => (k === 'wave' ? ctx.t('cariplo.wave', { wave: v }) : ctx.groupLabel(k, v)))
    .join(', ');
}

function indicatorLabel(ctx: ReportContext, fi: FrameworkIndicator): string {
  const own = ctx.lang === 'it' ? fi.label_it : (fi.label_en ?? fi.label_it);
  const label = own ?? ctx.spec(fi.id)?.label[ctx.lang] ?? fi.id;
  if (isFinerThanAmbito(fi.group)) return label;
  const group = groupText(ctx, fi.group);
  return group ? `${label} (${group})` : label;
}

/** The unit a config number of this indicator is written in (shares as percentages). */
function unitOf(ctx: ReportContext, id: string): string {
  const spec = ctx.spec(id);
  return spec?.kind === 'proportion' ? 'rate' : (spec?.unit ?? '');
}

/** A number from the config (baseline, target): written like the indicator's values, not sourced from the catalogue. */
function configNumber(ctx: ReportContext, id: string, x: number | null): Html {
  return html`<span class="num config">${x === null ? NULL_MARK : formatValue(x, unitOf(ctx, id), ctx.lang)}</span>`;
}

function horizonText(ctx: ReportContext, fi: FrameworkIndicator): string {
  if (!fi.horizon) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(fi.horizon) ? formatDate(fi.horizon, ctx.lang) : fi.horizon;
}

/** The horizon shared by every target of the framework, if there is one (then it is said once, not in a column). */
function commonHorizon(ctx: ReportContext): string | null {
  const horizons = new Set(ctx.data.project.config.framework.objectives.flatMap((o) => o.indicators.map((fi) => horizonText(ctx, fi))));
  return horizons.size === 1 ? [...horizons][0]! || null : null;
}

function row(ctx: ReportContext, fi: FrameworkIndicator, horizonColumn: boolean): Html {
  const { t } = ctx;
  const label = indicatorLabel(ctx, fi);
  if (isFinerThanAmbito(fi.group)) return html`<tr><td>${label}</td><td colspan="${horizonColumn ? 7 : 6}" class="note">${t('cariplo.finer')}</td></tr>`;
  const config = html`<td class="n">${configNumber(ctx, fi.id, fi.baseline)}</td><td class="n">${configNumber(ctx, fi.id, fi.target)}</td>${horizonColumn ? html`<td class="n">${horizonText(ctx, fi)}</td>` : ''}`;
  const v = ctx.v(fi.id, fi.group);
  if (!v) return html`<tr class="missing"><td>${label}</td>${config}<td colspan="4">${t('note.unavailable', { id: fi.id })}</td></tr>`;
  const shown = !v.suppressed;
  const ci = shown && v.ci95 ? html`<br><span class="note">${t('col.ci')} <span class="num">${ctx.interval(v)}</span></span>` : '';
  const status = shown ? ctx.statusText(v) || NULL_MARK : NULL_MARK;
  return html`<tr><td>${label}</td>${config}<td class="n">${ctx.num(v)}${ci}</td><td class="status-${shown ? (v.target?.status ?? 'none') : 'none'}">${status}</td><td class="n">${shown && v.previous ? ctx.num(v, 'previous.value') : ''}</td><td class="n ${shown ? ctx.changeClass(v) : 'neutral'}">${shown && v.previous ? ctx.num(v, 'previous.change') : ''}</td></tr>`;
}

/**
 * (value − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the target. Null when the
 * target does not lie beyond the baseline in the indicator's direction (a ceiling such as "stay
 * under 365 days" from a baseline of 320): there is no way from one to the other to measure.
 */
export function progressOf(value: number, baseline: number, target: number, direction: 'higher' | 'lower'): number | null {
  const beyond = direction === 'higher' ? target > baseline : target < baseline;
  return beyond ? (value - baseline) / (target - baseline) : null;
}

async function progress(ctx: ReportContext): Promise<Html> {
  const { t } = ctx;
  const data: progressChart.ProgressDatum[] = [];
  const omitted: string[] = [];
  for (const o of ctx.data.project.config.framework.objectives) {
    for (const fi of o.indicators) {
      if (isFinerThanAmbito(fi.group)) continue;
      const v: IndicatorValue | undefined = ctx.v(fi.id, fi.group);
      const name = `${o.id} · ${indicatorLabel(ctx, fi)}`;
      const share = v && !v.suppressed && v.value !== null && fi.baseline !== null ? progressOf(v.value, fi.baseline, fi.target, fi.direction) : null;
      if (!v || share === null || v.value === null) {
        omitted.push(name);
        continue;
      }
      data.push({ indicator: name, progress: share, status: ctx.statusText(v) || NULL_MARK, label: ctx.formatField(v, 'value', v.value) });
    }
  }
  const note = omitted.length ? ctx.note(t('chart.progress.omitted', { names: omitted.join('; ') })) : html``;
  if (!data.length) return note;
  const statuses = { reached: t('status.reached'), close: t('status.close'), far: t('status.far') };
  return html`${await ctx.chart('quadro-avanzamento', { kind: 'vega-lite', spec: progressChart.spec(data, statuses, ctx.lang) })}${note}`;
}

export async function quadroSection(ctx: ReportContext): Promise<Section> {
  const { t, lang } = ctx;
  const objectives = ctx.data.project.config.framework.objectives;
  const section = (body: Html): Section => ({ id: 'quadro-logico', title: t('section.quadro-logico'), body });
  const goal = goalText(ctx);
  const goalBlock = goal ? html`<p class="goal"><strong>${t('cariplo.goal')}:</strong> ${goal}</p>` : html``;
  if (!objectives.length) return section(html`${goalBlock}${ctx.note(t('cariplo.framework.none'))}`);
  const close = formatPercent(ctx.data.project.config.thresholds.close_to_target, lang, 0);
  const horizon = commonHorizon(ctx);
  const horizonColumn = horizon === null && objectives.some((o) => o.indicators.some((fi) => fi.horizon));
  const head = html`<thead><tr><th>${t('col.indicator')}</th><th class="n">${t('col.baseline')}</th><th class="n">${t('col.target')}</th>${horizonColumn ? html`<th class="n">${t('col.horizon')}</th>` : ''}<th class="n">${t('col.value')}</th><th>${t('col.status')}</th><th class="n">${t('col.previous')}</th><th class="n">${t('col.change')}</th></tr></thead>`;
  // A note is shown once, under the first objective that names its indicator.
  const noted = new Set<string>();
  const blocks = objectives.map((o) => {
    const ids = o.indicators.filter((fi) => !isFinerThanAmbito(fi.group) && !noted.has(fi.id)).map((fi) => fi.id);
    ids.forEach((id) => noted.add(id));
    return html`<h3 id="obiettivo-${o.id}">${o.id} · ${lang === 'it' ? o.label_it : (o.label_en ?? o.label_it)}</h3>
${o.indicators.length ? html`<table class="framework">${head}<tbody>${o.indicators.map((fi) => row(ctx, fi, horizonColumn))}</tbody></table>` : ''}
${ctx.notesFor([...new Set(ids)])}`;
  });
  return section(html`<p class="lead">${t('cariplo.framework.lead', { close })}</p>
${goalBlock}
${horizon ? html`<p><strong>${t('col.horizon')}:</strong> ${t('cariplo.horizon', { date: horizon })}</p>` : ''}
${await progress(ctx)}
${blocks}`);
}
