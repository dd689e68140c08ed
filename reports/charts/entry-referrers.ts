/** Entries by referring organisation, the organisations with most entries (`entry_profile` by ente_inviante). */
import { bandHeight, FORMAT, LABEL_LIMIT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export interface ReferrerDatum {
  name: string;
  entries: number;
}

export function spec(data: ReferrerDatum[], total: number, lang: Lang): VlSpec {
  const subtitle = data.length < total ? t(lang, 'chart.referrers.more', { n: data.length, total }) : undefined;
  return {
    title: title(t(lang, 'chart.referrers.title'), subtitle),
    width: WIDTH - 200,
    height: bandHeight(data.length, 16),
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'name', type: 'nominal', sort: { field: 'entries', order: 'descending' }, title: null, axis: { labelLimit: LABEL_LIMIT } },
          x: { field: 'entries', type: 'quantitative', title: t(lang, 'chart.referrers.x'), axis: { format: FORMAT.count, tickMinStep: 1 } },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3 },
        encoding: {
          y: { field: 'name', type: 'nominal', sort: { field: 'entries', order: 'descending' } },
          x: { field: 'entries', type: 'quantitative' },
          text: { field: 'entries', type: 'quantitative', format: FORMAT.count },
        },
      },
    ],
  };
}
