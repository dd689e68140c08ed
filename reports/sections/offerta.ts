/** Housing offer: places and occupancy (tables, by ambito, over time), the occupancy of each unit, demand vs offer. */
import { formatNumber } from '../../src/format/locale.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Html } from '../../src/report/html.js';
import * as demandChart from '../charts/offer-demand.js';
import * as occupancyChart from '../charts/offer-occupancy.js';
import * as placesChart from '../charts/offer-places.js';
import * as ganttChart from '../charts/unit-gantt.js';
import * as bandsChart from '../charts/unit-bands.js';
import * as heatmapChart from '../charts/unit-heatmap.js';
import { readSeries } from './series.js';

export const OFFER_IDS = ['places_available_avg', 'places_at_end', 'place_nights_available', 'place_nights_occupied', 'occupancy_rate', 'turnover_per_place', 'vacancy_gap_days_median'];
export const DEMAND_IDS = ['requests_received', 'requests_accepted', 'request_acceptance_rate', 'requests_waiting_at_end', 'request_wait_days_median', 'demand_per_place'];
/** What the charts over time read, by month: overall, and by ambito for the first two. */
export const OFFER_SERIES_IDS = ['places_available_avg', 'occupancy_rate', 'requests_received', 'requests_accepted'];
export const OFFER_SERIES_BY_AMBITO = ['places_available_avg', 'occupancy_rate'];

function hiddenNote(ctx: ReportContext, hidden: string[]): Html {
  return hidden.length ? ctx.note(ctx.t('note.seriesSuppressed', { names: hidden.map((g) => g || ctx.t('total')).join(', ') })) : html``;
}

async function placesOverTime(ctx: ReportContext): Promise<Html> {
  const places = readSeries(ctx, 'places_available_avg', 'ambito');
  if (!places) return ctx.unavailable(ctx.t('note.missingIndicator', { id: 'places_available_avg' }));
  if (!places.values.length) return ctx.unavailable(ctx.t('note.noData'));
  const data = places.values.map((v) => ({ month: v.month, ambito: ctx.groupLabel('ambito', v.group), places: v.value }));
  return html`${await ctx.chart('offerta-posti', { kind: 'vega-lite', spec: placesChart.spec(data, ctx.lang) })}${hiddenNote(ctx, places.hidden)}`;
}

async function occupancyOverTime(ctx: ReportContext): Promise<Html> {
  const byAmbito = readSeries(ctx, 'occupancy_rate', 'ambito');
  const overall = readSeries(ctx, 'occupancy_rate');
  if (!byAmbito || !overall) return ctx.unavailable(ctx.t('note.missingIndicator', { id: 'occupancy_rate' }));
  const total = ctx.t('col.total');
  const data = [
    ...byAmbito.values.map((v) => ({ month: v.month, group: ctx.groupLabel('ambito', v.group), rate: v.value })),
    ...overall.values.map((v) => ({ month: v.month, group: total, rate: v.value })),
  ];
  if (!data.length) return ctx.unavailable(ctx.t('note.noData'));
  return ctx.chart('offerta-occupazione', { kind: 'vega-lite', spec: occupancyChart.spec(data, total, ctx.lang) });
}

async function unitsChart(ctx: ReportContext): Promise<Html> {
  const units = ctx.data.units;
  if (!units || (units.kind === 'none' && units.units === 0)) return ctx.unavailable(ctx.t('note.noData'));
  if (units.kind === 'none') return ctx.note(ctx.t('offerta.tooManyUnits', { units: formatNumber(units.units, ctx.lang) }));
  if (units.kind === 'gantt') return ctx.chart('offerta-alloggi', { kind: 'vega-lite', spec: ganttChart.spec(units, ctx.lang) });
  if (units.kind === 'heatmap') return ctx.chart('offerta-alloggi', { kind: 'vega-lite', spec: heatmapChart.spec(units.cells, ctx.lang) });
  return ctx.chart('offerta-alloggi', { kind: 'vega-lite', spec: bandsChart.spec(units.cells, units.units, ctx.lang) });
}

async function demandVsOffer(ctx: ReportContext): Promise<Html> {
  const received = readSeries(ctx, 'requests_received');
  const accepted = readSeries(ctx, 'requests_accepted');
  const places = readSeries(ctx, 'places_available_avg');
  if (!received || !accepted || !places) return ctx.unavailable(ctx.t('note.missingIndicator', { id: !received ? 'requests_received' : !accepted ? 'requests_accepted' : 'places_available_avg' }));
  const receivedLabel = ctx.v('requests_received')?.label ?? 'requests_received';
  const acceptedLabel = ctx.v('requests_accepted')?.label ?? 'requests_accepted';
  const requests = [
    ...received.values.map((v) => ({ month: v.month, series: receivedLabel, requests: v.value })),
    ...accepted.values.map((v) => ({ month: v.month, series: acceptedLabel, requests: v.value })),
  ];
  if (!requests.length && !places.values.length) return ctx.unavailable(ctx.t('note.noData'));
  const hidden = [...received.hidden.map(() => receivedLabel), ...accepted.hidden.map(() => acceptedLabel)];
  const chart = await ctx.chart('offerta-domanda', { kind: 'vega-lite', spec: demandChart.spec(requests, places.values.map((v) => ({ month: v.month, places: v.value })), ctx.lang) });
  return html`${chart}${hidden.length ? ctx.note(ctx.t('note.seriesSuppressed', { names: hidden.join(', ') })) : ''}`;
}

/** The tables by ambito: offer, then demand. */
export const OFFER_BY_AMBITO = ['places_available_avg', 'places_at_end', 'occupancy_rate', 'turnover_per_place'];
export const DEMAND_BY_AMBITO = ['requests_received', 'requests_accepted', 'demand_per_place'];

export async function offertaSection(ctx: ReportContext): Promise<Section> {
  const { t } = ctx;
  return {
    id: 'offerta',
    title: t('section.offerta'),
    body: html`<p class="lead">${t('offerta.lead')}</p>
${ctx.indicatorTable(OFFER_IDS)}
${ctx.breakdownTable(OFFER_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${await placesOverTime(ctx)}
${await occupancyOverTime(ctx)}
${await unitsChart(ctx)}
${ctx.indicatorTable(DEMAND_IDS)}
${ctx.breakdownTable(DEMAND_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${await demandVsOffer(ctx)}
${ctx.notesFor([...OFFER_IDS, ...DEMAND_IDS])}`,
  };
}
