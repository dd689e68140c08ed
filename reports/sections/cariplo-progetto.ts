/**
 * The funder report's opening: the project (name, funder, duration, overall goal), the period
 * and the date of the data, how confidentiality is protected, and a few headline cards.
 */
import { formatDate, NULL_MARK } from '../../src/format/locale.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html, type Part } from '../../src/report/html.js';

/** Headline cards of the funder report, in order. */
export const CARIPLO_HEADLINES = ['persons_served', 'entries', 'exits', 'occupancy_rate', 'positive_exit_rate', 'followup_completion_rate'] as const;

/** The overall goal of the logical framework in the report's language (Italian when there is no English). */
export function goalText(ctx: ReportContext): string | undefined {
  const fw = ctx.data.project.config.framework;
  return ctx.lang === 'en' ? (fw.goal_en ?? fw.goal_it) : fw.goal_it;
}

/** The confidentiality sentence: what is suppressed, or a warning when nothing is. */
export function privacyText(ctx: ReportContext): string {
  return ctx.suppressing ? ctx.t('cariplo.privacy', { n: ctx.data.suppress!, mark: ctx.t('value.suppressed') }) : ctx.t('cariplo.noSuppression');
}

export function progettoSection(ctx: ReportContext): Section {
  const { t, lang, data } = ctx;
  const project = data.project.config.project;
  const period = data.period;
  const date = (iso: string | undefined) => (iso ? formatDate(iso, lang) : NULL_MARK);
  const goal = goalText(ctx);
  const facts: [string, Part][] = [
    [t('cariplo.fact.project'), project.name],
    ...(project.funder ? [[t('cariplo.fact.funder'), project.funder] as [string, Part]] : []),
    ...(project.start || project.end ? [[t('cariplo.fact.duration'), `${date(project.start)} – ${date(project.end)}`] as [string, Part]] : []),
    [t('cariplo.fact.period'), `${period.label} (${date(period.from)} – ${date(period.end)})`],
    [t('cariplo.fact.asOf'), date(data.asOf)],
    ...(goal ? [[t('cariplo.fact.goal'), goal] as [string, Part]] : []),
    [t('cariplo.fact.confidentiality'), ctx.suppressing ? privacyText(ctx) : html`<span class="unavailable">${privacyText(ctx)}</span>`],
  ];
  return {
    id: 'progetto',
    title: t('section.progetto'),
    body: html`<p class="lead">${t('cariplo.lead', { from: date(period.from), to: date(period.end), asOf: date(data.asOf) })}</p>
<table class="facts"><tbody>${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>
<h3>${t('cariplo.headlines')}</h3>
<div class="cards">${CARIPLO_HEADLINES.map((id) => ctx.card(id))}</div>`,
  };
}
