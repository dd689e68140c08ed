/** Data quality: the findings of `mev check`, one row per check with its count (the keys stay in `mev check`). */
import { formatDate, formatNumber } from '../../src/format/locale.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { attrs, html } from '../../src/report/html.js';
import type { TextKey } from '../../src/report/i18n.js';

export async function qualitaDatiSection(ctx: ReportContext): Promise<Section> {
  const { t, lang } = ctx;
  const checks = await ctx.data.checks;
  const section = (body: ReturnType<typeof html>) => ({ id: 'qualita-dati', title: t('section.qualita-dati'), body });
  if (!checks) return section(ctx.unavailable(t('value.unavailable')));
  if ('error' in checks) return section(html`<p class="unavailable">${t('qualita-dati.unavailable', { reason: checks.error })}</p>`);
  const found = checks.checks.filter((c) => c.count > 0);
  const rows = checks.checks.map(
    (c) => html`<tr class="${c.count > 0 ? 'found' : 'clean'}"><td>${lang === 'it' ? c.label : c.label_en}</td><td class="severity-${c.severity}">${t(`severity.${c.severity}` as TextKey)}</td><td class="n"><span${attrs({ class: 'num', 'data-check': c.id, 'data-value': c.count })}>${formatNumber(c.count, lang)}</span></td></tr>`,
  );
  return section(html`<p class="lead">${t('qualita-dati.lead', { date: checks.as_of ? formatDate(checks.as_of, lang) : '—' })}</p>
${found.length ? '' : html`<p>${t('qualita-dati.none')}</p>`}
<table class="checks"><thead><tr><th>${t('col.check')}</th><th>${t('col.severity')}</th><th class="n">${t('col.findings')}</th></tr></thead><tbody>${rows}</tbody></table>`);
}
