/**
 * Checks on what ingest set aside: rejected rows (offer and case data), identifier values redacted
 * in rows that loaded, and rejected rows of the network surveys (rete, collaborazione).
 */
import { literal } from '../db.js';
import { REASONS } from '../ingest/reasons.js';
import type { CheckSpec } from './spec.js';

const SURVEY_ENTITIES = `('rete', 'collaborazione')`;
const REDACTED = `'identifier_redacted'`;

/** Files are recorded by base name (databases written before that hold the path as given). */
const baseName = (column: string) => `CASE WHEN contains(${column}, '/') THEN regexp_extract(${column}, '[^/]*$') ELSE ${column} END`;

/**
 * The rejections that still describe the database: those of the latest ingest of each file
 * (a file ingested again, fixed or not, supersedes its earlier rejections), minus those of an
 * entity replaced whole (--replace) by a later call.
 */
export function currentRejectionsSql(): string {
  return `(WITH runs AS (
    SELECT entity, ${baseName('file')} AS name, ingest_id FROM rejected_rows
    UNION ALL SELECT entity, file, ingest_id FROM ingest_log
  ), latest AS (
    SELECT entity, name, max(ingest_id) AS ingest_id FROM runs GROUP BY entity, name
  )
  SELECT r.* FROM rejected_rows r
  JOIN latest l ON l.entity IS NOT DISTINCT FROM r.entity AND l.name = ${baseName('r.file')} AND l.ingest_id IS NOT DISTINCT FROM r.ingest_id
  WHERE NOT EXISTS (SELECT 1 FROM ingest_log g WHERE g.replaced AND g.entity = r.entity AND g.ingest_id > r.ingest_id))`;
}

const reasonLabel = (code: string) =>
  `coalesce(map_extract_value(MAP {${Object.entries(REASONS).map(([k, v]) => `${literal(k)}: ${literal(v)}`).join(', ')}}, ${code}), ${code})`;

function rejected(where: string): Pick<CheckSpec, 'findings' | 'order' | 'summary' | 'table' | 'key' | 'noun'> {
  return {
    key: 'file:riga',
    noun: { it: ['riga', 'righe'], en: ['row', 'rows'] },
    findings: () => `SELECT DISTINCT file || ':' || line AS chiave, file, line FROM ${currentRejectionsSql()} r
      WHERE ${where}`,
    order: 'file, line',
    summary: () => `SELECT file, entity AS entita, reason_code AS codice_motivo, ${reasonLabel('reason_code')} AS motivo, column_name AS colonna,
        count(DISTINCT line) AS righe
      FROM ${currentRejectionsSql()} r WHERE ${where}
      GROUP BY ALL ORDER BY file, codice_motivo, colonna NULLS FIRST`,
    table: [
      { key: 'file', label: 'file' },
      { key: 'motivo', label: 'motivo' },
      { key: 'colonna', label: 'colonna' },
      { key: 'righe', label: 'righe', type: 'integer' },
    ],
  };
}

export const rejectedRows: CheckSpec = {
  id: 'rejected_rows',
  label: { it: 'Righe scartate al caricamento', en: 'Rejected rows' },
  severity: 'error',
  ...rejected(`r.reason_code IS DISTINCT FROM ${REDACTED} AND coalesce(r.entity, '') NOT IN ${SURVEY_ENTITIES}`),
};

export const valuesRedacted: CheckSpec = {
  id: 'values_redacted',
  label: { it: 'Dati identificativi oscurati (righe caricate)', en: 'Identifier values redacted (rows loaded)' },
  severity: 'warning',
  key: 'file:riga',
  noun: { it: ['riga', 'righe'], en: ['row', 'rows'] },
  findings: () => `SELECT DISTINCT file || ':' || line AS chiave, file, line FROM ${currentRejectionsSql()} r
    WHERE r.reason_code = ${REDACTED}`,
  order: 'file, line',
  summary: () => `SELECT file, entity AS entita, column_name AS colonna, count(DISTINCT line) AS righe
    FROM ${currentRejectionsSql()} r WHERE r.reason_code = ${REDACTED}
    GROUP BY ALL ORDER BY file, colonna`,
  table: [
    { key: 'file', label: 'file' },
    { key: 'colonna', label: 'colonna' },
    { key: 'righe', label: 'righe', type: 'integer' },
  ],
};

export const surveyRowsRejected: CheckSpec = {
  id: 'survey_rows_rejected',
  label: { it: 'Righe scartate dei questionari di rete', en: 'Survey rows rejected' },
  severity: 'error',
  ...rejected(`r.reason_code IS DISTINCT FROM ${REDACTED} AND r.entity IN ${SURVEY_ENTITIES}`),
};
