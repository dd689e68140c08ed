/** A small network without a single data-quality problem (shared by the check tests). */
import { stay, unit } from './harness.js';

const person = { ente_inviante: 'Servizi sociali', target: 'madre_con_figli', cittadinanza: 'italiana', anno_nascita: 1990, figli: 1, data_segnalazione: '2023-01-10', reddito_ingresso: 400 };
const score = (codice_caso: string, fase: string, data: string, punteggio: number) => ({ codice_caso, fase, data, dimensione: 'abitare', punteggio });

/** The network: a transfer followed by a stay, a follow-up in its window, complete surveys. */
export const clean = {
  alloggi: [unit('A', 3, '2023-01-01'), unit('B', 3, '2023-01-01', { ambito: 'Desio', comune: 'Desio', data_chiusura: '2025-12-31' })],
  ospitalita: [
    stay('C1', 'P1', 'A', '2023-02-01', '2023-07-01', { ...person, posti_occupati: 2, destinazione_uscita: 'trasferimento_interno', motivo_uscita: 'trasferimento', reddito_uscita: 400 }),
    stay('C2', 'P1', 'B', '2023-07-01', '2023-12-01', { ...person, posti_occupati: 2, destinazione_uscita: 'affitto_autonomo', motivo_uscita: 'conclusione_progetto', reddito_uscita: 900 }),
    stay('C3', 'P2', 'A', '2023-03-01', null, person),
  ],
  valutazioni: [score('C1', 'ingresso', '2023-02-05', 2), score('C2', 'uscita', '2023-11-30', 4), score('C2', 'follow_up', '2024-06-03', 4)],
  // Path P1#1 exits 1 Dec 2023: target 1 Jun 2024, window 2 Apr – 31 Jul 2024 (not closed by as_of 3 Jun 2024).
  followup: [{ codice_caso: 'C2', data_contatto: '2024-06-03', esito_contatto: 'raggiunta', situazione_abitativa: 'affitto_autonomo', lavoro: true }],
  segnalazioni: [
    { codice_segnalazione: 'R1', data_segnalazione: '2023-01-10', esito: 'accolta', data_esito: '2023-01-25', codice_caso: 'C1', ambito: 'Monza' },
    { codice_segnalazione: 'R2', data_segnalazione: '2023-02-01', esito: 'non_accolta', data_esito: '2023-02-20', ambito: 'Desio' },
  ],
  enti: [{ codice_ente: 'E1', nome: 'Comune di Monza', tipo: 'comune', ambito: 'Monza' }, { codice_ente: 'E2', nome: 'Cooperativa', tipo: 'cooperativa', ambito: 'Desio' }],
  rete: [
    { ondata: '2024', ente: 'E1', partner: 'E2', livello: 3, fiducia_affidabilita: 3, fiducia_missione: 3, fiducia_apertura: 4, valore_potere: 3, valore_coinvolgimento: 3, valore_risorse: 2 },
    { ondata: '2024', ente: 'E2', partner: 'E1', livello: 0 },
  ],
  collaborazione: [{ ondata: '2024', ente: 'E1', item: 'amb_1', punteggio: 4 }],
};
