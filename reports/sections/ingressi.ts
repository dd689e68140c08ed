/** Entries: counts, by ambito, the entry profile (target, citizenship, age band, referrer) and entry scores. */
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Html } from '../../src/report/html.js';
import type { TextKey } from '../../src/report/i18n.js';
import * as profileChart from '../charts/entry-profile.js';
import * as referrersChart from '../charts/entry-referrers.js';

export const ENTRY_IDS = ['persons_served', 'children_served', 'persons_in_care_at_end', 'entries', 'persons_entered', 'children_entered', 'referral_wait_days_median'];
/** Profiles charted together (shares); referrers have a chart of their own. */
const PROFILES = ['target', 'cittadinanza', 'age_band'] as const;
/** Referring organisations charted (the most frequent). */
export const TOP_REFERRERS = 15;

async function profile(ctx: ReportContext): Promise<Html> {
  const { t } = ctx;
  if (!ctx.values.has('entry_profile')) return ctx.unavailable(t('note.missingIndicator', { id: 'entry_profile' }));
  const rows: Html[] = [];
  const data: profileChart.ProfileDatum[] = [];
  for (const field of [...PROFILES, 'ente_inviante'] as const) {
    const values = ctx.values.list('entry_profile', [field]);
    if (!values.length) continue;
    const heading = t(`profile.${field}` as TextKey);
    const shown = field === 'ente_inviante' ? values.filter((v) => v.suppressed || (v.numerator ?? 0) > 0) : values;
    rows.push(html`<tr class="group"><th colspan="3" scope="rowgroup">${heading}</th></tr>`);
    for (const v of shown) rows.push(html`<tr><td>${ctx.groupLabel(field, v.group[field]!)}</td><td class="n">${ctx.num(v, 'numerator')}</td><td class="n">${ctx.num(v)}</td></tr>`);
    if (field !== 'ente_inviante') {
      values.forEach((v, order) => {
        if (!v.suppressed && v.value !== null) data.push({ profile: heading, category: ctx.groupLabel(field, v.group[field]!), share: v.value, order });
      });
    }
  }
  const table = html`<table class="profile"><caption>${t('ingressi.profile')}</caption><thead><tr><th></th><th class="n">${t('col.count')}</th><th class="n">${t('col.share')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const chart = data.length ? await ctx.chart('ingressi-profilo', { kind: 'vega-lite', spec: profileChart.spec(data, ctx.lang) }) : ctx.unavailable(t('note.noData'));
  return html`${chart}${await referrers(ctx)}${table}`;
}

async function referrers(ctx: ReportContext): Promise<Html> {
  const values = ctx.values.list('entry_profile', ['ente_inviante']).filter((v) => !v.suppressed && (v.numerator ?? 0) > 0);
  if (!values.length) return html``;
  const top = [...values].sort((a, b) => b.numerator! - a.numerator! || a.group['ente_inviante']!.localeCompare(b.group['ente_inviante']!)).slice(0, TOP_REFERRERS);
  const data = top.map((v) => ({ name: ctx.groupLabel('ente_inviante', v.group['ente_inviante']!), entries: v.numerator! }));
  return ctx.chart('ingressi-invianti', { kind: 'vega-lite', spec: referrersChart.spec(data, values.length, ctx.lang) });
}

function entryScores(ctx: ReportContext): Html {
  const { t } = ctx;
  const order = ctx.data.project.instrument.dimensions.map((d) => d.code);
  const values = ctx.values.list('entry_score_mean', ['dimension']).sort((a, b) => order.indexOf(a.group['dimension']!) - order.indexOf(b.group['dimension']!));
  if (!values.length) return ctx.unavailable(t('note.missingIndicator', { id: 'entry_score_mean' }));
  return html`<table class="scores"><caption>${t('ingressi.scores')}</caption><thead><tr><th>${t('col.dimension')}</th><th class="n">${ctx.v('entry_score_mean', values[0]!.group)?.label ?? ''}</th><th class="n">${t('col.n')}</th></tr></thead><tbody>${values.map(
    (v) => html`<tr><td>${ctx.groupLabel('dimension', v.group['dimension']!)}</td><td class="n">${ctx.num(v)}</td><td class="n">${ctx.num(v, 'n')}</td></tr>`,
  )}</tbody></table>`;
}

/** The table by ambito. */
export const ENTRY_BY_AMBITO = ['persons_served', 'entries', 'persons_entered'];

export async function ingressiSection(ctx: ReportContext): Promise<Section> {
  const { t } = ctx;
  return {
    id: 'ingressi',
    title: t('section.ingressi'),
    body: html`<p class="lead">${t('ingressi.lead')}</p>
${ctx.indicatorTable(ENTRY_IDS)}
${ctx.breakdownTable(ENTRY_BY_AMBITO, 'ambito', t('offerta.byAmbito'))}
${await profile(ctx)}
${entryScores(ctx)}
${ctx.notesFor([...ENTRY_IDS, 'entry_profile', 'entry_score_mean'])}`,
  };
}
