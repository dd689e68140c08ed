/** Provenance: input files with sha256, rows per table, data and config fingerprints, as_of, period, version, generated at. */
import { formatDate, formatNumber } from '../../src/format/locale.js';
import type { ReportContext, Section } from '../../src/report/context.js';
import { html } from '../../src/report/html.js';

/** `rowCounts: false` (the funder report) leaves out rows per file and per table: all-time counts outside suppression. */
export function provenienzaSection(ctx: ReportContext, options: { rowCounts?: boolean } = {}): Section {
  const counts = options.rowCounts ?? true;
  const { t, lang, data } = ctx;
  const p = data.provenance;
  const n = (x: number) => formatNumber(x, lang);
  const inputs = p.inputs.length
    ? html`<table class="inputs"><caption>${t('provenienza.inputs')}</caption><thead><tr><th>${t('col.file')}</th><th>${t('col.entity')}</th>${counts ? html`<th class="n">${t('col.rowsRead')}</th><th class="n">${t('col.rowsLoaded')}</th><th class="n">${t('col.rowsRejected')}</th>` : ''}<th>sha256</th></tr></thead><tbody>${p.inputs.map(
        (f) => html`<tr><td>${f.file}</td><td>${f.entity}</td>${counts ? html`<td class="n">${n(f.rowsRead)}</td><td class="n">${n(f.rowsLoaded)}</td><td class="n">${n(f.rowsRejected)}</td>` : ''}<td><code>${f.sha256}</code></td></tr>`,
      )}</tbody></table>`
    : html`<p class="note">${t('provenienza.noInputs')}</p>`;
  const tables = !counts ? html`` : html`<table class="tables"><caption>${t('provenienza.tables')}</caption><thead><tr><th>${t('col.table')}</th><th class="n">${t('col.rows')}</th></tr></thead><tbody>${p.tables.map((r) => html`<tr><td>${r.table}</td><td class="n">${n(r.rows)}</td></tr>`)}</tbody></table>`;
  const suppression = ctx.suppressing ? t('provenienza.suppressionOn', { n: data.suppress! }) : t('provenienza.suppressionOff');
  const facts: [string, unknown][] = [
    [t('provenienza.period'), `${data.period.label} (${formatDate(data.period.from, lang)} – ${formatDate(data.period.end, lang)})`],
    [t('provenienza.asOf'), formatDate(p.asOf, lang)],
    [t('provenienza.template'), data.template],
    [t('provenienza.suppression'), suppression],
    [t('provenienza.dataFingerprint'), html`<code>${p.dataFingerprint}</code> <span class="note">(${t('provenienza.dataFingerprintNote')})</span>`],
    [t('provenienza.configFile'), p.configFile ?? t('provenienza.defaults')],
    [t('provenienza.configFingerprint'), html`<code>${p.configFingerprint}</code>`],
    [t('provenienza.tool'), p.toolVersion],
    [t('provenienza.generated'), p.generatedAt],
  ];
  return {
    id: 'provenienza',
    title: t('section.provenienza'),
    body: html`<p class="lead">${t('provenienza.lead')}</p><table class="facts"><tbody>${facts.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v as string}</td></tr>`)}</tbody></table>${inputs}${tables}`,
  };
}
