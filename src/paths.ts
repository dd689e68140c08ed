/**
 * Paths (percorsi), §3: the stays of one person sorted by (entry, exit with open last, case);
 * a stay joins the current path when it enters at most `gapDays` days after the latest exit so
 * far (overlaps join). A path is one entry into the network and at most one exit from it.
 *
 * As of a date: stays entering later do not exist yet, and exits later have not happened (the
 * stay is open, its exit values unknown). Because a path's membership depends only on earlier
 * stays, the paths as of any date are prefixes of the paths on the full data, with the same
 * numbers: `codice_percorso` is stable.
 */

export interface PathOptions {
  /** ISO date, or null for the full data. */
  asOf: string | null;
  gapDays: number;
}

const OPEN = `DATE '2999-12-31'`;

/** One row per stay as of the date, with its path (`codice_percorso`) and its order in it. */
export function pathStaysSql({ asOf, gapDays }: PathOptions): string {
  const at = asOf ? `DATE '${asOf}'` : null;
  const exitAsOf = at ? `CASE WHEN o.data_uscita <= ${at} THEN o.data_uscita END` : 'o.data_uscita';
  const exitValue = (column: string) => (at ? `CASE WHEN o.data_uscita <= ${at} THEN o.${column} END` : `o.${column}`);
  const order = `PARTITION BY codice_persona ORDER BY data_ingresso, data_uscita NULLS LAST, codice_caso`;
  return `WITH stays AS (
  SELECT o.codice_caso, o.codice_persona, o.codice_alloggio, o.posti_occupati, o.data_ingresso,
    ${exitAsOf} AS data_uscita, o.data_segnalazione, o.ente_inviante, o.target, o.cittadinanza, o.anno_nascita, o.figli,
    ${exitValue('destinazione_uscita')} AS destinazione_uscita, ${exitValue('motivo_uscita')} AS motivo_uscita,
    o.reddito_ingresso, ${exitValue('reddito_uscita')} AS reddito_uscita
  FROM ospitalita o ${at ? `WHERE o.data_ingresso <= ${at}` : ''}
), ordered AS (
  SELECT *, max(coalesce(data_uscita, ${OPEN})) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_exit_before
  FROM stays
), flagged AS (
  SELECT *, CASE WHEN latest_exit_before IS NULL OR data_ingresso > latest_exit_before + ${gapDays} THEN 1 ELSE 0 END AS starts_path
  FROM ordered
)
SELECT * EXCLUDE (latest_exit_before, starts_path, path_no),
  codice_persona || '#' || path_no AS codice_percorso
FROM (
  SELECT *, sum(starts_path) OVER (${order} ROWS UNBOUNDED PRECEDING) AS path_no,
    row_number() OVER (${order}) AS ordine,
    -- The path's only stay: it starts a path and the person's next stay (if any) starts another.
    starts_path = 1 AND lead(starts_path, 1, 1) OVER (${order}) = 1 AS permanenza_unica
  FROM flagged
)`;
}

/**
 * One row per path, from a relation of path stays (`pathStaysSql`). Values of the path come from
 * its first stay (entry side) and from the stay with the latest exit (exit side: latest exit, then
 * latest in path order). Most paths have one stay: those are that stay's row as it is, and only
 * paths of several stays are aggregated (the aggregation is most of the cost at a million stays).
 * One aggregation, no join back to the stays: `arg_min_null` keeps a first stay's missing value
 * missing (plain `arg_min` would skip to another stay's value).
 */
export function pathsFromStaysSql(staysRelation: string, options: { sides?: string[]; cases?: boolean } = {}): string {
  const sides = options.sides ?? [];
  const cases = options.cases !== false;
  const firstColumns = ['data_segnalazione', 'target', 'cittadinanza', 'anno_nascita', 'figli', 'ente_inviante', 'reddito_ingresso'];
  const exitColumns = ['destinazione_uscita', 'motivo_uscita', 'reddito_uscita'];
  const list = (items: string[]) => items.map((i) => `${i},`).join(' ');

  // A path of one stay: that stay's values (exit values only once it has exited).
  const single = `SELECT codice_percorso, codice_persona, CAST(1 AS BIGINT) AS n_permanenze,
  ${cases ? '[codice_caso] AS casi,' : ''}
  codice_caso AS primo_caso, codice_caso AS ultimo_caso, data_ingresso, data_uscita, data_uscita IS NULL AS aperto,
  CAST(data_uscita - data_ingresso AS INTEGER) AS giorni,
  ${list(firstColumns)}
  codice_alloggio AS alloggio_ingresso, ${list(sides.map((c) => `${c} AS ${c}_ingresso`))}
  ${list(exitColumns.map((c) => `CASE WHEN data_uscita IS NOT NULL THEN ${c} END AS ${c}`))}
  ${['codice_alloggio AS alloggio_uscita', ...sides.map((c) => `${c} AS ${c}_uscita`)].join(', ')}
FROM ${staysRelation} WHERE permanenza_unica`;

  // The exit side: latest exit (open = last), ties broken by the order in the path.
  const lastKey = `(CAST(coalesce(data_uscita, ${OPEN}) - DATE '1900-01-01' AS BIGINT) * 1000000 + ordine)`;
  const first = (c: string, as = c) => `arg_min_null(${c}, ordine) AS ${as}`;
  const last = (c: string, as = c) => `${lastArg(c, lastKey)} AS ${as}`;
  const exited = (c: string) => `CASE WHEN NOT bool_or(data_uscita IS NULL) THEN ${lastArg(c, lastKey)} END AS ${c}`;
  const several = `SELECT codice_percorso, any_value(codice_persona) AS codice_persona, count(*) AS n_permanenze,
  ${cases ? 'list(codice_caso ORDER BY ordine) AS casi,' : ''}
  ${first('codice_caso', 'primo_caso')}, ${last('codice_caso', 'ultimo_caso')},
  min(data_ingresso) AS data_ingresso,
  CASE WHEN bool_or(data_uscita IS NULL) THEN NULL ELSE max(data_uscita) END AS data_uscita,
  bool_or(data_uscita IS NULL) AS aperto,
  CASE WHEN bool_or(data_uscita IS NULL) THEN NULL ELSE CAST(max(data_uscita) - min(data_ingresso) AS INTEGER) END AS giorni,
  ${list(firstColumns.map((c) => first(c)))}
  ${first('codice_alloggio', 'alloggio_ingresso')}, ${list(sides.map((c) => first(c, `${c}_ingresso`)))}
  ${list(exitColumns.map(exited))}
  ${[last('codice_alloggio', 'alloggio_uscita'), ...sides.map((c) => last(c, `${c}_uscita`))].join(', ')}
FROM ${staysRelation} WHERE NOT permanenza_unica
GROUP BY codice_percorso`;
  return `${single}\nUNION ALL BY NAME\n${several}`;
}

const lastArg = (c: string, key: string) => `arg_max_null(${c}, ${key})`;

/** The `percorsi` view: paths on the full data. */
export function percorsiViewSql(gapDays: number): string {
  return `CREATE OR REPLACE VIEW percorsi AS
WITH path_stays AS (${pathStaysSql({ asOf: null, gapDays })})
SELECT * FROM (${pathsFromStaysSql('path_stays')})`;
}

export const PERCORSI_COLUMNS: Record<string, string> = {
  codice_percorso: 'Codice del percorso: codice_persona#numero progressivo dei suoi percorsi.',
  codice_persona: 'Persona del percorso.',
  n_permanenze: 'Numero di permanenze (ospitalità) del percorso, trasferimenti inclusi.',
  casi: 'Codici caso delle permanenze, in ordine.',
  primo_caso: 'Prima permanenza (da cui vengono i valori all’ingresso).',
  ultimo_caso: 'Permanenza con l’uscita più recente (da cui vengono i valori all’uscita).',
  data_ingresso: 'Ingresso nella rete: ingresso della prima permanenza.',
  data_uscita: 'Uscita dalla rete: l’uscita più recente delle sue permanenze (vuota se una è aperta).',
  aperto: 'Vero se il percorso non è ancora concluso.',
  giorni: 'Durata in giorni (uscita − ingresso), pause dei trasferimenti incluse.',
  data_segnalazione: 'Data della segnalazione della prima permanenza.',
  target: 'Gruppo destinatario (dalla prima permanenza).',
  cittadinanza: 'Cittadinanza (dalla prima permanenza).',
  anno_nascita: 'Anno di nascita (dalla prima permanenza).',
  figli: 'Figli accolti (dalla prima permanenza).',
  ente_inviante: 'Ente inviante (dalla prima permanenza).',
  reddito_ingresso: 'Reddito all’ingresso (dalla prima permanenza).',
  alloggio_ingresso: 'Alloggio della prima permanenza.',
  destinazione_uscita: 'Destinazione all’uscita dalla rete (dalla permanenza con l’uscita più recente).',
  motivo_uscita: 'Motivo dell’uscita dalla rete.',
  reddito_uscita: 'Reddito all’uscita dalla rete.',
  alloggio_uscita: 'Alloggio della permanenza con l’uscita più recente.',
};
