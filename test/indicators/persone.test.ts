/**
 * The people indicators (indicators/persone/*.yaml): persons served (a stay occupying a night of
 * the period, the unit available), children over their paths, persons in care on the end day.
 */
import { describe, expect, it } from 'vitest';
import { catalogue, stay, unit, value, type Given } from './harness.js';

const IDS = ['persons_served', 'children_served', 'persons_in_care_at_end'];
const JAN = { from: '2024-01-01', to: '2024-01-31' };
const who = (target: string, cittadinanza: string, figli: number | null) => ({ target, cittadinanza, figli });
const desio = { ambito: 'Desio', comune: 'Desio' };
const seregno = { ambito: 'Seregno', comune: 'Seregno' };

/**
 * January 2024 (previous period December 2023), as_of 31/03/2024.
 *   A1 Monza 4 places, open.   B1 Desio 4 places, closes 20/01/2024.   S1 Seregno 2 places (unused).
 *   P1 C1 A1 01/12/2023 → 01/01          madre_con_figli  italiana  figli 1   (exit on from)
 *   P2 C2 A1 15/12/2023 → 31/01          vittima_violenza extra_ue  figli 2   (exit on end)
 *   P3 C3 A1 10/01 → 10/01               madre_con_figli  italiana  figli 3   (zero nights)
 *   P4 C4 A1 05/01 → 15/01, C5 B1 15/01 → 18/01 (transfer: one path)
 *                                        madre_con_figli  italiana  figli 2 (C5 says 5: not the first stay)
 *   P5 C6 B1 02/01 → open (B1 closes 20/01)  altro       ue        figli —
 *   P6 C7 A1 31/01 → open                vittima_violenza italiana  figli 0   (enters on end)
 *   P7 C8 A1 01/06/2023 → open           madre_con_figli  extra_ue  figli 1
 */
const network: Given = {
  alloggi: [unit('A1', 4, '2023-01-01'), unit('B1', 4, '2023-01-01', { ...desio, data_chiusura: '2024-01-20' }), unit('S1', 2, '2023-01-01', seregno)],
  ospitalita: [
    stay('C1', 'P1', 'A1', '2023-12-01', '2024-01-01', who('madre_con_figli', 'italiana', 1)),
    stay('C2', 'P2', 'A1', '2023-12-15', '2024-01-31', who('vittima_violenza', 'extra_ue', 2)),
    stay('C3', 'P3', 'A1', '2024-01-10', '2024-01-10', who('madre_con_figli', 'italiana', 3)),
    stay('C4', 'P4', 'A1', '2024-01-05', '2024-01-15', who('madre_con_figli', 'italiana', 2)),
    stay('C5', 'P4', 'B1', '2024-01-15', '2024-01-18', who('madre_con_figli', 'italiana', 5)),
    stay('C6', 'P5', 'B1', '2024-01-02', null, who('altro', 'ue', null)),
    stay('C7', 'P6', 'A1', '2024-01-31', null, who('vittima_violenza', 'italiana', 0)),
    stay('C8', 'P7', 'A1', '2023-06-01', null, who('madre_con_figli', 'extra_ue', 1)),
  ],
};

describe('indicators/persone', () => {
  it('computes the people indicators on a small network by hand', async () => {
    const r = await catalogue(network, { ...JAN, asOf: '2024-03-31', ids: IDS });
    // Served in January: P2 (nights 01..30), P4 (once, two stays), P5 (nights 02..20), P6 (night 31),
    // P7 → 5. P1 (exit on 01/01) and P3 (zero nights) are not.
    expect(value(r, 'persons_served').value).toBe(5);
    // Children over those paths, from the first stay: P2 2 + P4 2 + P5 — (missing) + P6 0 + P7 1 = 5.
    expect(value(r, 'children_served')).toMatchObject({ value: 5, detail: { missing: 1 } });
    // In care on the night of 31/01: P6 (entered that day), P7 (open) → 2. P2 exits that day; P5's
    // unit B1 closed on 20/01.
    expect(value(r, 'persons_in_care_at_end').value).toBe(2);
  });

  it('gives the previous period with its value and change', async () => {
    const r = await catalogue(network, { ...JAN, asOf: '2024-03-31', ids: IDS });
    // December 2023: P1 (nights 01..31), P2 (15..31), P7 → 3; change 5 − 3 = 2.
    expect(value(r, 'persons_served').previous).toEqual({ value: 3, change: 2 });
    // Children: P1 1 + P2 2 + P7 1 = 4; change 5 − 4 = 1.
    expect(value(r, 'children_served').previous).toEqual({ value: 4, change: 1 });
    // On 31/12/2023: P1 (exits 01/01), P2, P7 → 3; change 2 − 3 = −1.
    expect(value(r, 'persons_in_care_at_end').previous).toEqual({ value: 3, change: -1 });
  });

  it('--by ambito: every district with units, a person in each district she stayed in, once overall', async () => {
    const r = await catalogue(network, { ...JAN, asOf: '2024-03-31', ids: IDS, by: 'ambito' });
    for (const id of IDS) expect(r.values.filter((v) => v.id === id).map((v) => v.group['ambito'] ?? '*').sort(), id).toEqual(['*', 'Desio', 'Monza', 'Seregno']);
    // Monza: P2, P4 (C4), P6, P7 = 4; Desio: P4 (C5), P5 = 2; Seregno 0. P4 counts in both:
    // 4 + 2 = 6 > 5 overall.
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'persons_served', { ambito: a }).value)).toEqual([4, 2, 0]);
    expect(value(r, 'persons_served').value).toBe(5);
    // Children: Monza P2 2 + P4 2 + P6 0 + P7 1 = 5; Desio P4 2 + P5 missing = 2 (missing 1); Seregno 0.
    expect(value(r, 'children_served', { ambito: 'Monza' })).toMatchObject({ value: 5, detail: { missing: 0 } });
    expect(value(r, 'children_served', { ambito: 'Desio' })).toMatchObject({ value: 2, detail: { missing: 1 } });
    expect(value(r, 'children_served', { ambito: 'Seregno' }).value).toBe(0);
    // In care at the end: Monza 2, Desio 0, Seregno 0: one stay per person on one night, so these add up.
    expect(['Monza', 'Desio', 'Seregno'].map((a) => value(r, 'persons_in_care_at_end', { ambito: a }).value)).toEqual([2, 0, 0]);
  });

  it('--by ambito adds up when nobody changes district', async () => {
    // The network without P4's transfer to Desio: Monza P2, P4, P6, P7 = 4, Desio P5 = 1, total 5.
    const given: Given = { ...network, ospitalita: network.ospitalita!.filter((s) => s['codice_caso'] !== 'C5') };
    const r = await catalogue(given, { ...JAN, asOf: '2024-03-31', ids: IDS, by: 'ambito' });
    for (const id of IDS) {
      const groups = ['Monza', 'Desio', 'Seregno'].map((a) => value(r, id, { ambito: a }).value!);
      expect(groups.reduce((s, x) => s + x, 0), id).toBe(value(r, id).value);
    }
    expect(value(r, 'persons_served', { ambito: 'Desio' }).value).toBe(1);
  });

  it('--by target and cittadinanza use the path values, listing every code', async () => {
    const byTarget = await catalogue(network, { ...JAN, asOf: '2024-03-31', ids: IDS, by: 'target' });
    // Served: madre_con_figli P4, P7 = 2; vittima_violenza P2, P6 = 2; altro P5 = 1 → 5.
    expect(['madre_con_figli', 'vittima_violenza', 'altro'].map((t) => value(byTarget, 'persons_served', { target: t }).value)).toEqual([2, 2, 1]);
    // Children: madre_con_figli 2 + 1 = 3; vittima_violenza 2 + 0 = 2; altro missing → 0.
    expect(['madre_con_figli', 'vittima_violenza', 'altro'].map((t) => value(byTarget, 'children_served', { target: t }).value)).toEqual([3, 2, 0]);
    const byCitizenship = await catalogue(network, { ...JAN, asOf: '2024-03-31', ids: ['persons_served', 'persons_in_care_at_end'], by: 'cittadinanza' });
    // Served: italiana P4, P6 = 2; ue P5 = 1; extra_ue P2, P7 = 2. In care at the end: italiana P6, extra_ue P7.
    expect(['italiana', 'ue', 'extra_ue'].map((c) => value(byCitizenship, 'persons_served', { cittadinanza: c }).value)).toEqual([2, 1, 2]);
    expect(['italiana', 'ue', 'extra_ue'].map((c) => value(byCitizenship, 'persons_in_care_at_end', { cittadinanza: c }).value)).toEqual([1, 0, 1]);
  });

  it('does not count the exit day as a night', async () => {
    // C1 exits on 01/01 (from): its nights end on 31/12 → not served in January.
    // C2 exits on 31/01 (end): served (nights to 30/01) but not in care on the end day.
    const r = await catalogue(
      { alloggi: [unit('A1', 2, '2023-01-01')], ospitalita: [stay('C1', 'P1', 'A1', '2023-12-01', '2024-01-01', { figli: 4 }), stay('C2', 'P2', 'A1', '2024-01-20', '2024-01-31', { figli: 1 })] },
      { ...JAN, asOf: '2024-12-31', ids: IDS },
    );
    expect(value(r, 'persons_served').value).toBe(1);
    expect(value(r, 'children_served').value).toBe(1);
    expect(value(r, 'persons_in_care_at_end').value).toBe(0);
  });

  it('does not count a zero-night stay (same-day entry and exit)', async () => {
    // Period 10/01 → 10/01: C1 enters and exits on 10/01 → no night, not in care on the end day.
    const r = await catalogue(
      { alloggi: [unit('A1', 2, '2023-01-01')], ospitalita: [stay('C1', 'P1', 'A1', '2024-01-10', '2024-01-10', { figli: 2 })] },
      { from: '2024-01-10', to: '2024-01-10', asOf: '2024-12-31', ids: IDS },
    );
    expect(IDS.map((id) => value(r, id).value)).toEqual([0, 0, 0]);
  });

  it('counts the night of 29 February 2024', async () => {
    // Period 29/02/2024 alone. C1 28/02 → 01/03 occupies the night of 29/02: served, in care on
    // 29/02. C2 exits on 29/02: not a night.
    const r = await catalogue(
      { alloggi: [unit('A1', 2, '2023-01-01')], ospitalita: [stay('C1', 'P1', 'A1', '2024-02-28', '2024-03-01', { figli: 1 }), stay('C2', 'P2', 'A1', '2024-02-01', '2024-02-29', { figli: 3 })] },
      { from: '2024-02-29', to: '2024-02-29', asOf: '2024-12-31', ids: IDS },
    );
    expect(IDS.map((id) => value(r, id).value)).toEqual([1, 1, 1]);
    // The previous period is the single day before: 28/02, when both were present.
    expect(value(r, 'persons_served').previous).toEqual({ value: 2, change: -1 });
  });

  it('treats a stay exiting after as_of as open', async () => {
    // as_of 20/01/2024 → end 20/01. C1 exits on 25/01, after as_of: open, in care on 20/01.
    // C2 exits on 20/01 (as_of): served (nights 10..19), not in care on the end day.
    const r = await catalogue(
      { alloggi: [unit('A1', 2, '2023-01-01')], ospitalita: [stay('C1', 'P1', 'A1', '2024-01-05', '2024-01-25'), stay('C2', 'P2', 'A1', '2024-01-10', '2024-01-20')] },
      { ...JAN, asOf: '2024-01-20', ids: IDS },
    );
    expect(value(r, 'persons_served').value).toBe(2);
    expect(value(r, 'persons_in_care_at_end').value).toBe(1);
  });

  it('stops counting nights when a unit closes mid-period', async () => {
    // B1 closes on 10/01. C1 in B1 since December, still open: served in January (nights 01..10),
    // not in care on 31/01, not served in February. C2 enters B1 on 15/01, after it closed: no night.
    const given: Given = {
      alloggi: [unit('B1', 2, '2023-01-01', { data_chiusura: '2024-01-10' })],
      ospitalita: [stay('C1', 'P1', 'B1', '2023-12-01', null, { figli: 1 }), stay('C2', 'P2', 'B1', '2024-01-15', null, { figli: 2 })],
    };
    const jan = await catalogue(given, { ...JAN, asOf: '2024-12-31', ids: IDS });
    expect(IDS.map((id) => value(jan, id).value)).toEqual([1, 1, 0]);
    const feb = await catalogue(given, { from: '2024-02-01', to: '2024-02-29', asOf: '2024-12-31', ids: IDS });
    expect(IDS.map((id) => value(feb, id).value)).toEqual([0, 0, 0]);
  });

  it('gives 0 for a period after the data and with no units', async () => {
    // June 2024 with as_of 31/03: the period has no day (P7 is still open at as_of, yet not counted).
    const after = await catalogue(network, { from: '2024-06-01', to: '2024-06-30', asOf: '2024-03-31', ids: IDS });
    expect(after.period.days).toBe(0);
    expect(IDS.map((id) => value(after, id).value)).toEqual([0, 0, 0]);
    const empty = await catalogue({}, { ...JAN, asOf: '2024-12-31', ids: IDS, by: 'ambito' });
    expect(empty.values.map((v) => [v.id, v.group, v.value])).toEqual(IDS.map((id) => [id, {}, 0]));
  });
});
