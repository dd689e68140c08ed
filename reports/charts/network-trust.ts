/** Mean trust and value received by each organisation in a wave (`trust_score`, `value_score` by org). */
import { categoricalPalette } from '../../src/charts/theme.js';
import { bandHeight, FORMAT, LABEL_LIMIT, t, title, type Lang, type VlSpec } from './common.js';

export interface TrustDatum {
  organisation: string;
  /** Label of the measure (trust, value). */
  measure: string;
  score: number;
}

export function spec(data: TrustDatum[], organisations: string[], wave: string, lang: Lang): VlSpec {
  const measures = [t(lang, 'chart.trust.trust'), t(lang, 'chart.trust.value')];
  return {
    title: title(t(lang, 'chart.trust.title', { wave })),
    width: 300,
    height: bandHeight(organisations.length, 16),
    data: { values: data },
    mark: { type: 'point', filled: true, size: 60 },
    encoding: {
      y: { field: 'organisation', type: 'nominal', sort: organisations, title: null, axis: { labelLimit: LABEL_LIMIT } },
      x: { field: 'score', type: 'quantitative', title: t(lang, 'chart.trust.x'), scale: { domain: [1, 4] }, axis: { format: FORMAT.number, tickCount: 6 } },
      color: { field: 'measure', type: 'nominal', title: null, sort: measures, scale: { domain: measures, range: [categoricalPalette[0], categoricalPalette[1]] } },
      shape: { field: 'measure', type: 'nominal', sort: measures, scale: { domain: measures, range: ['circle', 'diamond'] } },
    },
  };
}
