/**
 * Checks on stays and paths, on the base relations of the indicators (stays and paths as of
 * as_of), so they read the definitions of §3 exactly as the indicators do. All set-based: stays
 * are never expanded into nights (intervals, running sums and window functions instead).
 */
import type { CheckSpec } from './spec.js';

/** The far future for open intervals (DATE + 1 must still be a date). */
const OPEN_END = `DATE '9999-12-30'`;

/** Nights of each stay up to as_of: [primo, ultimo], empty when ultimo < primo (same-day exit). */
const STAY_NIGHTS = `SELECT s.codice_caso, s.codice_persona, s.codice_alloggio, s.posti_occupati, s.data_ingresso, s.data_uscita,
    s.data_ingresso AS primo, coalesce(s.data_uscita - 1, p.as_of) AS ultimo
  FROM stays s CROSS JOIN params p`;

/** Availability of each unit as disjoint intervals [da, a]: overlapping or adjacent rows of alloggi merged. */
const MERGED_AVAILABILITY = `SELECT alloggio, min(da) AS da, max(a) AS a FROM (
    SELECT *, sum(CASE WHEN prima_a IS NULL OR da > prima_a + 1 THEN 1 ELSE 0 END)
      OVER (PARTITION BY alloggio ORDER BY da, a ROWS UNBOUNDED PRECEDING) AS isola
    FROM (
      SELECT alloggio, data_apertura AS da, coalesce(data_chiusura, ${OPEN_END}) AS a,
        max(coalesce(data_chiusura, ${OPEN_END})) OVER (PARTITION BY alloggio ORDER BY data_apertura, data_chiusura
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prima_a
      FROM units
    )
  ) GROUP BY alloggio, isola`;

export const stayOutsideAvailability: CheckSpec = {
  id: 'stay_outside_availability',
  label: { it: 'Permanenze con notti in cui l’alloggio non è disponibile', en: 'Stays with nights outside unit availability' },
  severity: 'error',
  key: 'codice_caso',
  noun: { it: ['permanenza', 'permanenze'], en: ['stay', 'stays'] },
  // Merged intervals are disjoint and not adjacent, so a stay whose nights are all available lies
  // within one of them: an anti-join leaves the few stays worth counting nights for.
  findings: () => `WITH nights AS (${STAY_NIGHTS}), merged AS (${MERGED_AVAILABILITY}),
  candidates AS (
    SELECT * FROM nights n WHERE n.ultimo >= n.primo
      AND NOT EXISTS (SELECT 1 FROM merged m WHERE m.alloggio = n.codice_alloggio AND m.da <= n.primo AND m.a >= n.ultimo)
  ), bounds AS (SELECT alloggio, min(da) AS prima_apertura, max(a) AS ultima_chiusura FROM merged GROUP BY alloggio),
  covered AS (
    SELECT n.codice_caso, sum(least(n.ultimo, m.a) - greatest(n.primo, m.da) + 1) AS coperte
    FROM candidates n JOIN merged m ON m.alloggio = n.codice_alloggio AND m.da <= n.ultimo AND m.a >= n.primo
    GROUP BY n.codice_caso
  ), outside AS (
    SELECT n.*, CAST(n.ultimo - n.primo + 1 AS BIGINT) AS notti, CAST(n.ultimo - n.primo + 1 - coalesce(c.coperte, 0) AS BIGINT) AS notti_fuori,
      b.prima_apertura, b.ultima_chiusura
    FROM candidates n LEFT JOIN covered c USING (codice_caso) LEFT JOIN bounds b ON b.alloggio = n.codice_alloggio
  )
  SELECT codice_caso AS chiave, codice_caso, codice_alloggio, data_ingresso, data_uscita, notti, notti_fuori,
    CASE WHEN prima_apertura IS NULL THEN 'alloggio senza periodi di disponibilità' ELSE concat_ws(', ',
      CASE WHEN primo < prima_apertura THEN 'prima dell’apertura' END,
      CASE WHEN ultimo > ultima_chiusura THEN 'dopo la chiusura' END,
      CASE WHEN notti_fuori > greatest(0, least(ultimo, prima_apertura - 1) - primo + 1) + greatest(0, ultimo - greatest(primo, ultima_chiusura + 1) + 1)
        THEN 'durante una chiusura' END) END AS motivo
  FROM outside`,
  order: 'codice_caso',
  table: [
    { key: 'codice_caso', label: 'caso' },
    { key: 'codice_alloggio', label: 'alloggio' },
    { key: 'data_ingresso', label: 'ingresso', type: 'date' },
    { key: 'data_uscita', label: 'uscita', type: 'date' },
    { key: 'notti_fuori', label: 'notti fuori', type: 'integer' },
    { key: 'motivo', label: 'motivo' },
  ],
};

/**
 * An event sweep per availability interval of each unit: +posti_occupati on the first night a stay
 * spends in it, −posti_occupati on the day after its last; the running sum is the occupancy from
 * one event to the next. Runs above the unit's places are merged into episodes.
 */
export const overCapacity: CheckSpec = {
  id: 'over_capacity',
  label: { it: 'Più posti occupati che posti disponibili', en: 'More occupants than places' },
  severity: 'error',
  key: 'codice_alloggio',
  noun: { it: ['alloggio', 'alloggi'], en: ['unit', 'units'] },
  findings: () => `WITH nights AS (${STAY_NIGHTS}),
  intervals AS (SELECT row_number() OVER () AS uid, * FROM units),
  occ AS (
    SELECT u.uid, u.posti, n.codice_caso, n.posti_occupati AS q,
      greatest(n.primo, u.data_apertura) AS inizio, least(n.ultimo, coalesce(u.data_chiusura, ${OPEN_END})) + 1 AS fine
    FROM nights n JOIN intervals u ON u.alloggio = n.codice_alloggio
    WHERE n.primo <= coalesce(u.data_chiusura, ${OPEN_END}) AND n.ultimo >= u.data_apertura AND n.ultimo >= n.primo
  ), steps AS (
    SELECT uid, any_value(posti) AS posti, giorno, sum(delta) AS delta
    FROM (SELECT uid, posti, unnest([inizio, fine]) AS giorno, unnest([q, -q]) AS delta FROM occ)
    GROUP BY uid, giorno
  ), running AS (
    SELECT *, sum(delta) OVER w AS occupati, lead(giorno) OVER w - 1 AS fino
    FROM steps WINDOW w AS (PARTITION BY uid ORDER BY giorno ROWS UNBOUNDED PRECEDING)
  ), over AS (
    SELECT *, lag(fino) OVER (PARTITION BY uid ORDER BY giorno) AS fino_prima FROM running WHERE occupati > posti
  ), episodes AS (
    SELECT uid, any_value(posti) AS posti, min(giorno) AS dal, max(fino) AS al, max(occupati) AS occupati_max
    FROM (SELECT *, sum(CASE WHEN giorno = fino_prima + 1 THEN 0 ELSE 1 END)
        OVER (PARTITION BY uid ORDER BY giorno ROWS UNBOUNDED PRECEDING) AS episodio FROM over)
    GROUP BY uid, episodio
  )
  SELECT u.alloggio AS chiave, u.alloggio AS codice_alloggio, e.dal, e.al, CAST(e.al - e.dal + 1 AS BIGINT) AS notti,
    e.posti, CAST(e.occupati_max AS BIGINT) AS occupati_max,
    list(DISTINCT o.codice_caso ORDER BY o.codice_caso) AS casi
  FROM episodes e JOIN intervals u ON u.uid = e.uid
  JOIN occ o ON o.uid = e.uid AND o.inizio <= e.al AND o.fine > e.dal
  GROUP BY ALL`,
  order: 'codice_alloggio, dal',
  table: [
    { key: 'codice_alloggio', label: 'alloggio' },
    { key: 'dal', label: 'dal', type: 'date' },
    { key: 'al', label: 'al', type: 'date' },
    { key: 'posti', label: 'posti', type: 'integer' },
    { key: 'occupati_max', label: 'occupati', type: 'integer' },
  ],
};

/**
 * Two stays of one person share a night when max(entries) < min(exits). Sorted by entry, a stay
 * overlaps an earlier one when it enters before the latest exit so far, and a later one when the
 * next entry comes before its exit: two window passes, no self-join.
 */
export const overlappingStays: CheckSpec = {
  id: 'overlapping_stays',
  label: { it: 'Permanenze sovrapposte della stessa persona', en: 'Overlapping stays of one person' },
  severity: 'error',
  key: 'codice_caso',
  noun: { it: ['permanenza', 'permanenze'], en: ['stay', 'stays'] },
  // Stays sharing a night are in one path (overlaps join), so only paths of several stays are read.
  findings: () => `WITH s AS (
    SELECT codice_caso, codice_persona, data_ingresso, data_uscita, coalesce(data_uscita, ${OPEN_END}) AS fine,
      coalesce(data_uscita, ${OPEN_END}) > data_ingresso AS ha_notti
    FROM stays WHERE codice_percorso IN (SELECT codice_percorso FROM paths WHERE n_permanenze > 1)
  ), w AS (
    SELECT *,
      max(CASE WHEN ha_notti THEN fine END) OVER prima AS fine_prima,
      arg_max(CASE WHEN ha_notti THEN codice_caso END, CASE WHEN ha_notti THEN fine END) OVER prima AS caso_prima,
      min(CASE WHEN ha_notti THEN data_ingresso END) OVER dopo AS ingresso_dopo,
      arg_min(CASE WHEN ha_notti THEN codice_caso END, CASE WHEN ha_notti THEN data_ingresso END) OVER dopo AS caso_dopo
    FROM s WINDOW
      prima AS (PARTITION BY codice_persona ORDER BY data_ingresso, codice_caso ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
      dopo AS (PARTITION BY codice_persona ORDER BY data_ingresso, codice_caso ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
  )
  SELECT codice_caso AS chiave, codice_caso, codice_persona, data_ingresso, data_uscita,
    CASE WHEN data_ingresso < fine_prima THEN caso_prima ELSE caso_dopo END AS sovrapposta_a
  FROM w WHERE ha_notti AND (data_ingresso < fine_prima OR ingresso_dopo < fine)`,
  order: 'codice_caso',
  table: [
    { key: 'codice_caso', label: 'caso' },
    { key: 'codice_persona', label: 'persona' },
    { key: 'data_ingresso', label: 'ingresso', type: 'date' },
    { key: 'data_uscita', label: 'uscita', type: 'date' },
    { key: 'sovrapposta_a', label: 'sovrapposta a' },
  ],
};

/**
 * A stay leaving for trasferimento_interno whose path ends with it: no stay of the person
 * continues within transfer_gap days (the path rule of §3). Exits less than transfer_gap days
 * before as_of are left out: the next stay may not be recorded yet.
 */
export const transferNotFollowed: CheckSpec = {
  id: 'transfer_not_followed',
  label: { it: 'Trasferimenti interni non seguiti da una permanenza', en: 'Transfers not followed by a stay' },
  severity: 'warning',
  key: 'codice_caso',
  noun: { it: ['permanenza', 'permanenze'], en: ['stay', 'stays'] },
  findings: () => `SELECT s.codice_caso AS chiave, s.codice_caso, s.codice_persona, s.codice_percorso, s.codice_alloggio, s.data_uscita
  FROM stays s JOIN paths p ON p.codice_percorso = s.codice_percorso CROSS JOIN params pr
  WHERE s.destinazione_uscita = 'trasferimento_interno' AND s.data_uscita = p.data_uscita
    AND s.data_uscita + pr.transfer_gap <= pr.as_of`,
  order: 'codice_caso',
};

/** Paths longer than thresholds.long_stay_months: exit (or as_of, when open) after entry + that many months. */
export const longStay: CheckSpec = {
  id: 'long_stay',
  label: { it: 'Percorsi più lunghi di {long_stay_months} mesi', en: 'Paths longer than {long_stay_months} months' },
  severity: 'info',
  key: 'codice_percorso',
  noun: { it: ['percorso', 'percorsi'], en: ['path', 'paths'] },
  findings: () => `WITH long AS (
    SELECT p.codice_percorso, p.codice_persona, p.data_ingresso, p.data_uscita,
      CAST(coalesce(p.data_uscita, pr.as_of) - p.data_ingresso AS BIGINT) AS giorni, p.data_uscita IS NULL AS aperto
    FROM paths p CROSS JOIN params pr
    WHERE coalesce(p.data_uscita, pr.as_of) > CAST(p.data_ingresso + to_months(pr.long_stay_months) AS DATE)
  ), cases AS (
    SELECT codice_percorso, list(codice_caso ORDER BY ordine) AS casi FROM stays
    WHERE codice_percorso IN (SELECT codice_percorso FROM long) GROUP BY codice_percorso
  )
  SELECT l.codice_percorso AS chiave, l.codice_percorso, l.codice_persona, c.casi, l.data_ingresso, l.data_uscita, l.giorni, l.aperto
  FROM long l JOIN cases c USING (codice_percorso)`,
  order: 'codice_percorso',
};
