/**
 * Checks on exits, requests and follow-up, on the base relations of the indicators (paths,
 * contacts, followups as of as_of): the same target date, window and completion as the
 * follow-up indicators.
 */
import type { CheckSpec } from './spec.js';

/**
 * Follow-up contacts and `follow_up` assessments (one per case and date) that cannot count for
 * their path: the path has not exited, or the date is not after the exit, or outside
 * target ± window.
 */
const FOLLOWUP_EVENTS = `WITH events AS (
    SELECT 'contatto' AS tipo, c.codice_caso, c.codice_percorso, c.data_contatto AS data FROM contacts c
    UNION ALL
    SELECT DISTINCT 'valutazione', v.codice_caso, s.codice_percorso, v.data
    FROM valutazioni v JOIN stays s ON s.codice_caso = v.codice_caso CROSS JOIN params p
    WHERE v.fase = 'follow_up' AND v.data <= p.as_of
  )
  SELECT e.*, f.data_uscita, f.data_target, f.finestra_da, f.finestra_a,
    CASE WHEN f.codice_percorso IS NULL THEN 'percorso non ancora concluso'
      WHEN e.data <= f.data_uscita THEN 'non dopo l’uscita'
      WHEN e.data < f.finestra_da THEN 'prima della finestra'
      WHEN e.data > f.finestra_a THEN 'dopo la finestra' END AS motivo
  FROM events e LEFT JOIN followups f ON f.codice_percorso = e.codice_percorso`;

export const followupOutsideWindow: CheckSpec = {
  id: 'followup_outside_window',
  label: { it: 'Contatti o valutazioni di follow-up fuori finestra', en: 'Follow-up contacts or assessments outside their window' },
  severity: 'warning',
  key: 'codice_caso|data',
  noun: { it: ['evento', 'eventi'], en: ['event', 'events'] },
  findings: () => `SELECT codice_caso || '|' || CAST(data AS VARCHAR) AS chiave, tipo, codice_caso, codice_percorso, data,
    data_uscita, data_target, finestra_da, finestra_a, motivo
  FROM (${FOLLOWUP_EVENTS}) WHERE motivo IS NOT NULL`,
  order: 'codice_caso, data, tipo',
  table: [
    { key: 'tipo', label: 'tipo' },
    { key: 'codice_caso', label: 'caso' },
    { key: 'data', label: 'data', type: 'date' },
    { key: 'data_target', label: 'scadenza', type: 'date' },
    { key: 'motivo', label: 'motivo' },
  ],
};

/** Path exits (the stay with the latest exit) with an empty destinazione_uscita. */
export const exitWithoutDestination: CheckSpec = {
  id: 'exit_without_destination',
  label: { it: 'Uscite senza destinazione', en: 'Exits without destination' },
  severity: 'warning',
  key: 'codice_percorso',
  noun: { it: ['percorso', 'percorsi'], en: ['path', 'paths'] },
  findings: () => `SELECT codice_percorso AS chiave, codice_percorso, codice_persona, ultimo_caso AS codice_caso, data_uscita
  FROM paths WHERE data_uscita IS NOT NULL AND destinazione_uscita IS NULL`,
  order: 'codice_percorso',
};

export const acceptedWithoutDate: CheckSpec = {
  id: 'accepted_without_date',
  label: { it: 'Segnalazioni accolte senza data di esito', en: 'Accepted requests without a decision date' },
  severity: 'warning',
  key: 'codice_segnalazione',
  noun: { it: ['segnalazione', 'segnalazioni'], en: ['request', 'requests'] },
  findings: () => `SELECT codice_segnalazione AS chiave, codice_segnalazione, data_segnalazione, codice_caso
  FROM segnalazioni WHERE esito = 'accolta' AND data_esito IS NULL`,
  order: 'codice_segnalazione',
};

/** Follow-ups whose window has closed by as_of without a reached contact in it. */
export const followupOverdue: CheckSpec = {
  id: 'followup_overdue',
  label: { it: 'Follow-up scaduti e non completati', en: 'Follow-ups overdue (assessable, not completed)' },
  severity: 'warning',
  key: 'codice_percorso',
  noun: { it: ['percorso', 'percorsi'], en: ['path', 'paths'] },
  findings: () => `WITH overdue AS (SELECT * FROM followups WHERE valutabile AND NOT completato),
  tried AS (
    SELECT c.codice_percorso, count(*) AS contatti FROM contacts c JOIN overdue f ON f.codice_percorso = c.codice_percorso
    WHERE c.data_contatto > f.data_uscita GROUP BY c.codice_percorso
  )
  SELECT f.codice_percorso AS chiave, f.codice_percorso, f.codice_persona, f.ultimo_caso AS codice_caso,
    f.data_uscita, f.data_target, f.finestra_a, CAST(coalesce(t.contatti, 0) AS BIGINT) AS contatti
  FROM overdue f LEFT JOIN tried t ON t.codice_percorso = f.codice_percorso`,
  order: 'codice_percorso',
};
