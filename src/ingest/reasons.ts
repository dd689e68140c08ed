/** Why a row is rejected (or a value redacted): stable codes for machines, Italian text for people. */
export const REASONS = {
  missing_required: 'valore obbligatorio mancante',
  invalid_number: 'numero non leggibile',
  invalid_integer: 'numero intero non leggibile',
  invalid_date: 'data non leggibile (attesa gg/mm/aaaa)',
  invalid_boolean: 'valore sì/no non leggibile',
  implausible_date: 'data non plausibile (prima del 1900 o dopo il 2100)',
  future_date: 'data successiva al giorno del caricamento',
  out_of_range: 'valore fuori dall’intervallo ammesso',
  places_below_one: 'posti inferiori a 1',
  score_out_of_scale: 'punteggio fuori scala',
  exit_before_entry: 'data di uscita precedente alla data di ingresso',
  decision_before_request: 'data dell’esito precedente alla data della segnalazione',
  self_rating: 'un ente non può valutare sé stesso',
  duplicate_key: 'seconda riga con la stessa chiave nel file',
  unknown_reference: 'codice sconosciuto (non presente nel database né nei file caricati)',
  wrong_field_count: 'numero di campi diverso dall’intestazione',
  line_too_long: 'riga troppo lunga (oltre 2 MB)',
  invalid_encoding: 'caratteri non validi per la codifica del file (codifica mista?)',
  malformed_line: 'riga CSV non leggibile',
  identifier_redacted: 'dato identificativo (codice fiscale, e-mail, telefono, IBAN) oscurato: riga caricata',
} as const;

export type ReasonCode = keyof typeof REASONS;

/** Reasons that describe a loaded row (a note), not a rejected one. */
export const NOTE_REASONS: ReasonCode[] = ['identifier_redacted'];

/** DuckDB's CSV reject types → our reasons (anything else is malformed_line). */
export const CSV_ERROR_REASONS: Record<string, ReasonCode> = {
  'MISSING COLUMNS': 'wrong_field_count',
  'TOO MANY COLUMNS': 'wrong_field_count',
  'LINE SIZE OVER MAXIMUM': 'line_too_long',
  'INVALID ENCODING': 'invalid_encoding',
  'INVALID UNICODE': 'invalid_encoding',
};
