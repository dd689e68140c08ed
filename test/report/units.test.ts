import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject, type Project } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { ensureSchema } from '../../src/ddl.js';
import { buildBase } from '../../src/indicators/base.js';
import { computeForPeriod } from '../../src/indicators/index.js';
import { loadRows } from '../../src/indicators/example.js';
import { parsePeriod, resolvePeriod } from '../../src/periods.js';
import { periodSteps } from '../../src/report/series.js';
import { GANTT_MAX_UNITS, HEATMAP_MAX_UNITS, unitTimeline } from '../../src/report/units.js';
import { reportBase, type ReportBase } from './dataset.js';

const period = resolvePeriod(parsePeriod('2025', undefined, '2025-12-31'), '2025-12-31');
const months = periodSteps(period);

describe('units', () => {
  describe('on the report dataset (4 units)', () => {
    let base: ReportBase;
    let db: Database;
    let project: Project;
    beforeAll(async () => {
      base = await reportBase(period);
      ({ db, project } = base);
    });
    afterAll(() => base.cleanup());

    it('draws a Gantt of the stays, clipped to the period, one lane per overlapping stay', async () => {
      const timeline = await unitTimeline(db, { project, period, months, suppress: undefined, lang: 'it' });
      if (timeline.kind !== 'gantt') throw new Error(`expected a gantt, got ${timeline.kind}`);
      expect(timeline.units).toBe(4);
      // A1 (2 places): C01 and C02 run from before 2025 (clipped to 01/01); C01 ends 15/02, so C03
      // (01/03) takes its lane; C02 ends 30/06, so C11 (01/10) takes lane 1. Open stays run to 01/01/2026.
      expect(timeline.stays.filter((s) => s.unit === 'A1').map((s) => [s.lane, s.start, s.end])).toEqual([
        [0, '2025-01-01', '2025-02-15'],
        [1, '2025-01-01', '2025-06-30'],
        [0, '2025-03-01', '2026-01-01'],
        [1, '2025-10-01', '2026-01-01'],
      ]);
      // B1 closes 30/09/2025: available to the end of that day.
      expect(timeline.availability.find((a) => a.unit === 'B1')).toMatchObject({ start: '2025-01-01', end: '2025-10-01', ambito: 'Desio' });
      // Nothing names a person or a case.
      for (const bar of [...timeline.stays, ...timeline.availability]) expect(Object.keys(bar).sort()).toEqual(['ambito', 'end', 'lane', 'start', 'unit']);
    });

    it('shows a heatmap of occupancy_rate by unit and month when suppression is on, equal to the catalogue', async () => {
      const timeline = await unitTimeline(db, { project, period, months, suppress: 3, lang: 'it' });
      if (timeline.kind !== 'heatmap') throw new Error(`expected a heatmap, got ${timeline.kind}`);
      const march = await computeForPeriod(db, project, months[2]!, { ids: ['occupancy_rate'], by: 'alloggio', suppress: 3, lang: 'it' });
      await buildBase(db, period, project);
      for (const unit of ['A1', 'A2', 'B1', 'B2']) {
        const cell = timeline.cells.find((c) => c.unit === unit && c.month === '2025-03-01')!;
        const v = march.values.find((x) => x.group['alloggio'] === unit)!;
        expect([cell.rate, cell.suppressed], unit).toEqual([v.value, v.suppressed]);
      }
      // B1 closes 30/09: no rate for October to December (a cell there is one the engine hid as a
      // second suppressed cell); B2 opens 01/03: none for January and February.
      expect(timeline.cells.filter((c) => c.unit === 'B1' && c.month >= '2025-10-01').every((c) => c.suppressed && c.rate === null)).toBe(true);
      expect(timeline.cells.filter((c) => c.unit === 'B1' && c.month < '2025-10-01').length).toBe(9);
      expect(timeline.cells.filter((c) => c.unit === 'B2' && c.month < '2025-03-01').every((c) => c.suppressed)).toBe(true);
    });
  });

  /** n one-place units in one ambito, unit i occupied from 1 January for i + 1 days. */
  async function network(n: number): Promise<{ db: Database; project: Project }> {
    const project = loadProject(null);
    const db = await Database.open(':memory:');
    await ensureSchema(db, project);
    const code = (i: number) => `U${String(i).padStart(3, '0')}`;
    await loadRows(db, {
      alloggi: Array.from({ length: n }, (_, i) => ({ codice_alloggio: code(i), ambito: 'Monza', comune: 'Monza', posti: 1, data_apertura: '2024-01-01' })),
      ospitalita: Array.from({ length: n }, (_, i) => ({
        codice_caso: `C${i}`, codice_persona: `P${i}`, codice_alloggio: code(i), posti_occupati: 1, data_ingresso: '2025-01-01',
        data_uscita: new Date(Date.UTC(2025, 0, 2 + (i % 31))).toISOString().slice(0, 10),
      })),
    });
    await buildBase(db, period, project);
    return { db, project };
  }

  it(`switches to a unit × month heatmap above ${GANTT_MAX_UNITS} units`, async () => {
    const { db, project } = await network(GANTT_MAX_UNITS + 1);
    try {
      const timeline = await unitTimeline(db, { project, period, months, suppress: undefined, lang: 'it' });
      expect(timeline.kind).toBe('heatmap');
      if (timeline.kind !== 'heatmap') return;
      // 61 units × 12 months; unit U000 stays 1 night in January: 1/31.
      expect(timeline.cells.length).toBe(61 * 12);
      expect(timeline.cells.find((c) => c.unit === 'U000' && c.month === '2025-01-01')!.rate).toBeCloseTo(1 / 31, 12);
    } finally {
      db.close();
    }
  });

  it(`counts units by occupancy band above ${HEATMAP_MAX_UNITS} units`, async () => {
    const { db, project } = await network(HEATMAP_MAX_UNITS + 1);
    try {
      const timeline = await unitTimeline(db, { project, period, months, suppress: undefined, lang: 'it' });
      expect(timeline.kind).toBe('bands');
      if (timeline.kind !== 'bands') return;
      const january = timeline.cells.filter((c) => c.month === '2025-01-01');
      // Unit i stays (i mod 31) + 1 nights of 31: 1–15 nights are below 50 % (15 × 9 = 135 units with
      // i mod 31 in 0..14: 251 = 8 × 31 + 3, so residues 0–2 occur 9 times, the others 8: 3 × 9 + 12 × 8 = 123),
      // 16–24 nights 50–79 % (residues 15–23: 9 × 8 = 72), 25–30 nights 80–99 % (24–29: 6 × 8 = 48),
      // 31 nights 100 % (residue 30: 8).
      expect(Object.fromEntries(january.map((c) => [c.band, c.units]))).toEqual({ '0': 0, '1-49': 123, '50-79': 72, '80-99': 48, '100': 8 });
      // From February on every unit is empty.
      expect(timeline.cells.find((c) => c.month === '2025-02-01' && c.band === '0')!.units).toBe(251);
    } finally {
      db.close();
    }
  });
});
