/**
 * `mev report`: one self-contained HTML report for a period (template valutazione or cariplo),
 * optionally every chart as SVG, PNG and spec (--charts DIR).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliEffects } from '../../cli.js';
import type { FindEffects } from '../browser.js';
import { TEMPLATES, TEMPLATE_NAMES } from '../../reports/templates/index.js';
import { loadProject, resolveConfigPath } from '../config.js';
import { parseUserDate } from '../dates.js';
import { Database, resolveDbPath } from '../db.js';
import { UserError } from '../errors.js';
import type { Lang } from '../format/locale.js';
import { writeCharts } from '../report/charts.js';
import { buildReport, defaultReportName } from '../report/index.js';
import { reportMessages as msg } from '../report/messages.js';
import { progressFor } from '../progress.js';
import { parseSuppress } from './indicators.js';

export interface ReportCliOptions {
  db?: string;
  config?: string;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  template?: string;
  suppress?: string;
  lang?: string;
  out?: string;
  charts?: string;
  pdf?: boolean;
  quiet?: boolean;
}

/**
 * The CLI effects plus the clock, which tests fix (default: SOURCE_DATE_EPOCH when set, else now),
 * and how the browser for --pdf is looked for (default: the real filesystem and platform).
 */
export type ReportEffects = CliEffects & { now?: () => Date; browser?: FindEffects };

export function reportClock(effects: ReportEffects): Date {
  if (effects.now) return effects.now();
  const epoch = effects.env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

export async function runReport(opts: ReportCliOptions, effects: ReportEffects): Promise<void> {
  const started = performance.now();
  const name = opts.template ?? 'valutazione';
  const load = TEMPLATES[name];
  if (!load) throw new UserError(msg.unknownTemplate(name, TEMPLATE_NAMES));
  const lang = (opts.lang ?? 'it') as Lang;
  if (lang !== 'it' && lang !== 'en') throw new UserError(msg.badLang(String(opts.lang)));
  if (opts.out && !/\.html?$/i.test(opts.out)) throw new UserError(msg.outNotHtml(opts.out));
  const suppress = parseSuppress(opts.suppress);
  const project = loadProject(resolveConfigPath(opts.config, effects.env, effects.cwd));
  const template = await load();
  const db = await Database.open(resolveDbPath(opts.db, effects.env), { readOnly: true });
  let open = true;
  const release = () => {
    if (open) db.close();
    open = false;
  };
  let result;
  const progress = progressFor(effects, opts.quiet);
  try {
    result = await buildReport(db, project, {
      progress,
      releaseDatabase: release,
      template,
      period: opts.period,
      from: opts.from ? parseUserDate(opts.from, '--from') : undefined,
      to: opts.to ? parseUserDate(opts.to, '--to') : undefined,
      asOf: opts.asOf ? parseUserDate(opts.asOf, '--as-of') : undefined,
      suppress,
      lang,
      now: reportClock(effects),
    });
  } finally {
    progress.done();
    release();
  }
  const out = resolve(effects.cwd, opts.out ?? defaultReportName(template.id, result.data.period.label));
  writeFileSync(out, result.html);
  if (opts.charts) {
    const dir = resolve(effects.cwd, opts.charts);
    await writeCharts(dir, result.charts, { onInvalid: (id, errors) => effects.stderr(msg.chartInvalid(id, errors)) });
    if (!opts.quiet) effects.stdout(msg.chartsWritten(dir, result.charts.length));
  }
  if (effects.env['MEV_TIMING']) effects.stderr(`${JSON.stringify({ ...result.timings, total: Math.round(performance.now() - started) })}\n`);
  if (!opts.quiet) effects.stdout(msg.written(out, result.charts.length, (performance.now() - started) / 1000));
  // The PDF last: without a browser the call fails (exit 1, the advice on one line), and the HTML is already written.
  if (opts.pdf) {
    const pdf = out.replace(/\.html?$/i, '') + '.pdf';
    const { printPdf } = await import('../browser.js');
    await printPdf(out, pdf, { env: effects.env, ...(effects.browser ? { find: effects.browser } : {}) });
    if (!opts.quiet) effects.stdout(msg.pdfWritten(pdf));
  }
}
