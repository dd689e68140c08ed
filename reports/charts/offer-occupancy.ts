/** Occupancy rate per month, one line per ambito and the overall rate (`occupancy_rate`). */
import { categoryScale, FORMAT, MONTH_FORMAT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export interface OccupancyDatum {
  month: string;
  /** An ambito, or the overall label. */
  group: string;
  rate: number;
}

export function spec(data: OccupancyDatum[], overallLabel: string, lang: Lang): VlSpec {
  const groups = [...new Set(data.map((d) => d.group))].filter((g) => g !== overallLabel);
  return {
    title: title(t(lang, 'chart.occupancy.title')),
    width: WIDTH,
    height: 220,
    data: { values: data },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: null, axis: { format: MONTH_FORMAT, labelAngle: -40 } },
      y: { field: 'rate', type: 'quantitative', title: t(lang, 'chart.occupancy.y'), axis: { format: FORMAT.percent }, scale: { domain: [0, 1] } },
      color: { field: 'group', type: 'nominal', title: null, scale: categoryScale(groups, { [overallLabel]: '#333333' }) },
    },
    layer: [
      { mark: { type: 'line', point: { size: 20 } }, encoding: { strokeWidth: { condition: { test: { field: 'group', equal: overallLabel }, value: 3 }, value: 1.5 } } },
    ],
  };
}
