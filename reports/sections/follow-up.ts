/** Follow-up at six months: the funnel due → assessable → completed → sustained, the rates, scores exit → follow-up. */
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Html } from '../../src/report/html.js';
import * as funnelChart from '../charts/followup-funnel.js';
import { scoreTable } from './uscite.js';

export const FOLLOWUP_IDS = ['followup_due', 'followup_pending', 'followup_completion_rate', 'housing_sustained_6m', 'housing_sustained_6m_lower', 'returns_6m_rate'];

async function funnel(ctx: ReportContext): Promise<Html> {
  const { t } = ctx;
  const due = ctx.v('followup_due');
  const completion = ctx.v('followup_completion_rate');
  const sustained = ctx.v('housing_sustained_6m');
  if (!due || !completion || !sustained) return ctx.unavailable(t('note.missingIndicator', { id: !due ? 'followup_due' : !completion ? 'followup_completion_rate' : 'housing_sustained_6m' }));
  const steps: [string, number | null][] = [
    [t('funnel.due'), due.value],
    [t('funnel.assessable'), completion.denominator],
    [t('funnel.completed'), completion.numerator],
    [t('funnel.positive'), sustained.denominator],
    [t('funnel.sustained'), sustained.numerator],
  ];
  const data = steps.flatMap(([step, paths], order) => (paths === null ? [] : [{ step, order, paths }]));
  if (!data.length || data.every((d) => d.paths === 0)) return ctx.unavailable(t('note.noData'));
  const caption = html`${t('funnel.due')}: ${ctx.num(due)} · ${t('funnel.assessable')}: ${ctx.num(completion, 'denominator')} · ${t('funnel.completed')}: ${ctx.num(completion, 'numerator')} · ${t('funnel.positive')}: ${ctx.num(sustained, 'denominator')} · ${t('funnel.sustained')}: ${ctx.num(sustained, 'numerator')}`;
  return ctx.chart('follow-up-imbuto', { kind: 'vega-lite', spec: funnelChart.spec(data, ctx.lang) }, caption);
}

export async function followUpSection(ctx: ReportContext): Promise<Section> {
  const { t, data } = ctx;
  const fu = data.project.config.follow_up;
  return {
    id: 'follow-up',
    title: t('section.follow-up'),
    body: html`<p class="lead">${t('follow-up.lead', { months: fu.months, window: fu.window_days })}</p>
${ctx.indicatorTable(FOLLOWUP_IDS)}
${await funnel(ctx)}
${scoreTable(ctx, 'score_change_followup')}
${ctx.notesFor([...FOLLOWUP_IDS, 'score_change_followup'])}`,
  };
}
