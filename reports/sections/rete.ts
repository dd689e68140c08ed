/**
 * Network: indicators per wave and their change, the map of the latest wave, trust and value per
 * organisation, collaboration levels and factor scores. Network values are per survey wave,
 * whatever the period.
 */
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Html } from '../../src/report/html.js';
import type { TextKey } from '../../src/report/i18n.js';
import * as factorsChart from '../charts/network-factors.js';
import * as levelsChart from '../charts/network-levels.js';
import * as mapChart from '../charts/network-map.js';
import * as trustChart from '../charts/network-trust.js';
import * as wavesChart from '../charts/network-waves.js';

export const NETWORK_IDS = ['survey_response_rate', 'network_density', 'network_reciprocity', 'degree_centralization', 'network_components', 'collaboration_level_mean', 'trust_score', 'value_score'];
/** Network indicators that are shares, charted together across waves. */
const SHARE_IDS = ['survey_response_rate', 'network_density', 'network_reciprocity'];
/** Organisations charted for trust and value: those with most ratings received. */
export const TRUST_MAX_ORGS = 40;

function wavesTable(ctx: ReportContext, waves: string[]): Html {
  const { t } = ctx;
  const last = waves[waves.length - 1]!;
  const rows = NETWORK_IDS.map((id) => {
    const latest = ctx.v(id, { wave: last });
    if (!ctx.values.has(id)) return html`<tr class="missing"><th scope="row">${id}</th><td colspan="${waves.length + 1}">${t('note.unavailable', { id })}</td></tr>`;
    const label = ctx.values.list(id, ['wave'])[0]?.label ?? id;
    return html`<tr><th scope="row">${label}</th>${waves.map((w) => html`<td class="n">${ctx.num(ctx.v(id, { wave: w }))}</td>`)}<td class="n ${latest ? ctx.changeClass(latest) : ''}">${latest?.previous ? ctx.num(latest, 'previous.change') : ''}</td></tr>`;
  });
  return html`<table class="waves"><caption>${t('rete.waves')}</caption><thead><tr><th></th>${waves.map((w) => html`<th class="n">${t('col.wave', { wave: w })}</th>`)}<th class="n">${t('col.change')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

async function wavesTrend(ctx: ReportContext, waves: string[]): Promise<Html> {
  if (waves.length < 2) return html``;
  const data = SHARE_IDS.flatMap((id) =>
    waves.flatMap((wave) => {
      const v = ctx.v(id, { wave });
      return v && !v.suppressed && v.value !== null ? [{ indicator: v.label, wave, value: v.value }] : [];
    }),
  );
  if (!data.length) return html``;
  return ctx.chart('rete-ondate', { kind: 'vega-lite', spec: wavesChart.spec(data, ctx.lang) });
}

async function map(ctx: ReportContext): Promise<Html> {
  if (ctx.suppressing) return ctx.note(ctx.t('rete.mapOmitted'));
  const m = ctx.data.networkMap;
  if (!m || !m.nodes.length) return ctx.unavailable(ctx.t('note.noData'));
  return ctx.chart('rete-mappa', { kind: 'vega', spec: mapChart.spec(m, (code) => ctx.groupLabel('tipo_ente', code), ctx.lang) });
}

async function trust(ctx: ReportContext, wave: string): Promise<Html> {
  const { t } = ctx;
  const trustValues = ctx.values.where('trust_score', ['wave', 'org'], { wave }).filter((v) => !v.suppressed && v.value !== null);
  if (!trustValues.length) return html``;
  const chosen = [...trustValues].sort((a, b) => (b.n ?? 0) - (a.n ?? 0) || a.group['org']!.localeCompare(b.group['org']!)).slice(0, TRUST_MAX_ORGS);
  const orgs = [...chosen].sort((a, b) => b.value! - a.value! || a.group['org']!.localeCompare(b.group['org']!)).map((v) => v.group['org']!);
  const name = (org: string) => `${org} · ${ctx.groupLabel('org', org)}`;
  const data: trustChart.TrustDatum[] = [];
  for (const org of orgs) {
    const tv = ctx.v('trust_score', { wave, org });
    const vv = ctx.v('value_score', { wave, org });
    if (tv && !tv.suppressed && tv.value !== null) data.push({ organisation: name(org), measure: t('chart.trust.trust'), score: tv.value });
    if (vv && !vv.suppressed && vv.value !== null) data.push({ organisation: name(org), measure: t('chart.trust.value'), score: vv.value });
  }
  return ctx.chart('rete-fiducia', { kind: 'vega-lite', spec: trustChart.spec(data, orgs.map(name), wave, ctx.lang) });
}

async function levels(ctx: ReportContext, waves: string[]): Promise<Html> {
  const { t } = ctx;
  if (ctx.suppressing) return ctx.note(`${ctx.v('collaboration_level_mean', { wave: waves[waves.length - 1]! })?.label ?? ''}: ${t('note.detailSuppressed')}`);
  const labels = ['0', '1', '2', '3', '4', '5'].map((l) => `${l} ${t(`level.${l}` as TextKey)}`);
  const data: levelsChart.LevelDatum[] = [];
  for (const wave of waves) {
    const shares = ctx.v('collaboration_level_mean', { wave })?.detail?.['levels'] as Record<string, number | null> | undefined;
    if (!shares) continue;
    ['0', '1', '2', '3', '4', '5'].forEach((l, order) => {
      const share = shares[l];
      if (typeof share === 'number') data.push({ wave, level: labels[order]!, order, share });
    });
  }
  if (!data.length) return html``;
  return ctx.chart('rete-livelli', { kind: 'vega-lite', spec: levelsChart.spec(data, labels, ctx.lang) });
}

async function factors(ctx: ReportContext, waves: string[]): Promise<Html> {
  const { t, data } = ctx;
  const cfg = data.project.factors;
  const bandLabels: [string, string, string] = [t('band.strength'), t('band.borderline'), t('band.concern')];
  const bandOf = (x: number) => (x >= cfg.bands.strength - 1e-9 ? bandLabels[0] : x >= cfg.bands.borderline - 1e-9 ? bandLabels[1] : bandLabels[2]);
  const factorLabels = cfg.factors.map((f) => ctx.groupLabel('factor', f.code));
  const values: factorsChart.FactorDatum[] = [];
  const rows: Html[] = [];
  for (const f of cfg.factors) {
    const cells = waves.map((wave) => ctx.v('collaboration_factor_score', { wave, factor: f.code }));
    for (const [i, v] of cells.entries()) if (v && !v.suppressed && v.value !== null) values.push({ factor: ctx.groupLabel('factor', f.code), wave: waves[i]!, score: v.value, band: bandOf(v.value) });
    rows.push(html`<tr><td>${ctx.groupLabel('factor', f.code)}</td>${cells.map((v) => html`<td class="n">${ctx.num(v)}${v && !v.suppressed && v.value !== null ? html` <span class="note">${bandOf(v.value)}</span>` : ''}</td>`)}</tr>`);
  }
  if (!ctx.values.has('collaboration_factor_score')) return ctx.unavailable(t('note.missingIndicator', { id: 'collaboration_factor_score' }));
  const table = html`<table class="factors"><caption>${ctx.values.list('collaboration_factor_score', ['wave', 'factor'])[0]?.label ?? ''}</caption><thead><tr><th></th>${waves.map((w) => html`<th class="n">${t('col.wave', { wave: w })}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
  const chart = values.length
    ? await ctx.chart('rete-fattori', { kind: 'vega-lite', spec: factorsChart.spec(values, factorLabels, { strength: cfg.bands.strength, borderline: cfg.bands.borderline, labels: bandLabels }, cfg.scale, ctx.lang) })
    : html``;
  return html`${chart}${table}`;
}

export async function reteSection(ctx: ReportContext): Promise<Section> {
  const { t, data } = ctx;
  const waves = data.waves;
  const section = (body: Html): Section => ({ id: 'rete', title: t('section.rete'), body });
  if (!waves.length) return section(html`<p class="lead">${t('rete.lead')}</p>${ctx.note(t('rete.noWaves'))}`);
  const last = waves[waves.length - 1]!;
  return section(html`<p class="lead">${t('rete.lead')}</p>
${wavesTable(ctx, waves)}
${await wavesTrend(ctx, waves)}
${await map(ctx)}
<h3>${t('rete.organisations', { wave: last })}</h3>
${await trust(ctx, last)}
${await levels(ctx, waves)}
${await factors(ctx, waves)}
${ctx.notesFor(NETWORK_IDS)}`);
}
