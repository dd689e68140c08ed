/**
 * Data quality in one paragraph for the funder: how many checks ran, which found something, by
 * severity. No count of findings: they are counts of records over the whole database, outside
 * suppression (an exit without destination, one overlapping stay…), and the funder needs to know
 * that the data were verified, not how many records each check flagged.
 */
import { formatDate, formatNumber } from '../../src/format/locale.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html } from '../../src/report/html.js';
import type { TextKey } from '../../src/report/i18n.js';

export async function qualitaCariplo(ctx: ReportContext): Promise<Section> {
  const { t, lang } = ctx;
  const section = (body: ReturnType<typeof html>): Section => ({ id: 'qualita-dati', title: t('section.qualita-dati'), body });
  const checks = await ctx.data.checks;
  if (!checks) return section(ctx.unavailable(t('value.unavailable')));
  if ('error' in checks) return section(html`<p class="unavailable">${t('qualita-dati.unavailable', { reason: checks.error })}</p>`);
  const found = checks.checks.filter((c) => c.count > 0);
  const n = (x: number) => formatNumber(x, lang);
  const intro = t('cariplo.qualita', { total: n(checks.checks.length), date: checks.as_of ? formatDate(checks.as_of, lang) : '—' });
  const findings = found.length
    ? t('cariplo.qualita.found', {
        found: n(found.length),
        total: n(checks.checks.length),
        names: found.map((c) => `${lang === 'it' ? c.label : c.label_en} (${t(`severity.${c.severity}` as TextKey)})`).join('; '),
      })
    : t('cariplo.qualita.none');
  return section(html`<p>${intro} ${findings} ${t('cariplo.qualita.use')}</p>`);
}
