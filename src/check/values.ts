/**
 * Checks on single values: vocabulary misses (loaded as non_classificato, raw value kept) and
 * districts or municipalities that are not in the territory (accepted at ingest, reported here).
 */
import { ENTITIES } from '../../schemas/entities.js';
import { ident, literal } from '../db.js';
import { originalColumn } from '../ddl.js';
import { UNCLASSIFIED } from '../vocabulary.js';
import { columnsOfType, tableKeySql, valuesSql, type CheckContext, type CheckSpec } from './spec.js';

function vocabularyMissesSql(): string {
  const parts = ENTITIES.flatMap((e) =>
    columnsOfType(e, 'vocab').map(
      (c) => `SELECT ${literal(e.name)} AS tabella, ${literal(c.name)} AS colonna,
        coalesce(${ident(originalColumn(c))}, ${ident(c.name)}) AS valore, ${tableKeySql(e)} AS chiave
      FROM ${ident(e.name)} WHERE ${ident(c.name)} = ${literal(UNCLASSIFIED)}`,
    ),
  );
  return parts.join('\nUNION ALL\n');
}

export const vocabularyMiss: CheckSpec = {
  id: 'vocabulary_miss',
  label: { it: 'Valori fuori vocabolario (non_classificato)', en: 'Values outside the vocabulary (non_classificato)' },
  severity: 'warning',
  key: 'tabella:chiave',
  noun: { it: ['riga', 'righe'], en: ['row', 'rows'] },
  findings: () => `SELECT chiave, tabella, colonna, valore FROM (${vocabularyMissesSql()})`,
  order: 'tabella, chiave, colonna',
  summary: () => `SELECT tabella, colonna, valore, count(*) AS righe FROM (${vocabularyMissesSql()})
    GROUP BY ALL ORDER BY tabella, colonna, righe DESC, valore`,
  table: [
    { key: 'tabella', label: 'tabella' },
    { key: 'colonna', label: 'colonna' },
    { key: 'valore', label: 'valore' },
    { key: 'righe', label: 'righe', type: 'integer' },
  ],
};

/** Ambiti and comuni of the territory: the territorio table (as of the last ingest) and the config's territory file. */
function knownTerritorySql(ctx: CheckContext): { ambiti: string; comuni: string; pairs: string } {
  const t = ctx.project.territory;
  const configPairs = [...t.ambitoOfComune].map(([comune, ambito]) => `(${literal(comune)}, ${literal(ambito)})`);
  return {
    ambiti: `(SELECT ambito AS v FROM territorio UNION SELECT v FROM ${valuesSql(t.ambitoLabels)})`,
    comuni: `(SELECT comune AS v FROM territorio UNION SELECT v FROM ${valuesSql([...t.ambitoOfComune.keys()])})`,
    pairs: `(SELECT comune, ambito FROM territorio${configPairs.length ? ` UNION SELECT * FROM (VALUES ${configPairs.join(', ')}) t(comune, ambito)` : ''})`,
  };
}

function territorySql(ctx: CheckContext): string {
  const known = knownTerritorySql(ctx);
  const parts: string[] = [];
  for (const e of ENTITIES) {
    const columns = columnsOfType(e, 'territory');
    for (const c of columns) {
      const list = c.territory === 'comune' ? known.comuni : known.ambiti;
      parts.push(`SELECT ${literal(e.name)} AS tabella, ${literal(c.name)} AS colonna, ${ident(c.name)} AS valore,
          'sconosciuto' AS problema, ${tableKeySql(e)} AS chiave
        FROM ${ident(e.name)} WHERE ${ident(c.name)} IS NOT NULL AND ${ident(c.name)} NOT IN (SELECT v FROM ${list} WHERE v IS NOT NULL)`);
    }
    // A known comune under a known ambito it does not belong to: breakdowns by ambito and by comune would disagree.
    const ambito = columns.find((c) => c.territory === 'ambito');
    const comune = columns.find((c) => c.territory === 'comune');
    if (ambito && comune) {
      const [a, m] = [ident(ambito.name), ident(comune.name)];
      parts.push(`SELECT ${literal(e.name)} AS tabella, ${literal(comune.name)} AS colonna, ${m} AS valore,
          'non appartiene all''ambito ' || ${a} AS problema, ${tableKeySql(e)} AS chiave
        FROM ${ident(e.name)} x
        WHERE ${m} IN (SELECT v FROM ${known.comuni}) AND ${a} IN (SELECT v FROM ${known.ambiti})
          AND NOT EXISTS (SELECT 1 FROM ${known.pairs} p WHERE p.comune = x.${m} AND p.ambito = x.${a})`);
    }
  }
  return parts.join('\nUNION ALL\n');
}

export const unknownTerritory: CheckSpec = {
  id: 'unknown_territory',
  label: { it: 'Ambiti o comuni non nel file del territorio', en: 'Districts or municipalities not in the territory file' },
  severity: 'warning',
  key: 'tabella:chiave',
  noun: { it: ['riga', 'righe'], en: ['row', 'rows'] },
  findings: (ctx) => `SELECT chiave, tabella, colonna, valore, problema FROM (${territorySql(ctx)})`,
  order: 'tabella, chiave, colonna, problema',
  summary: (ctx) => `SELECT tabella, colonna, valore, problema, count(*) AS righe FROM (${territorySql(ctx)})
    GROUP BY ALL ORDER BY tabella, colonna, righe DESC, valore, problema`,
  table: [
    { key: 'tabella', label: 'tabella' },
    { key: 'colonna', label: 'colonna' },
    { key: 'valore', label: 'valore' },
    { key: 'problema', label: 'problema' },
    { key: 'righe', label: 'righe', type: 'integer' },
  ],
};
