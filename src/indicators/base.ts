/**
 * The relations every indicator's SQL reads, built once per run as TEMP tables for one as_of
 * (events after as_of have not happened yet). Indicator files query these, never the raw tables,
 * so every indicator shares one reading of the definitions of §3.
 *
 *   params     as_of and the configured thresholds (one row)
 *   periods    'current' and 'previous': from_date, end_date, days
 *   units      availability intervals of the units (alloggio, ambito, comune, posti, data_apertura, data_chiusura)
 *   unit_info  one row per unit code: ambito, comune (of its latest opening)
 *   stays      stays as of as_of with their path (codice_percorso), unit attributes, exit values
 *   paths      paths as of as_of, entry-side and exit-side attributes, age at entry, destination class
 *   requests   requests as of as_of (a decision after as_of is still waiting)
 *   assessments, contacts   assessments and follow-up contacts dated by as_of, with their path
 *   path_scores  per path and dimension: entry and exit score
 *   followup_scores  per exited path and dimension: the follow-up score (in the window, nearest the target)
 *   followups  one row per exited path: target date, window, assessable, completed, housing situation
 */
import type { Project } from '../config.js';
import { literal, type Database } from '../db.js';
import { pathsFromStaysSql, pathStaysSql } from '../paths.js';
import type { ResolvedPeriod } from '../periods.js';
import { networkRelations } from './network-base.js';

const d = (iso: string) => `DATE ${literal(iso)}`;

/** The `periods` relation: the current period and the previous one. */
export function periodsSql(period: ResolvedPeriod): string {
  return `SELECT * FROM (VALUES
    ('current', ${d(period.from)}, ${d(period.end)}, ${period.days}),
    ('previous', ${d(period.previous.from)}, ${d(period.previous.end)}, ${period.previous.days})
  ) t(period, from_date, end_date, days)`;
}

/** Relations that depend on as_of only (built once, shared by every period of a run). */
export function baseRelations(asOfIso: string, project: Project): BaseRelation[] {
  const { follow_up: fu, thresholds: th } = project.config;
  const asOf = d(asOfIso);
  return [
    [
      'params',
      `SELECT ${asOf} AS as_of, ${fu.months} AS followup_months, ${fu.window_days} AS followup_window,
        ${th.transfer_gap_days} AS transfer_gap, ${th.long_stay_months} AS long_stay_months`,
    ],
    ['units', `SELECT codice_alloggio AS alloggio, ambito, comune, posti, data_apertura, data_chiusura FROM alloggi`],
    [
      'unit_info',
      `SELECT codice_alloggio AS alloggio, arg_max(ambito, data_apertura) AS ambito, arg_max(comune, data_apertura) AS comune
       FROM alloggi GROUP BY codice_alloggio`,
    ],
    [
      'stays',
      `SELECT s.*, s.codice_alloggio AS alloggio, u.ambito, u.comune
       FROM (${pathStaysSql({ asOf: asOfIso, gapDays: th.transfer_gap_days })}) s
       LEFT JOIN unit_info u ON u.alloggio = s.codice_alloggio`,
    ],
    [
      'paths',
      `SELECT p.*,
         CASE WHEN p.data_uscita IS NULL THEN NULL ELSE coalesce(v.classe, 'ignota') END AS classe_destinazione,
         CASE WHEN p.anno_nascita IS NOT NULL THEN year(p.data_ingresso) - p.anno_nascita END AS eta_ingresso
       FROM (${pathsFromStaysSql('stays', { sides: ['ambito', 'comune'], cases: false })}) p
       LEFT JOIN vocabolari v ON v.vocabolario = 'destinazione' AND v.codice = p.destinazione_uscita`,
    ],
    [
      'requests',
      `SELECT codice_segnalazione, data_segnalazione, ente_inviante, target, ambito, codice_caso,
         CASE WHEN esito IN ('accolta', 'non_accolta', 'ritirata') AND data_esito > ${asOf} THEN 'in_attesa' ELSE esito END AS esito,
         CASE WHEN data_esito <= ${asOf} THEN data_esito END AS data_esito
       FROM segnalazioni WHERE data_segnalazione <= ${asOf}`,
    ],
    [
      'assessments',
      `SELECT v.codice_caso, v.fase, v.data, v.dimensione, v.punteggio, s.codice_percorso
       FROM valutazioni v JOIN stays s ON s.codice_caso = v.codice_caso WHERE v.data <= ${asOf}`,
      'view',
    ],
    [
      'instrument_dimensions',
      `SELECT * FROM (VALUES ${project.instrument.dimensions.map((x, i) => `(${literal(x.code)}, ${i})`).join(', ')}) t(dimension, position)
       UNION ALL
       SELECT DISTINCT dimensione, 1000 FROM valutazioni
       WHERE dimensione NOT IN (${project.instrument.dimensions.map((x) => literal(x.code)).join(', ')})`,
    ],
    [
      'contacts',
      `SELECT f.codice_caso, f.data_contatto, f.esito_contatto, f.situazione_abitativa, f.lavoro, s.codice_percorso
       FROM followup f JOIN stays s ON s.codice_caso = f.codice_caso WHERE f.data_contatto <= ${asOf}`,
    ],
    [
      'followups',
      // NOT MATERIALIZED: `due` is read twice; DuckDB would otherwise copy every exited path
      // (a million-stay network: about a second) instead of scanning the paths table twice.
      `WITH due AS NOT MATERIALIZED (
         SELECT p.*, CAST(p.data_uscita + INTERVAL ${fu.months} MONTH AS DATE) AS data_target FROM paths p WHERE p.data_uscita IS NOT NULL
       ), completing AS (
         SELECT d.codice_percorso,
           -- arg_min_null: the nearest completing contact decides even when its situation is empty.
           arg_min_null(c.situazione_abitativa, {'distance': abs(c.data_contatto - d.data_target), 'date': c.data_contatto, 'case': c.codice_caso}) AS situazione_abitativa,
           arg_min_null(c.lavoro, {'distance': abs(c.data_contatto - d.data_target), 'date': c.data_contatto, 'case': c.codice_caso}) AS lavoro,
           min(c.data_contatto) AS primo_contatto_valido
         FROM due d JOIN contacts c ON c.codice_percorso = d.codice_percorso
         WHERE c.esito_contatto = 'raggiunta' AND c.data_contatto > d.data_uscita
           AND c.data_contatto BETWEEN d.data_target - ${fu.window_days} AND d.data_target + ${fu.window_days}
         GROUP BY d.codice_percorso
       )
       SELECT d.*, d.data_target - ${fu.window_days} AS finestra_da, d.data_target + ${fu.window_days} AS finestra_a,
         d.data_target + ${fu.window_days} <= ${asOf} AS valutabile,
         c.codice_percorso IS NOT NULL AS completato,
         c.situazione_abitativa, coalesce(v.classe, CASE WHEN c.situazione_abitativa IS NOT NULL THEN 'ignota' END) AS classe_situazione,
         c.lavoro
       FROM due d
       LEFT JOIN completing c ON c.codice_percorso = d.codice_percorso
       LEFT JOIN vocabolari v ON v.vocabolario = 'destinazione' AND v.codice = c.situazione_abitativa`,
    ],
    [
      'path_scores',
      // One pass over the assessments: the earliest entry score and the latest exit score of each
      // path and dimension (the exit score is read only for paths that exited).
      `SELECT s.codice_percorso, v.dimensione,
         arg_min(v.punteggio, v.data) FILTER (WHERE v.fase = 'ingresso') AS ingresso,
         arg_max(v.punteggio, v.data) FILTER (WHERE v.fase = 'uscita') AS uscita
       FROM valutazioni v JOIN stays s ON s.codice_caso = v.codice_caso
       WHERE v.data <= ${asOf} AND v.fase IN ('ingresso', 'uscita')
       GROUP BY ALL`,
      'joins-as-written',
    ],
    [
      'followup_scores',
      // The follow-up assessment of a path: dated after the exit, within the window, nearest the target.
      `SELECT f.codice_percorso, v.dimensione,
         arg_min(v.punteggio, {'distance': abs(v.data - f.data_target), 'date': v.data}) AS follow_up
       FROM valutazioni v
       JOIN stays s ON s.codice_caso = v.codice_caso
       JOIN followups f ON f.codice_percorso = s.codice_percorso
       WHERE v.fase = 'follow_up' AND v.data <= ${asOf} AND v.data > f.data_uscita
         AND v.data BETWEEN f.finestra_da AND f.finestra_a
       GROUP BY ALL`,
    ],
  ];
}

/**
 * A relation: its name, its SELECT, and how it is built. By default a TEMP table. 'view': read
 * once, never materialised. 'joins-as-written': a TEMP table built with DuckDB's choice of the
 * join's build side turned off, so that the hash table is built on the right-hand relation as
 * written. For path_scores DuckDB estimates the 9.9 million assessments of a million-stay network,
 * once filtered by phase and date, below the million stays (default selectivities) and builds on
 * the assessments: the join takes three times as long (docs/performance.md).
 */
export type BaseRelation = [string, string] | [string, string, 'view' | 'joins-as-written'];

/** The statement(s) that build one base relation. */
export function buildStatements([name, sql, kind]: BaseRelation): string[] {
  if (kind === 'view') return [`CREATE OR REPLACE TEMP VIEW ${name} AS ${sql}`];
  const create = `CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`;
  if (kind === 'joins-as-written') return [`SET disabled_optimizers = 'build_side_probe_side'`, create, `RESET disabled_optimizers`];
  return [create];
}

/** Builds the base relations for an as_of (given as a date, or as a period whose as_of it is; a period also sets `periods`). */
export async function buildBase(db: Database, asOf: string | ResolvedPeriod, project: Project): Promise<void> {
  const date = typeof asOf === 'string' ? asOf : asOf.asOf;
  for (const relation of [...baseRelations(date, project), ...(networkRelations(project) as BaseRelation[])]) {
    for (const statement of buildStatements(relation)) await db.run(statement);
  }
  if (typeof asOf !== 'string') await setPeriods(db, asOf);
}

export async function setPeriods(db: Database, period: ResolvedPeriod): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE periods AS ${periodsSql(period)}`);
}

/** The latest event date in the data: the default as_of. */
export async function latestEventDate(db: Database): Promise<string | null> {
  const row = await db.one<{ d: string | null }>(`SELECT CAST(greatest(
      (SELECT max(greatest(data_ingresso, coalesce(data_uscita, data_ingresso))) FROM ospitalita),
      (SELECT max(greatest(data_segnalazione, coalesce(data_esito, data_segnalazione))) FROM segnalazioni),
      (SELECT max(data) FROM valutazioni),
      (SELECT max(data_contatto) FROM followup)
    ) AS DATE) AS d`);
  return row?.d ?? null;
}
