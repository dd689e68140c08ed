/** Occupancy by unit and month (`occupancy_rate` by alloggio for each month); suppressed cells are hatched grey. */
import type { HeatCell } from '../../src/report/units.js';
import { FORMAT, MONTH_FORMAT, t, title, type Lang, type VlSpec } from './common.js';

/** Above this many units the unit codes are not written (they would overlap). */
const LABELLED_UNITS = 80;

export function spec(cells: HeatCell[], lang: Lang): VlSpec {
  const units = [...new Map([...cells].sort((a, b) => a.ambito.localeCompare(b.ambito) || a.unit.localeCompare(b.unit)).map((c) => [c.unit, c])).keys()];
  const months = new Set(cells.map((c) => c.month)).size;
  const shown = cells.filter((c) => !c.suppressed).map(({ suppressed: _s, ...c }) => c);
  const hidden = cells.filter((c) => c.suppressed).map((c) => ({ unit: c.unit, month: c.month }));
  const x = { field: 'month', type: 'ordinal' as const, timeUnit: 'utcyearmonth' as const, title: null, axis: { format: MONTH_FORMAT, labelAngle: -40 } };
  const y = { field: 'unit', type: 'nominal' as const, sort: units, title: t(lang, 'chart.units.unit'), axis: units.length > LABELLED_UNITS ? { labels: false, ticks: false } : {} };
  return {
    title: title(t(lang, 'chart.units.heatmap')),
    width: Math.min(560, Math.max(240, months * 40)),
    height: { step: units.length > LABELLED_UNITS ? 3 : 12 },
    layer: [
      {
        data: { values: shown },
        mark: { type: 'rect' },
        encoding: {
          x,
          y,
          color: { field: 'rate', type: 'quantitative', title: t(lang, 'chart.occupancy.y'), scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: FORMAT.percent } },
        },
      },
      ...(hidden.length
        ? [{ data: { values: hidden }, mark: { type: 'rect' as const, color: '#bdbdbd' }, encoding: { x, y } }]
        : []),
    ],
  };
}
