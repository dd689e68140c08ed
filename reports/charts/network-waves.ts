/** Network indicators that are shares, wave by wave (response rate, density, reciprocity). */
import { categoryScale, FORMAT, t, title, type Lang, type VlSpec } from './common.js';

export interface WaveDatum {
  indicator: string;
  wave: string;
  value: number;
}

export function spec(data: WaveDatum[], lang: Lang): VlSpec {
  const indicators = [...new Set(data.map((d) => d.indicator))];
  return {
    title: title(t(lang, 'chart.waves.title')),
    width: 360,
    height: 200,
    data: { values: data },
    mark: { type: 'line', point: { size: 40, filled: true } },
    encoding: {
      x: { field: 'wave', type: 'ordinal', title: t(lang, 'chart.waves.wave'), axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { format: FORMAT.percent } },
      color: { field: 'indicator', type: 'nominal', title: null, scale: categoryScale(indicators), legend: { orient: 'bottom', columns: 1, labelLimit: 400 } },
    },
  };
}
