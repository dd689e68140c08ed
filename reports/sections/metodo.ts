/** The methodological appendix, generated from the indicator files (label, description, grain, numerator, denominator, kind, unit). */
import { AREAS, type IndicatorSpec } from '../../src/indicators/spec.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html } from '../../src/report/html.js';
import type { TextKey } from '../../src/report/i18n.js';

export function metodoSection(ctx: ReportContext, ids?: readonly string[]): Section {
  const { t, lang } = ctx;
  const specs = ctx.data.specs.filter((s) => !ids || ids.includes(s.id));
  const rules = t('metodo.rules').split('\n');
  const definition = (s: IndicatorSpec) => html`<dl class="indicator" id="def-${s.id}">
<dt>${s.label[lang]} <code>${s.id}</code></dt>
<dd>${s.description[lang]}</dd>
<dd class="definition-meta">${lang === 'en' ? html`${t('metodo.grain')}: ${s.grain}` : html`${s.numerator ? html`${t('metodo.numerator')}: ${s.numerator}` : ''}${s.denominator ? html` · ${t('metodo.denominator')}: ${s.denominator}` : ''}`} · ${t('metodo.kind')}: ${t(`kind.${s.kind}` as TextKey)} · ${t('metodo.unit')}: ${s.unit}</dd>
</dl>`;
  const areas = AREAS.filter((a) => specs.some((s) => s.area === a)).map(
    (a) => html`<h3>${t(`metodo.area.${a}` as TextKey)}</h3>${specs.filter((s) => s.area === a).map(definition)}`,
  );
  return {
    id: 'metodo',
    title: t('section.metodo'),
    body: html`<p class="lead">${t('metodo.lead')}</p><h3>${t('metodo.general')}</h3><ul>${rules.map((r) => html`<li>${r}</li>`)}</ul>${areas}`,
  };
}
