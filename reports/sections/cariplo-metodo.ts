/**
 * Method of the funder report: the definitions of the indicators it shows (the shared appendix,
 * restricted to them), then the rules of confidentiality (what is suppressed and why).
 */
import { formatNumber } from '../../src/format/locale.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html } from '../../src/report/html.js';
import { metodoSection } from './metodo.js';

export function metodoCariplo(ctx: ReportContext, ids: readonly string[]): Section {
  const { t, lang } = ctx;
  const base = metodoSection(ctx, ids);
  const title = html`<h3>${t('cariplo.metodo.suppression')}</h3>`;
  if (!ctx.suppressing) return { ...base, body: html`${base.body}${title}<p class="unavailable">${t('cariplo.noSuppression')}</p>` };
  const n = ctx.data.suppress!;
  const rules = t('cariplo.metodo.rules')
    .split('\n')
    .map((r) => r.replaceAll('{m}', formatNumber(n - 1, lang)).replaceAll('{n}', formatNumber(n, lang)));
  return { ...base, body: html`${base.body}${title}<ul class="suppression-rules">${rules.map((r) => html`<li>${r}</li>`)}</ul>` };
}
