/**
 * Occupancy timeline of each unit: the availability of the unit (light band) and its stays
 * (bars from entry to exit, one lane per overlapping stay). No person or case code: a bar is a
 * stay and nothing else.
 */
import type { GanttBar } from '../../src/report/units.js';
import { categoryScale, MONTH_FORMAT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export interface GanttData {
  availability: GanttBar[];
  stays: GanttBar[];
}

export function spec(data: GanttData, lang: Lang): VlSpec {
  const units = [...new Set(data.availability.map((a) => a.unit))];
  const ambiti = [...new Set(data.availability.map((a) => a.ambito))];
  const lanes = Math.max(1, ...data.stays.map((s) => s.lane + 1));
  const y = { field: 'unit', type: 'nominal' as const, sort: units, title: t(lang, 'chart.units.unit'), scale: { paddingInner: 0.25 } };
  return {
    title: title(t(lang, 'chart.units.gantt')),
    width: WIDTH,
    // The step is the unit's row (position), which the lanes (offset) share; the whole chart stays
    // within about 950 px, so it fits one A4 page.
    height: { step: Math.min(Math.max(14, lanes * 8), 26, Math.max(10, Math.floor(820 / Math.max(1, units.length)))), for: 'position' },
    layer: [
      {
        data: { values: data.availability },
        mark: { type: 'bar', color: '#e8e8e8' },
        encoding: {
          x: { field: 'start', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null, axis: { format: MONTH_FORMAT, labelAngle: -40 } },
          x2: { field: 'end', timeUnit: 'utcyearmonthdate' },
          y,
        },
      },
      {
        data: { values: data.stays },
        mark: { type: 'bar', cornerRadius: 1 },
        encoding: {
          x: { field: 'start', type: 'temporal', timeUnit: 'utcyearmonthdate' },
          x2: { field: 'end', timeUnit: 'utcyearmonthdate' },
          y,
          yOffset: { field: 'lane', type: 'ordinal', scale: { domain: Array.from({ length: lanes }, (_, i) => i), paddingInner: 0.2 } },
          color: { field: 'ambito', type: 'nominal', title: null, scale: categoryScale(ambiti) },
        },
      },
    ],
  };
}
