import { describe, expect, it } from 'vitest';
import { check, checks, stay, unit } from './harness.js';

describe('check/values', () => {
  it('vocabulary_miss: rows loaded as non_classificato, keyed by table and entity key, with the raw values counted', async () => {
    const report = await checks({
      alloggi: [unit('A', 4, '2024-01-01')],
      ospitalita: [
        stay('C1', 'P1', 'A', '2024-01-01', '2024-02-01', {
          destinazione_uscita: 'non_classificato', destinazione_uscita_originale: 'Albergo',
          target: 'non_classificato', target_originale: 'Donna sola',
        }),
        stay('C2', 'P2', 'A', '2024-01-01', '2024-02-01', { destinazione_uscita: 'non_classificato', destinazione_uscita_originale: 'Albergo' }),
        stay('C3', 'P3', 'A', '2024-01-01', '2024-02-01', { destinazione_uscita: 'erp' }),
      ],
      followup: [
        { codice_caso: 'C1', data_contatto: '2024-08-01', esito_contatto: 'raggiunta', situazione_abitativa: 'non_classificato', situazione_abitativa_originale: 'Ospite da amici' },
      ],
    });
    const result = check(report, 'vocabulary_miss');
    // C1 has two misses (one key); the followup key is codice_caso|data_contatto.
    expect(result.keys).toEqual(['followup:C1|2024-08-01', 'ospitalita:C1', 'ospitalita:C2']);
    expect(result.count).toBe(3);
    expect(result.details).toEqual([
      { tabella: 'followup', colonna: 'situazione_abitativa', valore: 'Ospite da amici', righe: 1 },
      { tabella: 'ospitalita', colonna: 'destinazione_uscita', valore: 'Albergo', righe: 2 },
      { tabella: 'ospitalita', colonna: 'target', valore: 'Donna sola', righe: 1 },
    ]);
  });

  it('unknown_territory: ambiti and comuni not in the territory, and a comune under another ambito', async () => {
    const report = await checks({
      alloggi: [
        unit('A1', 2, '2024-01-01'),
        unit('A2', 2, '2024-01-01', { ambito: 'Lecco', comune: 'Lecco' }),
        unit('A3', 2, '2024-01-01', { ambito: 'Monza', comune: 'Seregno' }), // Seregno is in the ambito of Seregno
      ],
      segnalazioni: [
        { codice_segnalazione: 'R1', data_segnalazione: '2024-01-05', esito: 'in_attesa', ambito: 'Bergamo' },
        { codice_segnalazione: 'R2', data_segnalazione: '2024-01-05', esito: 'in_attesa', ambito: 'Desio' },
      ],
      enti: [{ codice_ente: 'E1', nome: 'Comune', ambito: 'Vimercate' }],
    });
    const result = check(report, 'unknown_territory');
    expect(result.keys).toEqual(['alloggi:A2|2024-01-01', 'alloggi:A3|2024-01-01', 'segnalazioni:R1']);
    expect(result.details).toEqual([
      { tabella: 'alloggi', colonna: 'ambito', valore: 'Lecco', problema: 'sconosciuto', righe: 1 },
      { tabella: 'alloggi', colonna: 'comune', valore: 'Lecco', problema: 'sconosciuto', righe: 1 },
      { tabella: 'alloggi', colonna: 'comune', valore: 'Seregno', problema: 'non appartiene all\'ambito Monza', righe: 1 },
      { tabella: 'segnalazioni', colonna: 'ambito', valore: 'Bergamo', problema: 'sconosciuto', righe: 1 },
    ]);
  });
});
