import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../schemas/entities.js';
import { check, checks, stay, unit } from './harness.js';

/** A stay with every column a definition needs filled in (exit-side ones only when it exits). */
const full = (caso: string, entry: string, exit: string | null, extra: Record<string, unknown> = {}) =>
  stay(caso, `P${caso}`, 'A', entry, exit, {
    data_segnalazione: '2023-12-01', ente_inviante: 'Servizi sociali', target: 'madre_con_figli', cittadinanza: 'italiana',
    anno_nascita: 1990, figli: 1, reddito_ingresso: 500,
    ...(exit ? { destinazione_uscita: 'erp', motivo_uscita: 'conclusione_progetto', reddito_uscita: 800 } : {}),
    ...extra,
  });

describe('check/missing', () => {
  it('missing_values: every column with its rate over the rows it applies to; needed columns with gaps flagged', async () => {
    const report = await checks({
      alloggi: [unit('A', 9, '2024-01-01')],
      ospitalita: [
        full('C1', '2024-01-01', '2024-02-01'),
        full('C2', '2024-01-01', '2024-02-01', { destinazione_uscita: null }),
        full('C3', '2024-01-01', null, { target: null }),
        full('C4', '2024-01-01', null),
      ],
      segnalazioni: [
        { codice_segnalazione: 'R1', data_segnalazione: '2024-01-01', esito: 'accolta', data_esito: '2024-01-05', codice_caso: 'C1' },
        { codice_segnalazione: 'R2', data_segnalazione: '2024-01-01', esito: 'non_accolta' },
        { codice_segnalazione: 'R3', data_segnalazione: '2024-01-01', esito: 'in_attesa' },
      ],
      followup: [
        { codice_caso: 'C1', data_contatto: '2024-08-01', esito_contatto: 'raggiunta', situazione_abitativa: 'erp', lavoro: true },
        { codice_caso: 'C2', data_contatto: '2024-08-01', esito_contatto: 'raggiunta', lavoro: false },
        { codice_caso: 'C2', data_contatto: '2024-07-01', esito_contatto: 'non_raggiunta' },
      ],
      enti: [{ codice_ente: 'E1', nome: 'Uno' }, { codice_ente: 'E2', nome: 'Due' }],
      rete: [
        { ondata: '2024', ente: 'E1', partner: 'E2', livello: 0 },
        { ondata: '2024', ente: 'E2', partner: 'E1', livello: 2, fiducia_missione: 3, fiducia_apertura: 3, valore_potere: 2, valore_coinvolgimento: 2, valore_risorse: 2 },
      ],
    });
    const result = check(report, 'missing_values');
    // Flagged: ospitalita.target (1 of 4), destinazione_uscita (1 of the 2 exited stays), followup
    // situazione_abitativa (1 of the 2 reached contacts), segnalazioni data_esito (1 of the 2
    // decided requests: R3 is waiting), rete fiducia_affidabilita (1 of the 1 rating with livello ≥ 1).
    expect(result.keys).toEqual([
      'ospitalita.target', 'ospitalita.destinazione_uscita', 'followup.situazione_abitativa', 'segnalazioni.data_esito', 'rete.fiducia_affidabilita',
    ]);
    expect(result.severity).toBe('info');
    // Every column of the eight tables is reported.
    expect(result.details).toHaveLength(ENTITIES.reduce((n, e) => n + e.columns.length, 0));
    const row = (tabella: string, colonna: string) => result.details.find((d) => d['tabella'] === tabella && d['colonna'] === colonna);
    expect(row('ospitalita', 'target')).toEqual({ tabella: 'ospitalita', colonna: 'target', base: 'tutte le righe', righe: 4, mancanti: 1, quota: 0.25, obbligatoria: false, richiesta: true });
    expect(row('ospitalita', 'destinazione_uscita')).toMatchObject({ base: 'permanenze concluse', righe: 2, mancanti: 1, quota: 0.5, richiesta: true });
    // data_uscita: 2 open stays of 4, reported but not flagged (an open stay is not a gap).
    expect(row('ospitalita', 'data_uscita')).toMatchObject({ righe: 4, mancanti: 2, quota: 0.5, richiesta: false });
    expect(row('segnalazioni', 'data_esito')).toMatchObject({ base: 'segnalazioni decise', righe: 2, mancanti: 1, quota: 0.5 });
    expect(row('followup', 'situazione_abitativa')).toMatchObject({ base: 'contatti raggiunti', righe: 2, mancanti: 1 });
    expect(row('rete', 'fiducia_affidabilita')).toMatchObject({ base: 'valutazioni con livello ≥ 1', righe: 1, mancanti: 1, quota: 1 });
    expect(row('rete', 'fiducia_missione')).toMatchObject({ righe: 1, mancanti: 0, quota: 0 });
    // Required columns are never empty after ingest; an empty table has no rate.
    expect(row('ospitalita', 'codice_caso')).toMatchObject({ mancanti: 0, obbligatoria: true, richiesta: true });
    expect(row('collaborazione', 'punteggio')).toMatchObject({ righe: 0, mancanti: 0, quota: null });
  });
});
