/**
 * Normalisation of header names and vocabulary values: case, accents, spaces and punctuation do
 * not matter (`Data Ingresso` = `data_ingresso`, `Rientro in famiglia` = `rientro_in_famiglia`).
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The same normalisation in DuckDB SQL, for use over many rows. */
export function normaliseSql(expression: string): string {
  return `trim(regexp_replace(regexp_replace(lower(strip_accents(${expression})), '[''’\`]', '', 'g'), '[^a-z0-9]+', '_', 'g'), '_')`;
}
