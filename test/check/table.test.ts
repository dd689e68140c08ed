import { describe, expect, it } from 'vitest';
import type { CheckReport, CheckResult } from '../../src/check/index.js';
import { renderCheckTable } from '../../src/check/table.js';

const base = { label_en: '', severity: 'error' as const };

describe('check/table', () => {
  it('summarises every check, then lists at most 50 keys and 50 detail rows, saying how many more', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
    const over: CheckResult = {
      ...base, id: 'over_capacity', label: 'Più posti occupati che posti disponibili', key: 'codice_alloggio',
      count: 60, keys, details: keys.map((k) => ({ codice_alloggio: k, dal: '2025-01-01', al: '2025-01-02', posti: 2, occupati_max: 3 })), detailsTotal: 75,
    };
    const none: CheckResult = { ...base, id: 'overlapping_stays', label: 'Permanenze sovrapposte della stessa persona', key: 'codice_caso', count: 0, keys: [], details: [], detailsTotal: 0 };
    const report: CheckReport = { as_of: '2025-12-31', checks: [over, none] };
    const text = renderCheckTable(report);
    expect(text.startsWith('Controlli sulla qualità dei dati (dati al 31/12/2025)\n')).toBe(true);
    expect(text).toMatch(/1\.\s+Più posti occupati che posti disponibili\s+errore\s+60\s+alloggi\n/);
    expect(text).toMatch(/2\.\s+Permanenze sovrapposte della stessa persona\s+errore\s+0\s+permanenze\n/);
    expect(text).toContain('1 controllo su 2 con segnalazioni.');
    expect(text).toContain('1. Più posti occupati che posti disponibili: 60 alloggi (codice_alloggio)');
    expect(text).toContain('  … e altre 10 chiavi (elenco completo con --format json)');
    expect(text).toContain('  … e altre 25 righe (tutte con --format json)');
    expect(text).toMatch(/A50\s+01\/01\/2025\s+02\/01\/2025\s+2\s+3/);
    // No section for a check without findings.
    expect(text).not.toContain('2. Permanenze sovrapposte');
    // Key lines wrap before 100 columns.
    expect(Math.max(...text.split('\n').filter((l) => l.includes('A01')).map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('keeps control characters of user data away from the terminal', () => {
    const r: CheckResult = { ...base, id: 'accepted_without_date', label: 'Segnalazioni accolte senza data di esito', key: 'codice_segnalazione', count: 1, keys: ['R\u001b[31m1\u202e'], details: [], detailsTotal: 1 };
    const text = renderCheckTable({ as_of: null, checks: [r] });
    expect(text).toContain('Controlli sulla qualità dei dati (nessun evento nel database)');
    expect(text).toContain('  R\ufffd[31m1\ufffd');
    expect(text).not.toContain('\u001b');
  });
});
