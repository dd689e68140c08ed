/** Exits: counts and rates, length of stay (bands and Kaplan–Meier), destinations, score changes per dimension. */
import type { OutcomeClass } from '../../src/charts/theme.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { STAY_BANDS } from '../../src/report/distributions.js';
import { html, type Html } from '../../src/report/html.js';
import type { TextKey } from '../../src/report/i18n.js';
import { loadVocabularies } from '../../src/vocabulary.js';
import * as destinationsChart from '../charts/exit-destinations.js';
import * as kmChart from '../charts/exit-km.js';
import * as lengthChart from '../charts/exit-length.js';
import * as scoreChart from '../charts/score-change.js';

export const EXIT_IDS = ['exits', 'length_of_stay_median', 'length_of_stay_mean', 'length_of_stay_km_median', 'positive_exit_rate', 'negative_exit_rate', 'planned_exit_rate', 'income_change_exit'];

/** The outcome class of a destination code (vocabulary; anything else is ignota). */
export function outcomeOf(code: string): OutcomeClass {
  const entry = loadVocabularies().get('destinazione')?.file.codes.find((c) => c.code === code) as { class?: string } | undefined;
  const c = entry?.class;
  return c === 'positiva' || c === 'neutra' || c === 'negativa' ? c : 'ignota';
}

async function lengthOfStay(ctx: ReportContext): Promise<Html> {
  const bands = ctx.data.stayBands;
  const parts: Html[] = [];
  if (bands && bands.some((b) => b.count !== null && b.count > 0)) {
    const label = (code: string) => code.replace('-', '–').replace('+', ' +');
    parts.push(await ctx.chart('uscite-durata', { kind: 'vega-lite', spec: lengthChart.spec(STAY_BANDS.map((b) => ({ band: label(b.code), paths: bands.find((x) => x.band === b.code)?.count ?? null })), ctx.lang) }));
  } else parts.push(ctx.unavailable(ctx.t('note.noData')));
  const km = ctx.v('length_of_stay_km_median');
  if (!km) parts.push(ctx.unavailable(ctx.t('note.missingIndicator', { id: 'length_of_stay_km_median' })));
  else if (km.suppressed) parts.push(ctx.unavailable(ctx.t('value.suppressed')));
  else if (!ctx.data.km?.length) parts.push(ctx.unavailable(ctx.t('note.noData')));
  else parts.push(await ctx.chart('uscite-km', { kind: 'vega-lite', spec: kmChart.spec(ctx.data.km, km.value, ctx.lang) }, html`${km.label}: ${ctx.num(km)}`));
  return html`${parts}`;
}

async function destinations(ctx: ReportContext): Promise<Html> {
  const { t } = ctx;
  const values = ctx.values.list('exits_by_destination', ['destination']);
  if (!values.length) return ctx.unavailable(t('note.missingIndicator', { id: 'exits_by_destination' }));
  const order: OutcomeClass[] = ['positiva', 'neutra', 'negativa', 'ignota'];
  const sorted = [...values].sort((a, b) => order.indexOf(outcomeOf(a.group['destination']!)) - order.indexOf(outcomeOf(b.group['destination']!)));
  const table = html`<table class="destinations"><caption>${t('uscite.destinations')}</caption><thead><tr><th>${t('col.destination')}</th><th>${t('col.class')}</th><th class="n">${t('col.count')}</th></tr></thead><tbody>${sorted.map(
    (v) => html`<tr><td>${ctx.groupLabel('destination', v.group['destination']!)}</td><td>${t(`class.${outcomeOf(v.group['destination']!)}` as TextKey)}</td><td class="n">${ctx.num(v)}</td></tr>`,
  )}</tbody></table>`;
  const data = sorted.filter((v) => !v.suppressed && (v.value ?? 0) > 0).map((v) => ({ destination: ctx.groupLabel('destination', v.group['destination']!), outcome: outcomeOf(v.group['destination']!), exits: v.value! }));
  const chart = data.length ? await ctx.chart('uscite-destinazioni', { kind: 'vega-lite', spec: destinationsChart.spec(data, ctx.lang) }) : ctx.unavailable(t('note.noData'));
  return html`${chart}${table}`;
}

/** Per-dimension score change table (score_change_exit or score_change_followup). */
export function scoreTable(ctx: ReportContext, id: string): Html {
  const { t } = ctx;
  const order = ctx.data.project.instrument.dimensions.map((d) => d.code);
  const rank = (code: string) => (order.indexOf(code) < 0 ? order.length : order.indexOf(code));
  const values = ctx.values.list(id, ['dimension']).sort((a, b) => rank(a.group['dimension']!) - rank(b.group['dimension']!));
  if (!values.length) return ctx.unavailable(t('note.missingIndicator', { id }));
  const detail = !ctx.suppressing;
  return html`<table class="scores"><caption>${values[0]!.label}</caption><thead><tr><th>${t('col.dimension')}</th><th class="n">${t('col.mean')}</th><th class="n">${t('col.n')}</th>${detail ? html`<th class="n">${t('col.median')}</th><th class="n">${t('col.improved')}</th><th class="n">${t('col.worsened')}</th><th class="n">${t('col.pValue')}</th><th class="n">${t('col.effect')}</th><th class="n">${t('col.missing')}</th>` : ''}</tr></thead><tbody>${values.map(
    (v) => html`<tr><td>${ctx.groupLabel('dimension', v.group['dimension']!)}</td><td class="n">${ctx.num(v)}</td><td class="n">${ctx.num(v, 'n')}</td>${detail ? html`<td class="n">${ctx.num(v, 'detail.median', { format: (x) => ctx.formatField(v, 'value', x) })}</td><td class="n">${ctx.pct(v, 'detail.improved')}</td><td class="n">${ctx.pct(v, 'detail.worsened')}</td><td class="n">${ctx.pValue(v)}</td><td class="n">${ctx.num(v, 'detail.effect_r', { format: (x) => ctx.formatField(v, 'value', x) })}</td><td class="n">${ctx.num(v, 'detail.missing', { format: (x) => ctx.formatField(v, 'n', x) })}</td>` : ''}</tr>`,
  )}</tbody></table>${detail ? '' : ctx.note(t('note.detailSuppressed'))}`;
}

/** The score-change chart: exit − entry and follow-up − exit, per dimension. */
export async function scoreChangeChart(ctx: ReportContext): Promise<Html> {
  const { t } = ctx;
  const dimensions = ctx.data.project.instrument.dimensions.map((d) => ctx.groupLabel('dimension', d.code));
  const data: scoreChart.ScoreChangeDatum[] = [];
  for (const [id, phase] of [['score_change_exit', t('chart.scores.exit')], ['score_change_followup', t('chart.scores.followup')]] as const) {
    for (const v of ctx.values.list(id, ['dimension'])) {
      if (!v.suppressed && v.value !== null) data.push({ dimension: ctx.groupLabel('dimension', v.group['dimension']!), phase, change: v.value });
    }
  }
  if (!data.length) return ctx.unavailable(t('note.noData'));
  return ctx.chart('uscite-punteggi', { kind: 'vega-lite', spec: scoreChart.spec(data, dimensions, ctx.lang) });
}

/** The table by ambito. */
export const EXIT_BY_AMBITO = ['exits', 'positive_exit_rate', 'length_of_stay_median'];

export async function usciteSection(ctx: ReportContext): Promise<Section> {
  const { t } = ctx;
  return {
    id: 'uscite',
    title: t('section.uscite'),
    body: html`<p class="lead">${t('uscite.lead')}</p>
${ctx.indicatorTable(EXIT_IDS)}
${ctx.breakdownTable(EXIT_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${await lengthOfStay(ctx)}
${await destinations(ctx)}
<h3>${t('uscite.scores')}</h3>
${await scoreChangeChart(ctx)}
${scoreTable(ctx, 'score_change_exit')}
${ctx.notesFor([...EXIT_IDS, 'exits_by_destination', 'score_change_exit'])}`,
  };
}
