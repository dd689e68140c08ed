import { describe, expect, it } from 'vitest';
import { check, checks, stay, unit } from './harness.js';

const contact = (codice_caso: string, data_contatto: string, esito_contatto = 'raggiunta') => ({ codice_caso, data_contatto, esito_contatto, situazione_abitativa: 'erp' });

describe('check/outcomes', () => {
  it('followup_outside_window: contacts and follow_up assessments outside target ± 60 days, not after the exit, or of open paths', async () => {
    const report = await checks({
      alloggi: [unit('A', 9, '2023-01-01')],
      ospitalita: [
        stay('S1', 'P1', 'A', '2024-01-01', '2024-03-31'), // target 30 Sep 2024; window 1 Aug – 29 Nov (30 Sep ∓ 60 days)
        stay('S2', 'P2', 'A', '2024-01-01', null),
        stay('S3', 'P3', 'A', '2024-02-01', '2024-08-31'), // target 28 Feb 2025 (clamped); window 30 Dec 2024 – 29 Apr 2025
      ],
      followup: [
        contact('S1', '2024-08-01'), // first day of the window: inside
        contact('S1', '2024-11-29', 'non_raggiunta'), // last day: inside
        contact('S1', '2024-07-31'), // one day early
        contact('S1', '2024-11-30'), // one day late
        contact('S2', '2024-06-01'), // the path has not exited
        contact('S3', '2024-12-29'), // one day before the clamped window
        contact('S3', '2024-12-30'),
      ],
      valutazioni: [
        // On the exit day (not after the exit): two dimensions of one assessment, one key.
        { codice_caso: 'S1', fase: 'follow_up', data: '2024-03-31', dimensione: 'abitare', punteggio: 3 },
        { codice_caso: 'S1', fase: 'follow_up', data: '2024-03-31', dimensione: 'lavoro', punteggio: 3 },
        { codice_caso: 'S1', fase: 'follow_up', data: '2024-09-30', dimensione: 'abitare', punteggio: 4 },
        { codice_caso: 'S1', fase: 'uscita', data: '2024-03-30', dimensione: 'abitare', punteggio: 3 },
      ],
    }, { asOf: '2025-06-30' });
    const result = check(report, 'followup_outside_window');
    expect(result.keys).toEqual(['S1|2024-03-31', 'S1|2024-07-31', 'S1|2024-11-30', 'S2|2024-06-01', 'S3|2024-12-29']);
    expect(result.details.map((d) => [d['tipo'], d['codice_caso'], d['data'], d['motivo']])).toEqual([
      ['valutazione', 'S1', '2024-03-31', 'non dopo l’uscita'],
      ['contatto', 'S1', '2024-07-31', 'prima della finestra'],
      ['contatto', 'S1', '2024-11-30', 'dopo la finestra'],
      ['contatto', 'S2', '2024-06-01', 'percorso non ancora concluso'],
      ['contatto', 'S3', '2024-12-29', 'prima della finestra'],
    ]);
    expect(result.details[4]).toMatchObject({ data_target: '2025-02-28', finestra_da: '2024-12-30', finestra_a: '2025-04-29' });
  });

  it('exit_without_destination: path exits whose exiting stay has no destination', async () => {
    const report = await checks({
      alloggi: [unit('A', 9, '2023-01-01')],
      ospitalita: [
        stay('S1', 'P1', 'A', '2024-01-01', '2024-02-01'),
        stay('S2', 'P2', 'A', '2024-01-01', '2024-02-01'), // no destination, but the path goes on in S3
        stay('S3', 'P2', 'A', '2024-02-01', '2024-05-01', { destinazione_uscita: 'erp' }),
        stay('S4', 'P3', 'A', '2024-01-01', null), // open
        stay('S5', 'P4', 'A', '2024-01-01', '2024-02-01', { destinazione_uscita: 'ignota' }), // stated as unknown
      ],
    }, { asOf: '2024-12-31' });
    const result = check(report, 'exit_without_destination');
    expect(result.keys).toEqual(['P1#1']);
    expect(result.details).toEqual([{ codice_percorso: 'P1#1', codice_persona: 'P1', codice_caso: 'S1', data_uscita: '2024-02-01' }]);
  });

  it('accepted_without_date: esito accolta with no data_esito', async () => {
    const report = await checks({
      segnalazioni: [
        { codice_segnalazione: 'R1', data_segnalazione: '2024-01-01', esito: 'accolta' },
        { codice_segnalazione: 'R2', data_segnalazione: '2024-01-01', esito: 'accolta', data_esito: '2024-01-10' },
        { codice_segnalazione: 'R3', data_segnalazione: '2024-01-01', esito: 'non_accolta' },
        { codice_segnalazione: 'R4', data_segnalazione: '2024-01-01', esito: 'in_attesa' },
      ],
    });
    const result = check(report, 'accepted_without_date');
    expect(result.keys).toEqual(['R1']);
    expect(result.details).toEqual([{ codice_segnalazione: 'R1', data_segnalazione: '2024-01-01', codice_caso: null }]);
  });

  it('followup_overdue: windows closed by as_of (target + 60 ≤ as_of) without a reached contact in them', async () => {
    const report = await checks({
      alloggi: [unit('A', 9, '2023-01-01')],
      ospitalita: [
        stay('S1', 'P1', 'A', '2024-01-01', '2024-03-31'), // window to 29 Nov 2024: only not reached → overdue
        stay('S2', 'P2', 'A', '2024-01-01', '2024-03-31'), // reached on 1 Oct 2024 → completed
        stay('S4', 'P4', 'A', '2024-01-01', '2024-03-31'), // reached on the exit day and after the window → overdue
        stay('S6', 'P6', 'A', '2024-01-01', '2024-11-01'), // target 1 May 2025 + 60 = 30 Jun 2025 = as_of: assessable, overdue
        stay('S7', 'P7', 'A', '2024-01-01', '2024-11-02'), // window closes 1 Jul 2025: pending
        stay('S8', 'P8', 'A', '2024-01-01', null),
      ],
      followup: [
        contact('S1', '2024-09-01', 'non_raggiunta'),
        contact('S2', '2024-10-01'),
        contact('S4', '2024-03-31'),
        contact('S4', '2024-12-15'),
      ],
    }, { asOf: '2025-06-30' });
    const result = check(report, 'followup_overdue');
    expect(result.keys).toEqual(['P1#1', 'P4#1', 'P6#1']);
    expect(result.details.map((d) => [d['codice_percorso'], d['codice_caso'], d['data_target'], d['finestra_a'], d['contatti']])).toEqual([
      ['P1#1', 'S1', '2024-09-30', '2024-11-29', 1],
      ['P4#1', 'S4', '2024-09-30', '2024-11-29', 1],
      ['P6#1', 'S6', '2025-05-01', '2025-06-30', 0],
    ]);
  });
});
