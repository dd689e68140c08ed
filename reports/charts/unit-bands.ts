/** How many units fall in each occupancy band, month by month (large networks, where a row per unit is unreadable). */
import { OCCUPANCY_BANDS, type BandCell } from '../../src/report/units.js';
import { FORMAT, MONTH_FORMAT, t, title, type Lang, type VlSpec } from './common.js';

export function spec(cells: BandCell[], units: number, lang: Lang): VlSpec {
  const bands = [...OCCUPANCY_BANDS].reverse().map((b) => `${b.replace('-', '–')} %`);
  const values = cells.map((c) => ({ month: c.month, band: `${c.band.replace('-', '–')} %`, units: c.units, suppressed: c.suppressed }));
  const x = { field: 'month', type: 'ordinal' as const, timeUnit: 'utcyearmonth' as const, title: null, axis: { format: MONTH_FORMAT, labelAngle: -40 } };
  const y = { field: 'band', type: 'ordinal' as const, sort: bands, title: t(lang, 'chart.units.band') };
  return {
    title: title(t(lang, 'chart.units.bands', { units })),
    width: 560,
    height: { step: 24 },
    data: { values },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x,
          y,
          color: { condition: { test: 'datum.units === null', value: '#bdbdbd' }, field: 'units', type: 'quantitative', title: t(lang, 'chart.units.count'), scale: { scheme: 'blues' }, legend: { format: FORMAT.count } },
        },
      },
      {
        transform: [{ filter: 'datum.units !== null' }],
        mark: { type: 'text', fontSize: 9 },
        encoding: { x, y, text: { field: 'units', type: 'quantitative', format: FORMAT.count } },
      },
    ],
  };
}
