/**
 * The indicator catalogue for one period: resolve as_of and the period, build the base relations,
 * run every indicator file (or those of --ids), add targets and apply suppression.
 */
import type { Project } from '../config.js';
import type { Database } from '../db.js';
import { UserError } from '../errors.js';
import * as msg from '../messages.js';
import { SILENT, type Progress } from '../progress.js';
import { parsePeriod, resolvePeriod, type Period, type ResolvedPeriod } from '../periods.js';
import { buildBase, latestEventDate, setPeriods } from './base.js';
import { loadIndicators } from './load.js';
import { runIndicator, type IndicatorValue, type Lang } from './run.js';
import type { ByField, IndicatorSpec } from './spec.js';
import { suppress } from './suppress.js';
import { attachTargets } from './targets.js';

export interface CatalogueOptions {
  /** A period string (2025, 2025-H1, …) or explicit dates. */
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  by?: ByField;
  /** Only these indicators run a second time by `by` (default: every one that has that breakdown). */
  byIds?: readonly string[];
  ids?: string[];
  wave?: string;
  suppress?: number;
  lang?: Lang;
  /** The progress line (phase) on a terminal; silent by default. */
  progress?: Progress;
}

export interface CatalogueResult {
  period: { from: string; to: string; end: string; label: string; days: number; previous: { from: string; end: string } };
  as_of: string;
  values: IndicatorValue[];
}

export async function resolveAsOf(db: Database, asOf: string | undefined): Promise<string> {
  if (asOf) return asOf;
  const latest = await latestEventDate(db);
  if (!latest) throw new UserError('il database non contiene ancora eventi (ingressi, uscite, segnalazioni): carica i dati con «mev ingest» o indica --as-of');
  return latest;
}

export function choosePeriod(options: CatalogueOptions, project: Project, asOf: string): ResolvedPeriod {
  let period: Period;
  if (options.from || options.to) {
    if (!options.from || !options.to) throw new UserError('indica sia --from sia --to (es. --from 01/01/2025 --to 31/12/2025)');
    period = { label: `${options.from}–${options.to}`, from: options.from, to: options.to };
  } else if (options.period) {
    period = parsePeriod(options.period, project.config.project.start, asOf);
  } else {
    const year = Number(asOf.slice(0, 4)) - (asOf.slice(5) === '12-31' ? 0 : 1);
    period = parsePeriod(String(year), project.config.project.start, asOf);
  }
  return resolvePeriod(period, asOf);
}

export function selectSpecs(ids: string[] | undefined): IndicatorSpec[] {
  const specs = loadIndicators();
  if (!ids?.length) return specs;
  const unknown = ids.filter((id) => !specs.some((s) => s.id === id));
  if (unknown.length) throw new UserError(`indicatori sconosciuti: ${unknown.join(', ')} (elenco: mev indicators --format table)`);
  return specs.filter((s) => ids.includes(s.id));
}

export async function computeCatalogue(db: Database, project: Project, options: CatalogueOptions): Promise<CatalogueResult> {
  const asOf = await resolveAsOf(db, options.asOf);
  const period = choosePeriod(options, project, asOf);
  options.progress?.phase(msg.progressBase());
  await buildBase(db, asOf, project);
  return computeForPeriod(db, project, period, options);
}

/**
 * The catalogue for one period on base relations already built for its as_of (buildBase): a
 * report computes many periods (months of a year) on one base.
 */
export async function computeForPeriod(db: Database, project: Project, period: ResolvedPeriod, options: CatalogueOptions): Promise<CatalogueResult> {
  const asOf = period.asOf;
  const specs = selectSpecs(options.ids);
  await setPeriods(db, period);
  const ctx = { db, project, lang: options.lang ?? 'it', by: options.by, byIds: options.byIds };
  const progress = options.progress ?? SILENT;
  let values: IndicatorValue[] = [];
  for (const [index, spec] of specs.entries()) {
    progress.phase(msg.progressIndicator(index + 1, specs.length, spec.id));
    let rows = await runIndicator(ctx, spec);
    if (spec.basis === 'wave' && options.wave) rows = rows.filter((v) => v.group['wave'] === options.wave);
    values.push(...rows);
  }
  values = attachTargets(values, project, specs);
  if (options.suppress && options.suppress > 1) values = suppress(values, options.suppress, specs);
  else values = values.map(({ previousCell: _internal, ...v }) => v);
  return {
    period: { from: period.from, to: period.to, end: period.end, label: period.label, days: period.days, previous: period.previous },
    as_of: asOf,
    values,
  };
}
