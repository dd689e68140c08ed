import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/check/checks.js';
import { runChecks } from '../../src/check/index.js';
import { Database } from '../../src/db.js';
import { clean } from './clean.js';
import { check, checks, defaultProject, stay, unit } from './harness.js';

describe('check/index', () => {
  it('a clean network gives no finding in any check, as of its latest event', async () => {
    const report = await checks(clean);
    expect(report.as_of).toBe('2024-06-03');
    expect(report.checks.map((c) => [c.id, c.count])).toEqual(CHECKS.map((c) => [c.id, 0]));
    expect(report.checks.every((c) => c.keys.length === 0)).toBe(true);
    // Missing values still lists every column (with rate 0 for the needed ones).
    expect(check(report, 'missing_values').details.length).toBeGreaterThan(50);
  });

  it('runs every check of the contract in a fixed order, count = number of keys', async () => {
    const report = await checks({ alloggi: [unit('A', 1, '2024-01-01')], ospitalita: [stay('S1', 'P1', 'A', '2024-01-01', null), stay('S2', 'P2', 'A', '2024-01-01', null)] });
    expect(report.checks.map((c) => c.id)).toEqual([
      'rejected_rows', 'values_redacted', 'vocabulary_miss', 'unknown_territory', 'missing_values', 'stay_outside_availability',
      'over_capacity', 'overlapping_stays', 'transfer_not_followed', 'followup_outside_window', 'long_stay',
      'exit_without_destination', 'accepted_without_date', 'followup_overdue', 'survey_rows_rejected',
    ]);
    for (const c of report.checks) expect(c.count).toBe(c.keys.length);
    expect(check(report, 'over_capacity').keys).toEqual(['A']);
  });

  it('limit: at most that many keys and finding rows, the count complete', async () => {
    const accepted = (code: string) => ({ codice_segnalazione: code, data_segnalazione: '2024-01-01', esito: 'accolta' });
    const report = await checks({ segnalazioni: [accepted('R3'), accepted('R1'), accepted('R2')] }, { limit: 2, ids: ['accepted_without_date'] });
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ count: 3, keys: ['R1', 'R2'], detailsTotal: 3 });
    expect(report.checks[0]!.details.map((d) => d['codice_segnalazione'])).toEqual(['R1', 'R2']);
  });

  it('a database without events still reports rejected rows, with as_of null', async () => {
    const report = await checks({
      rejected_rows: [{ ingest_id: 1, file: 'ospitalita.csv', entity: 'ospitalita', line: 2, column_name: 'data_ingresso', reason_code: 'invalid_date', reason: 'x', raw_line: 'x' }],
    });
    expect(report.as_of).toBeNull();
    expect(check(report, 'rejected_rows').keys).toEqual(['ospitalita.csv:2']);
    expect(report.checks.filter((c) => c.count > 0).map((c) => c.id)).toEqual(['rejected_rows']);
  });

  it('a database without the mev tables is a user error', async () => {
    const db = await Database.open(':memory:');
    try {
      await expect(runChecks(db, defaultProject)).rejects.toThrow(/mancano le tabelle di mev/);
    } finally {
      db.close();
    }
  });
});
