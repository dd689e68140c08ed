/**
 * Counts by ambito side by side (people served, entries, exits): the finest breakdown of the
 * funder report. Only values shown in its tables are drawn; a suppressed cell is simply absent.
 */
import { categoryScale, FORMAT, LABEL_LIMIT, t, title, type Lang, type VlSpec } from './common.js';

export interface AmbitoDatum {
  ambito: string;
  /** Label of the indicator. */
  measure: string;
  count: number;
}

export function spec(data: AmbitoDatum[], ambiti: string[], measures: string[], lang: Lang): VlSpec {
  return {
    title: title(t(lang, 'chart.ambiti.title')),
    width: Math.max(240, ambiti.length * measures.length * 26),
    height: 200,
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'ambito', type: 'nominal', sort: ambiti, title: null, axis: { labelAngle: 0, labelLimit: LABEL_LIMIT } },
          xOffset: { field: 'measure', type: 'nominal', sort: measures },
          y: { field: 'count', type: 'quantitative', title: t(lang, 'chart.ambiti.y'), axis: { format: FORMAT.count, tickMinStep: 1 } },
          color: { field: 'measure', type: 'nominal', title: null, scale: categoryScale(measures), legend: { orient: 'bottom' } },
        },
      },
      {
        mark: { type: 'text', dy: -5 },
        encoding: {
          x: { field: 'ambito', type: 'nominal', sort: ambiti },
          xOffset: { field: 'measure', type: 'nominal', sort: measures },
          y: { field: 'count', type: 'quantitative' },
          text: { field: 'count', type: 'quantitative', format: FORMAT.count },
        },
      },
    ],
  };
}
