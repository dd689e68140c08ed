/**
 * The short summaries of the funder report: offer, stays (people, entries, exits), follow-up and
 * network. Values for the whole network and, for counts and occupancy, by ambito; nothing finer.
 *
 * What is deliberately left out, because it could give a suppressed number away or is finer than
 * ambito: rates by ambito (a rate times a count shown is a count), people in care at the end and
 * follow-ups pending (each a difference of two values shown: served − in care ≈ exits, due −
 * pending = assessable), destinations by code (a hidden destination is the positive exits minus
 * the other positive destinations), units, municipalities, referrers, every value per
 * organisation, the network map, and monthly series with a suppressed month.
 */
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Html } from '../../src/report/html.js';
import type { SeriesPoint } from '../../src/report/series.js';
import * as ambitiChart from '../charts/cariplo-ambiti.js';
import * as factorsChart from '../charts/network-factors.js';
import * as occupancyChart from '../charts/offer-occupancy.js';
import { frameworkIds } from './cariplo-quadro.js';

export const CARIPLO_OFFER_IDS = ['places_available_avg', 'places_at_end', 'occupancy_rate', 'requests_received', 'request_acceptance_rate', 'request_wait_days_median'];
export const CARIPLO_OFFER_BY_AMBITO = ['places_at_end', 'occupancy_rate', 'requests_received'];
export const CARIPLO_PATH_IDS = ['persons_served', 'children_served', 'entries', 'exits', 'length_of_stay_median', 'positive_exit_rate', 'negative_exit_rate', 'planned_exit_rate'];
export const CARIPLO_PATH_BY_AMBITO = ['persons_served', 'entries', 'exits'];
export const CARIPLO_FOLLOWUP_IDS = ['followup_due', 'followup_completion_rate', 'housing_sustained_6m'];
export const CARIPLO_FOLLOWUP_BY_AMBITO = ['followup_due'];
export const CARIPLO_NETWORK_IDS = ['survey_response_rate', 'network_density', 'trust_score', 'value_score', 'collaboration_level_mean'];
/** The one series the funder report charts over the months of the period (overall only). */
export const CARIPLO_SERIES_IDS = ['occupancy_rate'];

/** The evaluator's comments on these ids, except those already shown under the logical framework. */
function otherNotes(ctx: ReportContext, ids: readonly string[]): Html {
  const shown = new Set(frameworkIds(ctx));
  return ctx.notesFor(ids.filter((id) => !shown.has(id)));
}

/**
 * Monthly occupancy of the whole network, or 'suppressed' when any month is: the months and the
 * period's value (shown) would give a hidden month away, so the series is left out whole.
 */
export function occupancyMonths(points: readonly SeriesPoint[]): { month: string; rate: number }[] | 'suppressed' {
  const months = points.flatMap((p) => p.values.filter((v) => v.id === 'occupancy_rate' && Object.keys(v.group).length === 0).map((v) => ({ month: p.period.from, v })));
  if (months.some((m) => m.v.suppressed)) return 'suppressed';
  return months.flatMap((m) => (m.v.value === null ? [] : [{ month: m.month, rate: m.v.value }]));
}

async function monthlyOccupancy(ctx: ReportContext): Promise<Html> {
  if (!ctx.data.series || !ctx.spec('occupancy_rate')) return html``;
  const months = occupancyMonths(ctx.data.series);
  if (months === 'suppressed') return ctx.note(ctx.t('cariplo.occupancyOmitted'));
  if (!months.length) return html``;
  const total = ctx.t('col.total');
  return ctx.chart('occupazione-mensile', { kind: 'vega-lite', spec: occupancyChart.spec(months.map((m) => ({ ...m, group: total })), total, ctx.lang) });
}

export async function offertaCariplo(ctx: ReportContext): Promise<Section> {
  const { t } = ctx;
  return {
    id: 'offerta',
    title: t('section.offerta'),
    body: html`<p class="lead">${t('cariplo.offerta.lead')}</p>
${ctx.indicatorTable(CARIPLO_OFFER_IDS)}
${ctx.breakdownTable(CARIPLO_OFFER_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${await monthlyOccupancy(ctx)}
${otherNotes(ctx, CARIPLO_OFFER_IDS)}`,
  };
}

/** People served, entries and exits by ambito: only the cells the table shows. */
async function byAmbitoChart(ctx: ReportContext): Promise<Html> {
  const ambiti: string[] = [];
  const measures: string[] = [];
  const data: ambitiChart.AmbitoDatum[] = [];
  let hidden = false;
  for (const id of CARIPLO_PATH_BY_AMBITO) {
    const values = ctx.values.list(id, ['ambito']);
    if (!values.length) continue;
    const measure = values[0]!.label;
    measures.push(measure);
    for (const v of values) {
      const ambito = ctx.groupLabel('ambito', v.group['ambito']!);
      if (!ambiti.includes(ambito)) ambiti.push(ambito);
      if (v.suppressed || v.value === null) hidden = true;
      else data.push({ ambito, measure, count: v.value });
    }
  }
  if (!data.some((d) => d.count > 0)) return html``;
  const chart = await ctx.chart('ambiti-percorsi', { kind: 'vega-lite', spec: ambitiChart.spec(data, ambiti, measures, ctx.lang) }, hidden ? ctx.t('chart.ambiti.suppressed') : undefined);
  return chart;
}

export async function percorsiCariplo(ctx: ReportContext): Promise<Section> {
  const { t } = ctx;
  return {
    id: 'percorsi',
    title: t('section.percorsi'),
    body: html`<p class="lead">${t('cariplo.percorsi.lead')}</p>
${ctx.indicatorTable(CARIPLO_PATH_IDS)}
${ctx.breakdownTable(CARIPLO_PATH_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${await byAmbitoChart(ctx)}
${otherNotes(ctx, CARIPLO_PATH_IDS)}`,
  };
}

export function followUpCariplo(ctx: ReportContext): Section {
  const { t, data } = ctx;
  const fu = data.project.config.follow_up;
  return {
    id: 'follow-up',
    title: t('section.follow-up'),
    body: html`<p class="lead">${t('follow-up.lead', { months: fu.months, window: fu.window_days })}</p>
${ctx.indicatorTable(CARIPLO_FOLLOWUP_IDS)}
${ctx.breakdownTable(CARIPLO_FOLLOWUP_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${otherNotes(ctx, CARIPLO_FOLLOWUP_IDS)}`,
  };
}

/** Network indicators per wave (columns) with the change between the last two waves. */
function wavesTable(ctx: ReportContext, waves: string[]): Html {
  const { t } = ctx;
  const last = waves[waves.length - 1]!;
  const rows = CARIPLO_NETWORK_IDS.filter((id) => ctx.values.has(id)).map((id) => {
    const latest = ctx.v(id, { wave: last });
    const label = ctx.values.list(id, ['wave'])[0]?.label ?? id;
    const change = latest && !latest.suppressed && latest.previous ? ctx.num(latest, 'previous.change') : '';
    return html`<tr><th scope="row">${label}</th>${waves.map((w) => html`<td class="n">${ctx.num(ctx.v(id, { wave: w }))}</td>`)}<td class="n ${latest && !latest.suppressed ? ctx.changeClass(latest) : 'neutral'}">${change}</td></tr>`;
  });
  return html`<table class="waves"><caption>${t('rete.waves')}</caption><thead><tr><th></th>${waves.map((w) => html`<th class="n">${t('col.wave', { wave: w })}</th>`)}<th class="n">${t('col.change')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Collaboration-factor scores per wave (a mean over respondents: suppressed below N respondents). */
async function factors(ctx: ReportContext, waves: string[]): Promise<Html> {
  const { t, data } = ctx;
  if (!ctx.values.has('collaboration_factor_score')) return html``;
  const cfg = data.project.factors;
  const bandLabels: [string, string, string] = [t('band.strength'), t('band.borderline'), t('band.concern')];
  const bandOf = (x: number) => (x >= cfg.bands.strength - 1e-9 ? bandLabels[0] : x >= cfg.bands.borderline - 1e-9 ? bandLabels[1] : bandLabels[2]);
  const values: factorsChart.FactorDatum[] = [];
  const rows = cfg.factors.map((f) => {
    const label = ctx.groupLabel('factor', f.code);
    const cells = waves.map((wave) => ctx.v('collaboration_factor_score', { wave, factor: f.code }));
    cells.forEach((v, i) => {
      if (v && !v.suppressed && v.value !== null) values.push({ factor: label, wave: waves[i]!, score: v.value, band: bandOf(v.value) });
    });
    return html`<tr><td>${label}</td>${cells.map((v) => html`<td class="n">${ctx.num(v)}${v && !v.suppressed && v.value !== null ? html` <span class="note">${bandOf(v.value)}</span>` : ''}</td>`)}</tr>`;
  });
  const caption = ctx.values.list('collaboration_factor_score', ['wave', 'factor'])[0]?.label ?? '';
  const table = html`<table class="factors"><caption>${caption}</caption><thead><tr><th></th>${waves.map((w) => html`<th class="n">${t('col.wave', { wave: w })}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
  const chart = values.length
    ? await ctx.chart('rete-fattori', { kind: 'vega-lite', spec: factorsChart.spec(values, cfg.factors.map((f) => ctx.groupLabel('factor', f.code)), { strength: cfg.bands.strength, borderline: cfg.bands.borderline, labels: bandLabels }, cfg.scale, ctx.lang) })
    : html``;
  return html`${chart}${table}`;
}

export async function reteCariplo(ctx: ReportContext): Promise<Section> {
  const { t, data } = ctx;
  const waves = data.waves;
  const body = waves.length
    ? html`<p class="lead">${t('cariplo.rete.lead')}</p>
${wavesTable(ctx, waves)}
${await factors(ctx, waves)}
${otherNotes(ctx, [...CARIPLO_NETWORK_IDS, 'collaboration_factor_score'])}`
    : html`<p class="lead">${t('cariplo.rete.lead')}</p>${ctx.note(t('rete.noWaves'))}`;
  return { id: 'rete', title: t('section.rete'), body };
}
