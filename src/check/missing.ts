/**
 * Missing values per column of the eight entity tables: the share of empty cells among the rows
 * the column applies to. Every column is reported; a column is flagged when it is required by
 * the schema or needed by a definition of §3 and has empty cells.
 */
import { ENTITIES, type EntitySpec } from '../../schemas/entities.js';
import { ident, literal } from '../db.js';
import type { CheckSpec } from './spec.js';

interface Applicability {
  /** Rows the column applies to (SQL condition), and their description. */
  where?: string;
  base?: string;
  /** Needed by a definition of §3 (an empty cell leaves a value missing). */
  needed?: boolean;
}

const EXITED = { where: 'data_uscita IS NOT NULL', base: 'permanenze concluse' };
const REACHED = { where: `esito_contatto = 'raggiunta'`, base: 'contatti raggiunti' };
const RATED = { where: 'livello >= 1', base: 'valutazioni con livello ≥ 1', needed: true };

/**
 * Columns whose cells a definition reads, and the rows they apply to. The others apply to every
 * row and are reported without a flag (optional descriptions, closing dates of open units).
 */
const APPLICABILITY: Record<string, Record<string, Applicability>> = {
  alloggi: {
    data_chiusura: { base: 'tutte le righe (vuota = aperto)' },
  },
  ospitalita: {
    data_uscita: { base: 'tutte le righe (vuota = in corso)' },
    data_segnalazione: { needed: true },
    ente_inviante: { needed: true },
    target: { needed: true },
    cittadinanza: { needed: true },
    anno_nascita: { needed: true },
    figli: { needed: true },
    reddito_ingresso: { needed: true },
    destinazione_uscita: { ...EXITED, needed: true },
    motivo_uscita: { ...EXITED, needed: true },
    reddito_uscita: { ...EXITED, needed: true },
  },
  segnalazioni: {
    data_esito: { where: `esito IN ('accolta', 'non_accolta', 'ritirata')`, base: 'segnalazioni decise', needed: true },
    codice_caso: { where: `esito = 'accolta'`, base: 'segnalazioni accolte' },
  },
  followup: {
    situazione_abitativa: { ...REACHED, needed: true },
    lavoro: REACHED,
  },
  enti: {
    ondate: { base: 'tutte le righe (vuota = ogni ondata)' },
  },
  rete: {
    fiducia_affidabilita: RATED,
    fiducia_missione: RATED,
    fiducia_apertura: RATED,
    valore_potere: RATED,
    valore_coinvolgimento: RATED,
    valore_risorse: RATED,
  },
};

/** One row per column: tabella, colonna, base, righe, mancanti, quota, obbligatoria, richiesta. One scan per table. */
function tableSql(entity: EntitySpec): string {
  const rules = APPLICABILITY[entity.name] ?? {};
  const aggregates: string[] = [];
  const rows: string[] = [];
  entity.columns.forEach((c, i) => {
    const rule = rules[c.name] ?? {};
    const filter = rule.where ? ` FILTER (WHERE ${rule.where})` : '';
    aggregates.push(`count(*)${filter} AS n${i}`, `count(*)${filter} - count(${ident(c.name)})${filter} AS m${i}`);
    rows.push(`SELECT ${literal(entity.name)} AS tabella, ${literal(c.name)} AS colonna, ${literal(rule.base ?? 'tutte le righe')} AS base,
      n${i} AS righe, m${i} AS mancanti, ${c.required} AS obbligatoria, ${c.required || rule.needed === true} AS richiesta, ${i} AS ordine FROM agg`);
  });
  return `(WITH agg AS (SELECT ${aggregates.join(', ')} FROM ${ident(entity.name)}) ${rows.join(' UNION ALL ')})`;
}

function missingSql(): string {
  return ENTITIES.map((e, t) => `SELECT ${t} AS ordine_tabella, * FROM ${tableSql(e)}`).join('\nUNION ALL\n');
}

export const missingValues: CheckSpec = {
  id: 'missing_values',
  label: { it: 'Valori mancanti per colonna', en: 'Missing values per column' },
  severity: 'info',
  key: 'tabella.colonna',
  noun: { it: ['colonna', 'colonne'], en: ['column', 'columns'] },
  findings: () => `SELECT tabella || '.' || colonna AS chiave, tabella, colonna, ordine_tabella, ordine FROM (${missingSql()})
    WHERE richiesta AND mancanti > 0`,
  order: 'ordine_tabella, ordine',
  summary: () => `SELECT tabella, colonna, base, righe, mancanti, CASE WHEN righe > 0 THEN mancanti / righe END AS quota, obbligatoria, richiesta
    FROM (${missingSql()}) ORDER BY ordine_tabella, ordine`,
  table: [
    { key: 'tabella', label: 'tabella' },
    { key: 'colonna', label: 'colonna' },
    { key: 'base', label: 'su' },
    { key: 'righe', label: 'righe', type: 'integer' },
    { key: 'mancanti', label: 'mancanti', type: 'integer' },
    { key: 'quota', label: 'quota', type: 'percent' },
    { key: 'richiesta', label: 'richiesta', type: 'boolean' },
  ],
  tableRows: (row) => Number(row['mancanti']) > 0,
};
