/** Summary: headline cards (value, change vs the previous period, target status) and the targets of the logical framework. */
import type { ReportContext, Section } from '../../src/report/context.js';
import { html } from '../../src/report/html.js';

/** The headline indicators of the evaluator's report, in card order. */
export const HEADLINES = ['persons_served', 'occupancy_rate', 'entries', 'exits', 'positive_exit_rate', 'followup_completion_rate'] as const;

/** The logical framework as a table: objective, indicator, value, target, status (values of the period or wave). */
export function frameworkTable(ctx: ReportContext): ReturnType<typeof html> {
  const { t, lang } = ctx;
  const objectives = ctx.data.project.config.framework.objectives.filter((o) => o.indicators.length);
  if (!objectives.length) return html``;
  const rows = objectives.flatMap((o) =>
    o.indicators.map((fi, i) => {
      const v = ctx.v(fi.id, fi.group);
      const groupText = Object.values(fi.group).join(', ');
      const label = (lang === 'it' ? fi.label_it : fi.label_en) ?? v?.label ?? fi.id;
      const objective = i === 0 ? html`<th scope="rowgroup" rowspan="${o.indicators.length}">${o.id} · ${lang === 'it' ? o.label_it : (o.label_en ?? o.label_it)}</th>` : '';
      return html`<tr>${objective}<td>${label}${groupText ? html` (${groupText})` : ''}</td><td class="n">${ctx.num(v)}</td><td class="n">${v?.target ? ctx.num(v, 'target.value') : ''}</td><td class="status-${v?.target?.status ?? 'none'}">${v ? ctx.statusText(v) : ''}</td></tr>`;
    }),
  );
  return html`<table class="framework"><caption>${t('sintesi.framework')}</caption><thead><tr><th></th><th>${t('col.indicator')}</th><th class="n">${t('col.value')}</th><th class="n">${t('col.target')}</th><th>${t('col.status')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function sintesiSection(ctx: ReportContext): Section {
  const { t } = ctx;
  return {
    id: 'sintesi',
    title: t('section.sintesi'),
    body: html`<p class="lead">${t('sintesi.lead')}</p>
<div class="cards">${HEADLINES.map((id) => ctx.card(id))}</div>
${frameworkTable(ctx)}
${ctx.notesFor([...HEADLINES])}`,
  };
}
