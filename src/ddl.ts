/**
 * The database schema: one table per entity with the canonical columns, plus rejected_rows,
 * ingest_log, the percorsi view and small reference tables (vocabolari, territorio, mev_meta).
 * Every table, view and column carries a COMMENT, so the file explains itself in any client.
 */
import { ENTITIES, type ColumnSpec, type EntitySpec } from '../schemas/entities.js';
import type { Project } from './config.js';
import { ident, literal, type Database } from './db.js';
import { PERCORSI_COLUMNS, percorsiViewSql } from './paths.js';
import { loadVocabularies } from './vocabulary.js';

export const SCHEMA_VERSION = '1';

export function sqlType(column: ColumnSpec): string {
  switch (column.type) {
    case 'integer':
      return 'INTEGER';
    case 'decimal':
    case 'score':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    case 'waves':
      return 'VARCHAR[]';
    default:
      return 'VARCHAR';
  }
}

/** Vocabulary columns keep the raw value beside `non_classificato`. */
export const originalColumn = (column: ColumnSpec) => `${column.name}_originale`;

/** Columns of an entity table, in order: canonical columns, then the raw values of vocabulary misses. */
export function tableColumns(spec: EntitySpec): { name: string; type: string; comment: string }[] {
  const columns = spec.columns.map((c) => ({ name: c.name, type: sqlType(c), comment: c.description }));
  for (const c of spec.columns.filter((c) => c.type === 'vocab')) {
    columns.push({ name: originalColumn(c), type: 'VARCHAR', comment: `Valore originale di ${c.name} quando non è nel vocabolario (${c.name} = non_classificato).` });
  }
  return columns;
}

interface TableDef {
  name: string;
  comment: string;
  columns: { name: string; type: string; comment: string }[];
}

const SUPPORT_TABLES: TableDef[] = [
  {
    name: 'rejected_rows',
    comment: 'Righe scartate al caricamento (e valori identificativi oscurati), con riga, colonna e motivo. I dati identificativi sono oscurati in raw_line.',
    columns: [
      { name: 'ingest_id', type: 'INTEGER', comment: 'Caricamento (ingest_log.ingest_id).' },
      { name: 'file', type: 'VARCHAR', comment: 'File di origine.' },
      { name: 'entity', type: 'VARCHAR', comment: 'Entità del file.' },
      { name: 'line', type: 'BIGINT', comment: 'Riga nel file come in un foglio di calcolo (intestazione = 1).' },
      { name: 'column_name', type: 'VARCHAR', comment: 'Colonna (canonica) del problema, vuota se riguarda la riga intera.' },
      { name: 'reason_code', type: 'VARCHAR', comment: 'Codice stabile del motivo (es. invalid_date, duplicate_key, identifier_redacted).' },
      { name: 'reason', type: 'VARCHAR', comment: 'Motivo in italiano, con il valore letto (oscurato se identificativo).' },
      { name: 'raw_line', type: 'VARCHAR', comment: 'Valori delle colonne caricate, separati come nel file, con i dati identificativi oscurati.' },
    ],
  },
  {
    name: 'ingest_log',
    comment: 'Un file per riga: cosa è stato caricato, quando, con quale esito.',
    columns: [
      { name: 'ingest_id', type: 'INTEGER', comment: 'Numero progressivo del caricamento (una chiamata di mev ingest).' },
      { name: 'file', type: 'VARCHAR', comment: 'Nome del file come indicato.' },
      { name: 'sha256', type: 'VARCHAR', comment: 'Impronta sha256 del contenuto del file.' },
      { name: 'entity', type: 'VARCHAR', comment: 'Entità riconosciuta.' },
      { name: 'encoding', type: 'VARCHAR', comment: 'Codifica dei caratteri rilevata.' },
      { name: 'delimiter', type: 'VARCHAR', comment: 'Separatore di campo rilevato.' },
      { name: 'rows_read', type: 'BIGINT', comment: 'Righe di dati lette.' },
      { name: 'rows_inserted', type: 'BIGINT', comment: 'Righe nuove.' },
      { name: 'rows_updated', type: 'BIGINT', comment: 'Righe già presenti (stessa chiave) con valori cambiati.' },
      { name: 'rows_unchanged', type: 'BIGINT', comment: 'Righe già presenti e identiche.' },
      { name: 'rows_rejected', type: 'BIGINT', comment: 'Righe scartate (dettaglio in rejected_rows).' },
      { name: 'values_redacted', type: 'BIGINT', comment: 'Righe con valori identificativi oscurati (riga caricata).' },
      { name: 'codes_hashed', type: 'BIGINT', comment: 'Righe con codici sostituiti da un codice cifrato.' },
      { name: 'replaced', type: 'BOOLEAN', comment: 'Vero se il file ha sostituito l’intera entità (--replace).' },
      { name: 'columns_dropped', type: 'VARCHAR[]', comment: 'Intestazioni di colonne identificative eliminate senza salvarle.' },
      { name: 'columns_ignored', type: 'VARCHAR[]', comment: 'Intestazioni di colonne non previste, ignorate.' },
      { name: 'started_at', type: 'TIMESTAMP', comment: 'Inizio del caricamento.' },
      { name: 'finished_at', type: 'TIMESTAMP', comment: 'Fine del caricamento (commit).' },
      { name: 'tool_version', type: 'VARCHAR', comment: 'Versione di mev.' },
    ],
  },
  {
    name: 'vocabolari',
    comment: 'Vocabolari in uso: codici, etichette e classe di esito (per le destinazioni).',
    columns: [
      { name: 'vocabolario', type: 'VARCHAR', comment: 'Nome del vocabolario (es. destinazione).' },
      { name: 'codice', type: 'VARCHAR', comment: 'Codice memorizzato nelle tabelle.' },
      { name: 'etichetta_it', type: 'VARCHAR', comment: 'Etichetta italiana.' },
      { name: 'etichetta_en', type: 'VARCHAR', comment: 'Etichetta inglese.' },
      { name: 'classe', type: 'VARCHAR', comment: 'Classe di esito: positiva, neutra, negativa, ignota (solo destinazioni).' },
    ],
  },
  {
    name: 'territorio',
    comment: 'Comuni con codice ISTAT e ambito territoriale (dal file del territorio in uso).',
    columns: [
      { name: 'comune', type: 'VARCHAR', comment: 'Nome del comune.' },
      { name: 'codice_istat', type: 'VARCHAR', comment: 'Codice ISTAT del comune.' },
      { name: 'ambito', type: 'VARCHAR', comment: 'Ambito territoriale del comune.' },
    ],
  },
  {
    name: 'mev_meta',
    comment: 'Metadati del database: versione dello schema, impronta della chiave di pseudonimizzazione.',
    columns: [
      { name: 'key', type: 'VARCHAR', comment: 'Nome del metadato.' },
      { name: 'value', type: 'VARCHAR', comment: 'Valore.' },
    ],
  },
];

export function allTables(): TableDef[] {
  return [...ENTITIES.map((e) => ({ name: e.name, comment: `${e.label_it}: ${e.description} Chiave: ${e.key.join(' + ')}.`, columns: tableColumns(e) })), ...SUPPORT_TABLES];
}

function createTable(t: TableDef): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${ident(t.name)} (${t.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`,
    `COMMENT ON TABLE ${ident(t.name)} IS ${literal(t.comment)}`,
    ...t.columns.map((c) => `COMMENT ON COLUMN ${ident(t.name)}.${ident(c.name)} IS ${literal(c.comment)}`),
  ];
}

export async function isInitialised(db: Database): Promise<boolean> {
  const n = await db.value<number>(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mev_meta' AND schema_name = 'main'`);
  return n > 0;
}

/**
 * Creates the schema on a new database, and refreshes on every ingest what may have changed: the
 * reference tables (vocabularies, territory) and the percorsi view when the transfer gap changed
 * (inside the caller's transaction). Creating tables and comments runs only once per schema
 * version: it is a few hundred statements.
 */
export async function ensureSchema(db: Database, project: Project): Promise<void> {
  const gap = String(project.config.thresholds.transfer_gap_days);
  const current = (await isInitialised(db)) ? await metaValue(db, 'schema_version') : null;
  if (current !== SCHEMA_VERSION) {
    for (const table of allTables()) for (const statement of createTable(table)) await db.run(statement);
    await setMeta(db, 'schema_version', SCHEMA_VERSION);
  }
  if (current !== SCHEMA_VERSION || (await metaValue(db, 'transfer_gap_days')) !== gap) {
    await db.run(percorsiViewSql(project.config.thresholds.transfer_gap_days));
    await db.run(`COMMENT ON VIEW percorsi IS ${literal(`Percorsi: le permanenze di una persona unite quando una entra entro ${gap} giorni dall’uscita più recente (trasferimenti). Un percorso è un ingresso nella rete e al più un’uscita.`)}`);
    for (const [column, comment] of Object.entries(PERCORSI_COLUMNS)) await db.run(`COMMENT ON COLUMN percorsi.${ident(column)} IS ${literal(comment)}`);
    await setMeta(db, 'transfer_gap_days', gap);
  }
  await db.run('DELETE FROM vocabolari');
  const codes = [...loadVocabularies().values()].flatMap((v) => v.file.codes.map((c) => [v.name, c.code, c.label_it, c.label_en, c.class ?? null]));
  await db.run(`INSERT INTO vocabolari VALUES ${codes.map((row) => `(${row.map((x) => (x === null ? 'NULL' : literal(x))).join(', ')})`).join(', ')}`);
  await db.run('DELETE FROM territorio');
  const comuni = project.territory.file.comuni.map((c) => [c.label, c.istat, project.territory.ambitoOfComune.get(c.label) ?? null]);
  if (comuni.length) await db.run(`INSERT INTO territorio VALUES ${comuni.map((row) => `(${row.map((x) => (x === null ? 'NULL' : literal(x))).join(', ')})`).join(', ')}`);
}

export async function metaValue(db: Database, key: string): Promise<string | null> {
  const row = await db.one<{ value: string }>('SELECT value FROM mev_meta WHERE key = ?', [key]);
  return row?.value ?? null;
}

export async function setMeta(db: Database, key: string, value: string): Promise<void> {
  await db.run('DELETE FROM mev_meta WHERE key = ?', [key]);
  await db.run('INSERT INTO mev_meta VALUES (?, ?)', [key, value]);
}
