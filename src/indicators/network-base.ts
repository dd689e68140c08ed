/**
 * Base relations of the network indicators (§3 "Network collaboration"), built as TEMP tables
 * with the other base relations. Network values are per survey wave, whatever the period or as_of.
 *
 *   waves          every wave named by the survey, the questionnaire or an organisation's `ondate`
 *                  (so a wave with no answers is still listed), with its row counts
 *   wave_orgs      the organisations of each wave (`ondate` contains it, or is empty = every wave)
 *   ratings        partner-survey rows between two organisations of the wave, with the PARTNER
 *                  trust and value of the rating (mean of the answered items, defined from two)
 *   ties           directed ties i→j (livello ≥ 1), with whether j→i is a tie too
 *   graph_input    one row per wave, node and tie, for the compute steps that call src/network
 *   factors, factor_items   the collaboration factors of the config, their bands and items
 *   factor_scores  per wave, respondent and factor: the mean over the items of it they answered
 *
 * The relations that do not depend on the config are also exported as SQL, so that readers outside
 * an indicator run (the network map) can use the same definitions as CTEs.
 */
import type { Project } from '../config.js';
import { literal } from '../db.js';

/** Items of a rating, by score: three each (partner survey, scale 1–4). */
const TRUST_ITEMS = ['fiducia_affidabilita', 'fiducia_missione', 'fiducia_apertura'];
const VALUE_ITEMS = ['valore_potere', 'valore_coinvolgimento', 'valore_risorse'];

/** The mean of the answered items, when at least two of three are answered (PARTNER). */
function itemMean(items: string[]): string {
  const answered = items.map((c) => `(r.${c} IS NOT NULL)::INTEGER`).join(' + ');
  const sum = items.map((c) => `coalesce(r.${c}, 0)`).join(' + ');
  return `CASE WHEN ${answered} >= 2 THEN (${sum}) / (${answered}) END`;
}

/** Relations that depend only on the data, in build order. */
export const NETWORK_DATA_RELATIONS: [string, string][] = [
  [
    'waves',
    `WITH named AS (
       SELECT ondata AS wave FROM rete
       UNION SELECT ondata FROM collaborazione
       UNION SELECT unnest(ondate) FROM enti
     ), survey AS (
       SELECT ondata AS wave, count(*) AS survey_rows FROM rete GROUP BY ALL
     ), questionnaire AS (
       SELECT ondata AS wave, count(*) AS questionnaire_rows FROM collaborazione GROUP BY ALL
     )
     SELECT n.wave, coalesce(s.survey_rows, 0) AS survey_rows, coalesce(q.questionnaire_rows, 0) AS questionnaire_rows
     FROM named n
     LEFT JOIN survey s ON s.wave = n.wave
     LEFT JOIN questionnaire q ON q.wave = n.wave
     WHERE n.wave IS NOT NULL AND n.wave <> ''`,
  ],
  [
    'wave_orgs',
    `WITH answered AS (SELECT DISTINCT ondata, ente FROM rete),
     questioned AS (SELECT DISTINCT ondata, ente FROM collaborazione)
     SELECT w.wave, e.codice_ente AS org, e.nome, e.tipo, e.ambito,
       a.ente IS NOT NULL AS respondent,
       q.ente IS NOT NULL AS questionnaire_respondent
     FROM waves w
     JOIN enti e ON e.ondate IS NULL OR len(e.ondate) = 0 OR list_contains(e.ondate, w.wave)
     LEFT JOIN answered a ON a.ondata = w.wave AND a.ente = e.codice_ente
     LEFT JOIN questioned q ON q.ondata = w.wave AND q.ente = e.codice_ente`,
  ],
  [
    'ratings',
    `SELECT r.ondata AS wave, r.ente, r.partner, r.livello,
       ${TRUST_ITEMS.map((c) => `r.${c}`).join(', ')}, ${VALUE_ITEMS.map((c) => `r.${c}`).join(', ')},
       ${itemMean(TRUST_ITEMS)} AS trust,
       ${itemMean(VALUE_ITEMS)} AS value
     FROM rete r
     JOIN wave_orgs a ON a.wave = r.ondata AND a.org = r.ente
     JOIN wave_orgs b ON b.wave = r.ondata AND b.org = r.partner
     WHERE r.ente <> r.partner`,
  ],
  [
    'ties',
    `SELECT t.wave, t.ente, t.partner, t.livello, b.ente IS NOT NULL AS reciprocated
     FROM ratings t
     LEFT JOIN ratings b ON b.wave = t.wave AND b.ente = t.partner AND b.partner = t.ente AND b.livello >= 1
     WHERE t.livello >= 1`,
  ],
  [
    'graph_input',
    `SELECT wave, NULL::VARCHAR AS org, NULL::VARCHAR AS partner, NULL::BOOLEAN AS respondent FROM waves
     UNION ALL SELECT wave, org, NULL, respondent FROM wave_orgs
     UNION ALL SELECT wave, ente, partner, NULL FROM ties`,
  ],
];

/** The factors of the config with their order and bands, and their items. */
export function factorRelations(project: Project): [string, string][] {
  const { factors, bands } = project.factors;
  const factorRows = factors.map((f, i) => `(${literal(f.code)}, ${i + 1})`).join(', ');
  const itemRows = factors.flatMap((f) => f.items.map((item) => `(${literal(f.code)}, ${literal(item)})`)).join(', ');
  return [
    [
      'factors',
      `SELECT factor, ord, ${Number(bands.strength)}::DOUBLE AS strength, ${Number(bands.borderline)}::DOUBLE AS borderline
       FROM (VALUES ${factorRows}) t(factor, ord)`,
    ],
    ['factor_items', `SELECT * FROM (VALUES ${itemRows}) t(factor, item)`],
    [
      'factor_scores',
      `SELECT o.wave, o.org, fi.factor, avg(c.punteggio) AS score, count(*) AS items
       FROM collaborazione c
       JOIN wave_orgs o ON o.wave = c.ondata AND o.org = c.ente
       JOIN factor_items fi ON fi.item = c.item
       GROUP BY ALL`,
    ],
  ];
}

export function networkRelations(project: Project): [string, string][] {
  return [...NETWORK_DATA_RELATIONS, ...factorRelations(project)];
}

/** A query over the data relations given as CTEs, so it needs no indicator run before it. */
export function withNetworkRelations(query: string): string {
  return `WITH ${NETWORK_DATA_RELATIONS.map(([name, sql]) => `${name} AS (${sql})`).join(',\n')}\n${query}`;
}
