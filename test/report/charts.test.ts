/**
 * Every chart of reports/charts/: valid against the official Vega-Lite (Vega) schema, renders with
 * at least one data mark, uses no local time, and stays within an A4 page at the largest input
 * the report gives it (60 units of Gantt, 250 units × 24 months of heatmap, 150 organisations).
 */
import { describe, expect, it } from 'vitest';
import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import * as demand from '../../reports/charts/offer-demand.js';
import * as occupancy from '../../reports/charts/offer-occupancy.js';
import * as places from '../../reports/charts/offer-places.js';
import * as gantt from '../../reports/charts/unit-gantt.js';
import * as heatmap from '../../reports/charts/unit-heatmap.js';
import * as bands from '../../reports/charts/unit-bands.js';
import * as profile from '../../reports/charts/entry-profile.js';
import * as referrers from '../../reports/charts/entry-referrers.js';
import * as length from '../../reports/charts/exit-length.js';
import * as km from '../../reports/charts/exit-km.js';
import * as destinations from '../../reports/charts/exit-destinations.js';
import * as scores from '../../reports/charts/score-change.js';
import * as funnel from '../../reports/charts/followup-funnel.js';
import * as map from '../../reports/charts/network-map.js';
import * as trust from '../../reports/charts/network-trust.js';
import * as levels from '../../reports/charts/network-levels.js';
import * as factors from '../../reports/charts/network-factors.js';
import * as waves from '../../reports/charts/network-waves.js';
import { countDataMarks } from '../../src/charts/marks.js';
import { renderVega, renderVegaLite } from '../../src/charts/render.js';
import { validateVega, validateVegaLite } from '../../src/charts/validate.js';
import { OCCUPANCY_BANDS } from '../../src/report/units.js';
import type { NetworkMap } from '../../src/report/network.js';

const months = (n: number) => Array.from({ length: n }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
const ambiti = ['Monza', 'Desio', 'Carate Brianza', 'Seregno'];

/** A network of n organisations in a ring with chords, positioned on a circle. */
function networkOf(n: number): NetworkMap {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `E${i}`, name: `Ente ${i} <b>`, type: ['comune', 'cooperativa', 'associazione'][i % 3]!, respondent: i % 4 !== 0, degree: 2 + (i % 5),
    x: 320 + 300 * Math.cos((2 * Math.PI * i) / n), y: 220 + 200 * Math.sin((2 * Math.PI * i) / n), labelled: i < 10,
  }));
  const ties = nodes.map((a, i) => {
    const b = nodes[(i + 1 + (i % 7)) % n]!;
    return { x1: a.x, y1: a.y, x2: b.x, y2: b.y, level: 1 + (i % 5), reciprocated: i % 2 === 0 };
  });
  return { wave: '2025', organisations: n + 20, nodes, ties };
}

type Case = { name: string; kind: 'vega-lite' | 'vega'; spec: TopLevelSpec | VegaSpec; maxHeight?: number };

const cases: Case[] = [
  { name: 'offer-places', kind: 'vega-lite', spec: places.spec(months(24).flatMap((m) => ambiti.map((a, i) => ({ month: m, ambito: a, places: 5 + i }))), 'it') },
  { name: 'offer-occupancy', kind: 'vega-lite', spec: occupancy.spec(months(12).flatMap((m) => [...ambiti, 'Totale'].map((g, i) => ({ month: m, group: g, rate: 0.6 + i / 20 }))), 'Totale', 'it') },
  {
    name: 'offer-demand', kind: 'vega-lite',
    spec: demand.spec(months(12).flatMap((m, i) => [{ month: m, series: 'ricevute', requests: 5 + (i % 3) }, { month: m, series: 'accolte', requests: 3 }]), months(12).map((m) => ({ month: m, places: 30 })), 'it'),
  },
  {
    // The largest Gantt: 60 units of up to 5 places, three stays per place over a year.
    name: 'unit-gantt (60 units)', kind: 'vega-lite',
    spec: gantt.spec({
      availability: Array.from({ length: 60 }, (_, u) => ({ unit: `A${u}`, ambito: ambiti[u % 4]!, lane: 0, start: '2025-01-01', end: '2026-01-01' })),
      stays: Array.from({ length: 60 }, (_, u) => Array.from({ length: 1 + (u % 5) }, (_, lane) => [0, 1, 2].map((k) => ({ unit: `A${u}`, ambito: ambiti[u % 4]!, lane, start: `2025-${String(1 + k * 4).padStart(2, '0')}-05`, end: `2025-${String(4 + k * 4).padStart(2, '0')}-20` })))).flat(2),
    }, 'it'),
  },
  {
    name: 'unit-heatmap (250 units × 24 months)', kind: 'vega-lite', maxHeight: 1000,
    spec: heatmap.spec(Array.from({ length: 250 }, (_, u) => months(24).map((m, i) => ({ unit: `A${String(u).padStart(3, '0')}`, ambito: ambiti[u % 4]!, month: m, rate: (u + i) % 7 === 0 ? null : ((u * i) % 10) / 10, suppressed: (u + i) % 7 === 0 }))).flat(), 'it'),
  },
  { name: 'unit-bands', kind: 'vega-lite', spec: bands.spec(months(24).flatMap((m, i) => OCCUPANCY_BANDS.map((b, k) => ({ month: m, band: b, units: k === 2 && i === 3 ? null : 1000 * k + i, suppressed: k === 2 && i === 3 }))), 182_176, 'it') },
  {
    name: 'entry-profile', kind: 'vega-lite',
    spec: profile.spec([['Target', ['madre_con_figli', 'vittima_violenza', 'altro']], ['Cittadinanza', ['italiana', 'ue', 'extra_ue']], ['Età', ['<25', '25–34', '35–44', '45+']]].flatMap(([p, cats]) => (cats as string[]).map((c, order) => ({ profile: p as string, category: c, share: 1 / (cats as string[]).length, order }))), 'it'),
  },
  { name: 'entry-referrers', kind: 'vega-lite', spec: referrers.spec(Array.from({ length: 15 }, (_, i) => ({ name: `Servizio Tutela Minori – Ambito di Carate Brianza ${i} <script>`, entries: 40 - i })), 240, 'it') },
  { name: 'exit-length', kind: 'vega-lite', spec: length.spec([{ band: '0–90', paths: 4 }, { band: '91–180', paths: null }, { band: '181–365', paths: 21 }, { band: '366–730', paths: 10 }, { band: '731 +', paths: 0 }], 'it') },
  { name: 'exit-km', kind: 'vega-lite', spec: km.spec([{ time: 42, nRisk: 7, events: 1, censored: 0, survival: 6 / 7 }, { time: 100, nRisk: 5, events: 1, censored: 0, survival: 24 / 35 }, { time: 214, nRisk: 2, events: 1, censored: 0, survival: 9 / 35 }], 214, 'it') },
  { name: 'exit-km (no median)', kind: 'vega-lite', spec: km.spec([{ time: 42, nRisk: 7, events: 1, censored: 6, survival: 6 / 7 }], null, 'it') },
  { name: 'exit-destinations', kind: 'vega-lite', spec: destinations.spec([{ destination: 'Affitto autonomo', outcome: 'positiva', exits: 5 }, { destination: 'Altra accoglienza', outcome: 'neutra', exits: 9 }, { destination: 'Senza dimora', outcome: 'negativa', exits: 3 }, { destination: 'Ignota', outcome: 'ignota', exits: 3 }], 'it') },
  { name: 'score-change', kind: 'vega-lite', spec: scores.spec(['Abitare', 'Lavoro'].flatMap((d) => [{ dimension: d, phase: 'uscita − ingresso', change: 0.6 }, { dimension: d, phase: 'follow-up − uscita', change: -0.2 }]), ['Abitare', 'Lavoro'], 'it') },
  { name: 'followup-funnel', kind: 'vega-lite', spec: funnel.spec([{ step: 'scaduti', order: 0, paths: 41 }, { step: 'valutabili', order: 1, paths: 41 }, { step: 'completati', order: 2, paths: 28 }], 'it') },
  { name: 'network-map (150 organisations)', kind: 'vega', spec: map.spec(networkOf(150), (code) => `tipo ${code}`, 'it') },
  { name: 'network-trust (40 organisations)', kind: 'vega-lite', maxHeight: 1000, spec: trust.spec(Array.from({ length: 40 }, (_, i) => [{ organisation: `Ente ${i}`, measure: 'fiducia', score: 2 + i / 40 }, { organisation: `Ente ${i}`, measure: 'valore', score: 2.5 }]).flat(), Array.from({ length: 40 }, (_, i) => `Ente ${i}`), '2025', 'it') },
  { name: 'network-levels', kind: 'vega-lite', spec: levels.spec(['2024', '2025'].flatMap((wave) => ['0 nessuna', '1 networking', '2 cooperazione'].map((level, order) => ({ wave, level, order, share: 1 / 3 }))), ['0 nessuna', '1 networking', '2 cooperazione'], 'it') },
  { name: 'network-factors', kind: 'vega-lite', spec: factors.spec(['2024', '2025'].flatMap((wave) => [{ factor: 'Comunicazione', wave, score: 2.96, band: 'criticità' }, { factor: 'Contesto', wave, score: 4.03, band: 'punto di forza' }]), ['Contesto', 'Comunicazione'], { strength: 4, borderline: 3, labels: ['punto di forza', 'da presidiare', 'criticità'] }, { min: 1, max: 5 }, 'it') },
  { name: 'network-waves', kind: 'vega-lite', spec: waves.spec(['2024', '2025'].flatMap((wave, i) => [{ indicator: 'Densità', wave, value: 0.6 + i / 10 }, { indicator: 'Reciprocità', wave, value: 0.5 }]), 'it') },
];

describe('charts', () => {
  for (const c of cases) {
    it(`${c.name}: valid, rendered in UTC with data marks, within an A4 page`, async () => {
      const check = c.kind === 'vega' ? validateVega(c.spec) : validateVegaLite(c.spec);
      expect(check).toEqual({ valid: true });
      const warnings: string[] = [];
      const svg = c.kind === 'vega' ? await renderVega(c.spec as VegaSpec, { lang: 'it', onWarning: (w) => warnings.push(w) }) : await renderVegaLite(c.spec as TopLevelSpec, { lang: 'it', onWarning: (w) => warnings.push(w) });
      expect(warnings.filter((w) => /local time/i.test(w))).toEqual([]);
      expect(countDataMarks(svg)).toBeGreaterThan(0);
      const [, width, height] = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg)!.map(Number);
      // Scaled to the 180 mm text width, a chart must not be much wider than it (labels stay legible)
      // nor taller than about one page at that scale.
      expect(width).toBeLessThanOrEqual(900);
      expect(height).toBeLessThanOrEqual(c.maxHeight ?? 1000);
      // Text from data is escaped by Vega's SVG writer.
      expect(svg).not.toMatch(/<(script|b)>/);
    });
  }

  it('writes months with Italian names on a UTC axis, whatever the host time zone', async () => {
    const spec = places.spec([{ month: '2025-01-01', ambito: 'Monza', places: 3 }, { month: '2025-12-01', ambito: 'Monza', places: 4 }], 'it');
    const texts = Array.from((await renderVegaLite(spec, { lang: 'it' })).matchAll(/<text[^>]*>([^<]*)<\/text>/g), (m) => m[1]);
    expect(texts).toContain('gen 2025');
    expect(texts).toContain('dic 2025');
  });
});
