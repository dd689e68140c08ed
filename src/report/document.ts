/**
 * The page around the sections: cover with period, as_of and suppression, table of contents,
 * the sections, a footer; the stylesheet (reports/report.css) inlined. The page loads nothing:
 * no script, no font, no image, no stylesheet link.
 */
import { readFileSync } from 'node:fs';
import { formatDate } from '../format/locale.js';
import { NULL_MARK } from '../format/locale.js';
import { packagePath } from '../package.js';
import type { ReportContext, Section } from './context.js';
import { html, raw, type Html } from './html.js';

let css: string | undefined;

export function reportCss(): string {
  css ??= readFileSync(packagePath('reports', 'report.css'), 'utf8');
  return css;
}

export function renderDocument(ctx: ReportContext, title: string, sections: readonly Section[]): string {
  const { data, t } = ctx;
  const lang = data.lang;
  const period = data.period;
  const periodLine = period.end < period.to
    ? t('doc.periodClipped', { from: formatDate(period.from, lang), to: formatDate(period.to, lang), end: formatDate(period.end, lang) })
    : t('doc.period', { from: formatDate(period.from, lang), to: formatDate(period.to, lang) });
  const suppression = ctx.suppressing ? t('doc.suppression', { n: data.suppress!, mark: t('value.suppressed') }) : t('doc.noSuppression');
  const generated = formatDate(data.provenance.generatedAt.slice(0, 10), lang);
  const page: Html = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mev ${data.provenance.toolVersion}">
<title>${title} — ${data.project.config.project.name} — ${period.label}</title>
<style>
${raw(reportCss())}
</style>
</head>
<body class="template-${data.template}">
<header class="cover">
<p class="project">${data.project.config.project.name}${data.project.config.project.funder ? html` · ${data.project.config.project.funder}` : ''}</p>
<h1>${title}</h1>
<p class="meta period">${periodLine}</p>
<p class="meta">${t('doc.asOf', { date: formatDate(data.asOf, lang) })} · ${t('doc.previous', { from: formatDate(period.previous.from, lang), to: formatDate(period.previous.end, lang) })}</p>
<p class="meta">${t('doc.generated', { date: generated })}</p>
<p class="suppression">${suppression}</p>
<nav class="toc"><h2>${t('doc.toc')}</h2><ol>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>
</header>
<main>
${sections.map((s) => html`<section id="${s.id}" class="report-section">
<h2>${s.title}</h2>
${s.body}
</section>
`)}</main>
<footer>${data.project.config.project.name} · ${title} · ${period.label} · mev ${data.provenance.toolVersion} · ${data.provenance.dataFingerprint.slice(0, 12) || NULL_MARK}</footer>
</body>
</html>
`;
  return page.text;
}
