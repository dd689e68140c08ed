/**
 * Building a report, written once for every template:
 *   1. resolve as_of and the period (as `mev indicators` does)
 *   2. the base relations, once, for as_of
 *   3. the catalogue of the period (the numbers of the report)
 *   4. series over the months of the period, distributions, the unit timeline, the network map
 *   5. provenance and the evaluator's notes
 *   6. the data-quality checks, started last because they rebuild part of the base relations
 *      for their own as_of; they run in DuckDB's threads while the next step renders charts in
 *      JavaScript, and the sections that show them await them
 *   7. the template's sections, charts rendered on the way, and the page
 * A template says what it needs (`needs`) so that nothing it does not show is computed.
 */
import { runChecks } from '../check/index.js';
import type { Project } from '../config.js';
import { literal, memoryLimit, scaledMemoryLimit, type Database } from '../db.js';
import { oneLine } from '../errors.js';
import type { Lang } from '../format/locale.js';
import { buildBase, latestEventDate } from '../indicators/base.js';
import { choosePeriod, computeForPeriod, resolveAsOf } from '../indicators/index.js';
import { loadIndicators } from '../indicators/load.js';
import type { ByField } from '../indicators/spec.js';
import * as msg from '../messages.js';
import { toolVersion } from '../package.js';
import { SILENT, type Progress } from '../progress.js';
import type { RenderedChart } from './charts.js';
import { ReportContext, type CheckOutcome, type ReportData, type Section } from './context.js';
import { kmCurve, stayLengthBands } from './distributions.js';
import { renderDocument } from './document.js';
import type { Translate } from './i18n.js';
import { networkMap } from './network.js';
import { loadNotes } from './notes.js';
import { provenance } from './provenance.js';
import { computeSeries, periodSteps } from './series.js';
import { unitTimeline } from './units.js';
import type { Breakdown } from './values.js';

export { ReportContext, type CheckOutcome, type ReportData, type Section } from './context.js';

/** What a template needs gathered beyond the catalogue of the period. */
export interface TemplateNeeds {
  /** Indicators per month (quarter, year) of the period, overall and, for `byIds` (default all), by `by`. */
  series?: { ids: string[]; by?: ByField; byIds?: string[] };
  /** Kaplan–Meier curve and length-of-stay bands. */
  distributions?: boolean;
  /** Occupancy of each unit (Gantt, heatmap or bands). */
  units?: boolean;
  /** The network map of the latest wave (never with suppression on: it shows every tie). */
  networkMap?: boolean;
  /** `mev check` findings. */
  checks?: boolean;
  /**
   * The indicators whose values by `by` the sections read; only these run a second time by `by`
   * (at 1 M stays each such run costs 0.1–0.9 s). Framework entries on a `by` group are added.
   * Undefined: every indicator with that breakdown. Reading another one by `by` throws.
   */
  byIds?: readonly string[];
}

export interface ReportTemplate {
  id: string;
  title(t: Translate): string;
  /** --suppress when the user gives none (the funder report: the config's, 5 by default). */
  defaultSuppress(project: Project): number | undefined;
  /** The --by breakdown of the catalogue (the report's numbers equal `mev indicators --by` this). */
  by?: ByField;
  needs: TemplateNeeds;
  sections(ctx: ReportContext): Promise<Section[]>;
}

export interface ReportOptions {
  template: ReportTemplate;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  /** --suppress N; undefined: the template's default. */
  suppress?: number;
  lang: Lang;
  /** The clock, injected: the golden test fixes it. */
  now: Date;
  /** Default: the package version. */
  toolVersion?: string;
  /**
   * Called once every query has run, before the charts are rendered: the command closes the
   * database there, so DuckDB's memory is given back before Vega needs its own.
   */
  releaseDatabase?: () => void;
  /** The progress line (phase) on a terminal; silent by default. */
  progress?: Progress;
}

export interface ReportResult {
  html: string;
  charts: RenderedChart[];
  data: ReportData;
  /** Milliseconds per step, for `npm run bench` and MEV_TIMING. */
  timings: Record<string, number>;
}

/** The report's phases on the progress line: «report: indicatore 3 di 50: …». */
const reportStep = (progress: Progress): Progress => ({ phase: (label) => progress.phase(msg.progressReportStep(label)), done: () => {} });

/** DuckDB's share of MEV_MEMORY_LIMIT while the report runs its checks. */
export const CHECKS_MEMORY_SHARE = 0.6;

/** The `by` breakdown a template reads for some indicators only: its needs.byIds and the framework entries on a `by` group. */
export function breakdownOf(template: ReportTemplate, project: Project): Breakdown | undefined {
  if (!template.by || !template.needs.byIds) return undefined;
  const framework = project.config.framework.objectives.flatMap((o) => o.indicators).filter((e) => template.by! in e.group).map((e) => e.id);
  return { field: template.by, ids: new Set([...template.needs.byIds, ...framework]) };
}

export async function buildReport(db: Database, project: Project, options: ReportOptions): Promise<ReportResult> {
  const { template, lang } = options;
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };

  // 1. as_of and period
  const asOf = await resolveAsOf(db, options.asOf);
  const period = choosePeriod({ period: options.period, from: options.from, to: options.to }, project, asOf);
  const suppress = options.suppress ?? template.defaultSuppress(project);

  // 2–3. base relations and the catalogue
  // Every phase, the catalogue's and the checks' included, shows as «report: …».
  const progress = reportStep(options.progress ?? SILENT);
  progress.phase(msg.progressBase());
  await buildBase(db, period, project);
  lap('base');
  const breakdown = breakdownOf(template, project);
  const catalogue = await computeForPeriod(db, project, period, { by: template.by, ...(breakdown ? { byIds: [...breakdown.ids] } : {}), suppress, lang, progress });
  lap('catalogue');

  // 4. what the charts need beyond single values
  const months = periodSteps(period);
  if (template.needs.series) progress.phase('serie mensili');
  const series = template.needs.series
    ? await computeSeries(db, project, months, { ids: template.needs.series.ids.filter((id) => loadIndicators().some((s) => s.id === id)), by: template.needs.series.by, byIds: template.needs.series.byIds, suppress, lang, previous: false })
    : null;
  if (series) lap('series');
  progress.phase('distribuzioni, alloggi e rete');
  const km = template.needs.distributions ? await kmCurve(db) : null;
  const stayBands = template.needs.distributions ? await stayLengthBands(db, suppress) : null;
  if (template.needs.distributions) lap('distributions');
  const units = template.needs.units ? await unitTimeline(db, { project, period, months, suppress, lang }) : null;
  if (units) lap('units');
  const waves = (await db.all<{ wave: string }>(`SELECT wave FROM waves ORDER BY wave`)).map((r) => r.wave);
  const organisations = new Map((await db.all<{ codice_ente: string; nome: string | null }>(`SELECT codice_ente, nome FROM enti`)).map((r) => [r.codice_ente, r.nome ?? r.codice_ente]));
  const suppressing = (suppress ?? 0) > 1;
  const latestWave = waves[waves.length - 1];
  const map = template.needs.networkMap && !suppressing && latestWave !== undefined ? await networkMap(db, latestWave) : null;
  lap('network');

  // 5–6. provenance and notes; then the checks, in the background (nothing reads the base relations after this)
  const prov = await provenance(db, project, asOf, options.toolVersion ?? toolVersion(), options.now);
  // The checks read the same base relations when the report's as_of is the checks' own (the latest
  // event): they reuse them instead of building them again. Relations nothing reads any more are dropped.
  for (const name of ['path_scores', 'followup_scores', 'requests']) await db.run(`DROP TABLE IF EXISTS ${name}`);
  const reuseBase = asOf === (await latestEventDate(db));
  // The checks come last, on top of everything the report already holds: DuckDB's limit bounds its
  // buffer pool, not the process, and at 1 M stays the process peaked above 1 GB here with the full
  // limit (1.03–1.16 GB; 0.93 GB with 60 %). So the checks run with 60 % of it, then the limit is
  // restored (docs/decisions.md).
  const checksLimit = template.needs.checks ? scaledMemoryLimit(memoryLimit(), CHECKS_MEMORY_SHARE) : null;
  if (checksLimit) await db.run(`SET memory_limit = ${literal(checksLimit)}`);
  const checks: Promise<CheckOutcome> = template.needs.checks
    ? // The report shows each check's count only: no keys or finding rows are read (limit 0). At 1 M
      // stays the full lists, tens of MB of JSON built in one value, did not fit in the checks'
      // share of memory and the section said «controlli non disponibili».
      runChecks(db, project, { progress, limit: 0, ...(reuseBase ? { asOf, baseBuilt: true } : {}) }).then(
        (report) => report,
        (error: unknown) => ({ error: oneLine(error) }),
      ).then(async (outcome) => {
        if (checksLimit) await db.run(`SET memory_limit = ${literal(memoryLimit())}`);
        return outcome;
      })
    : Promise.resolve(null);
  const data: ReportData = {
    template: template.id,
    lang,
    project,
    period,
    asOf,
    suppress,
    catalogue,
    ...(breakdown ? { breakdown } : {}),
    specs: loadIndicators(),
    series,
    km,
    stayBands,
    units,
    waves,
    networkMap: map,
    organisations,
    checks,
    provenance: prov,
    notes: loadNotes(project),
  };

  // 7. sections, charts and the page, once the database is no longer needed
  if (options.releaseDatabase) {
    await checks;
    options.releaseDatabase();
  }
  progress.phase('grafici e pagina');
  const ctx = new ReportContext(data);
  let sections: Section[];
  try {
    sections = await template.sections(ctx);
  } finally {
    // Never leave the checks running on the connection (the caller closes it next).
    await checks;
  }
  lap('render');
  const html = renderDocument(ctx, template.title(ctx.t), sections);
  return { html, charts: ctx.charts.charts, data, timings };
}

/** `report-<template>-<period>.html`, with the period label made safe for a file name. */
export function defaultReportName(template: string, periodLabel: string): string {
  const safe = periodLabel.replace(/[–—]/g, '_').replace(/[^A-Za-z0-9._-]+/g, '-');
  return `report-${template}-${safe}.html`;
}
