/**
 * `mev check`: every data-quality check of checks.ts run on one database, each giving a count,
 * the offending keys and details. Paths and follow-ups come from the indicators' own base
 * relations (src/indicators/base.ts) as of the latest event date, so a finding means exactly
 * what the indicators would make of the data.
 */
import type { Project } from '../config.js';
import { ident, literal, type Database, type Row } from '../db.js';
import { isInitialised } from '../ddl.js';
import { UserError } from '../errors.js';
import { baseRelations, buildStatements, latestEventDate } from '../indicators/base.js';
import * as msg from '../messages.js';
import { SILENT, type Progress } from '../progress.js';
import { CHECKS } from './checks.js';
import type { CheckContext, CheckSpec, Severity } from './spec.js';

export interface CheckResult {
  id: string;
  label: string;
  label_en: string;
  severity: Severity;
  /** What one key names (`codice_caso`, `file:riga`, …). */
  key: string;
  /** Number of offending keys (= keys.length unless the keys were limited). */
  count: number;
  keys: string[];
  details: Row[];
  /** Number of detail rows before any limit (not part of the JSON). */
  detailsTotal: number;
}

export interface CheckReport {
  /** The date the data describe: the latest event date (null for a database without events). */
  as_of: string | null;
  checks: CheckResult[];
}

export interface CheckOptions {
  /** Overrides the latest event date (tests). */
  asOf?: string;
  /** Only these checks (tests); all by default. */
  ids?: string[];
  /** At most this many keys and finding rows per check (the table shows 50); `count` stays complete. */
  limit?: number;
  /** The base relations are already built for this as_of (a report that computed indicators first). */
  baseBuilt?: boolean;
  /** The progress line (phase) on a terminal; silent by default. */
  progress?: Progress;
}

/** The base relations the checks read; the others (scores, requests, network) are not built. */
const BASE = ['params', 'units', 'unit_info', 'stays', 'paths', 'contacts', 'followups'];

/** Any date will do when there are no events: there are no stays, paths or contacts to date. */
const NO_EVENTS = '2000-01-01';

async function buildCheckBase(db: Database, project: Project, asOf: string): Promise<void> {
  const relations = new Map(baseRelations(asOf, project).map((relation) => [relation[0], relation] as const));
  for (const name of BASE) {
    const relation = relations.get(name);
    if (relation === undefined) throw new Error(`base relation ${name} missing from src/indicators/base.ts`);
    for (const statement of buildStatements(relation)) await db.run(statement);
  }
}

export function checkLabel(spec: CheckSpec, project: Project, lang: 'it' | 'en'): string {
  return spec.label[lang].replaceAll('{long_stay_months}', String(project.config.thresholds.long_stay_months));
}

const FINDINGS = 'check_findings';

/** A JSON text computed by DuckDB, parsed: far cheaper than row objects for large results. */
async function jsonValue(db: Database, sql: string): Promise<unknown[]> {
  const text = await db.value<string | null>(sql);
  return text === null || text === undefined ? [] : (JSON.parse(text) as unknown[]);
}

async function runOne(db: Database, spec: CheckSpec, ctx: CheckContext, limit: number | undefined): Promise<CheckResult> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${FINDINGS} AS
    SELECT *, row_number() OVER (ORDER BY ${spec.order}) AS check_n FROM (${spec.findings(ctx)})`);
  const top = limit === undefined ? '' : `LIMIT ${limit}`;
  const counts = (await db.one<{ keys: number; rows: number }>(`SELECT count(DISTINCT chiave) AS keys, count(*) AS rows FROM ${FINDINGS}`))!;
  const keys = (await jsonValue(db, `SELECT CAST(to_json(list(chiave ORDER BY n)) AS VARCHAR)
    FROM (SELECT CAST(chiave AS VARCHAR) AS chiave, min(check_n) AS n FROM ${FINDINGS} GROUP BY 1 ORDER BY n ${top})`)) as string[];
  let details: Row[];
  let detailsTotal: number;
  if (spec.summary) {
    details = await db.all(spec.summary(ctx));
    detailsTotal = details.length;
  } else {
    const columns = (await db.all<{ column_name: string }>(`DESCRIBE ${FINDINGS}`)).map((c) => c.column_name).filter((c) => c !== 'chiave' && c !== 'check_n');
    const struct = `{${columns.map((c) => `${literal(c)}: ${ident(c)}`).join(', ')}}`;
    details = (await jsonValue(db, `SELECT CAST(to_json(list(${struct} ORDER BY check_n)) AS VARCHAR)
      FROM (SELECT * FROM ${FINDINGS} ORDER BY check_n ${top})`)) as Row[];
    detailsTotal = Number(counts.rows);
  }
  await db.run(`DROP TABLE ${FINDINGS}`);
  return {
    id: spec.id,
    label: checkLabel(spec, ctx.project, 'it'),
    label_en: checkLabel(spec, ctx.project, 'en'),
    severity: spec.severity,
    key: spec.key,
    count: Number(counts.keys),
    keys,
    details,
    detailsTotal,
  };
}

export async function runChecks(db: Database, project: Project, options: CheckOptions = {}): Promise<CheckReport> {
  if (!(await isInitialised(db))) throw new UserError(msg.dbUnreadable(db.path, 'mancano le tabelle di mev: caricalo con «mev ingest»'));
  const latest = options.asOf ?? (await latestEventDate(db));
  const ctx: CheckContext = { project, asOf: latest ?? NO_EVENTS };
  const progress = options.progress ?? SILENT;
  if (!options.baseBuilt) {
    progress.phase(msg.progressBase());
    await buildCheckBase(db, project, ctx.asOf);
  }
  const specs = options.ids ? CHECKS.filter((c) => options.ids!.includes(c.id)) : CHECKS;
  const checks: CheckResult[] = [];
  for (const [index, spec] of specs.entries()) {
    progress.phase(msg.progressCheck(index + 1, specs.length, spec.id));
    checks.push(await runOne(db, spec, ctx, options.limit));
  }
  return { as_of: latest, checks };
}
