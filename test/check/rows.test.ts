import { describe, expect, it } from 'vitest';
import { REASONS } from '../../src/ingest/reasons.js';
import { check, checks } from './harness.js';

const log = (ingest_id: number, file: string, entity: string, replaced = false) => ({ ingest_id, file, entity, replaced });
const rejected = (ingest_id: number, file: string, entity: string, line: number, column_name: string | null, reason_code: keyof typeof REASONS) => ({
  ingest_id, file, entity, line, column_name, reason_code, reason: REASONS[reason_code], raw_line: 'x',
});

/*
 * Ingest 1 read four files; ingest 2 read valutazioni.csv again (fixed: no rejections), ingest 3
 * replaced segnalazioni whole with another file, ingest 4 read rete.csv again (same rejection).
 * ingest_log names files by base name, rejected_rows by the path as given.
 */
const given = {
  ingest_log: [
    log(1, 'ospitalita.csv', 'ospitalita'), log(1, 'valutazioni.csv', 'valutazioni'), log(1, 'rete.csv', 'rete'),
    log(1, 'segnalazioni_vecchie.csv', 'segnalazioni'), log(2, 'valutazioni.csv', 'valutazioni'),
    log(3, 'segnalazioni_nuove.csv', 'segnalazioni', true), log(4, 'rete.csv', 'rete'),
  ],
  rejected_rows: [
    rejected(1, 'dati/ospitalita.csv', 'ospitalita', 3, 'data_ingresso', 'invalid_date'),
    rejected(1, 'dati/ospitalita.csv', 'ospitalita', 3, 'codice_persona', 'missing_required'),
    rejected(1, 'dati/ospitalita.csv', 'ospitalita', 12, 'codice_caso', 'duplicate_key'),
    rejected(1, 'dati/ospitalita.csv', 'ospitalita', 7, null, 'wrong_field_count'),
    rejected(1, 'dati/ospitalita.csv', 'ospitalita', 5, 'ente_inviante', 'identifier_redacted'),
    rejected(1, 'dati/valutazioni.csv', 'valutazioni', 9, 'punteggio', 'score_out_of_scale'),
    rejected(1, 'rete.csv', 'rete', 4, 'partner', 'self_rating'),
    rejected(1, 'segnalazioni_vecchie.csv', 'segnalazioni', 2, 'data_segnalazione', 'invalid_date'),
    rejected(4, 'rete.csv', 'rete', 4, 'partner', 'self_rating'),
  ],
};

describe('check/rows', () => {
  it('rejected_rows: one key per rejected line of the latest ingest of each file, by file and reason', async () => {
    const result = check(await checks(given), 'rejected_rows');
    // Line 3 has two problems (one key); line 5 is a redaction note; valutazioni.csv:9 was superseded
    // by ingest 2, segnalazioni_vecchie.csv:2 by the --replace of ingest 3; rete is a survey.
    expect(result.keys).toEqual(['dati/ospitalita.csv:3', 'dati/ospitalita.csv:7', 'dati/ospitalita.csv:12']);
    expect(result.count).toBe(3);
    expect(result.severity).toBe('error');
    expect(result.details).toEqual([
      { file: 'dati/ospitalita.csv', entita: 'ospitalita', codice_motivo: 'duplicate_key', motivo: REASONS.duplicate_key, colonna: 'codice_caso', righe: 1 },
      { file: 'dati/ospitalita.csv', entita: 'ospitalita', codice_motivo: 'invalid_date', motivo: REASONS.invalid_date, colonna: 'data_ingresso', righe: 1 },
      { file: 'dati/ospitalita.csv', entita: 'ospitalita', codice_motivo: 'missing_required', motivo: REASONS.missing_required, colonna: 'codice_persona', righe: 1 },
      { file: 'dati/ospitalita.csv', entita: 'ospitalita', codice_motivo: 'wrong_field_count', motivo: REASONS.wrong_field_count, colonna: null, righe: 1 },
    ]);
  });

  it('values_redacted: the identifier_redacted notes, by file and column', async () => {
    const result = check(await checks(given), 'values_redacted');
    expect(result.keys).toEqual(['dati/ospitalita.csv:5']);
    expect(result.details).toEqual([{ file: 'dati/ospitalita.csv', entita: 'ospitalita', colonna: 'ente_inviante', righe: 1 }]);
  });

  it('survey_rows_rejected: rejected rows of rete and collaborazione, a file ingested twice counted once', async () => {
    const result = check(await checks(given), 'survey_rows_rejected');
    expect(result.keys).toEqual(['rete.csv:4']);
    expect(result.details).toEqual([
      { file: 'rete.csv', entita: 'rete', codice_motivo: 'self_rating', motivo: REASONS.self_rating, colonna: 'partner', righe: 1 },
    ]);
  });
});
