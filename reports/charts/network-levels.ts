/** Shares of ratings at each collaboration level, per wave (`collaboration_level_mean` detail.levels). */
import { FORMAT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export interface LevelDatum {
  wave: string;
  level: string;
  order: number;
  share: number;
}

export function spec(data: LevelDatum[], levels: string[], lang: Lang): VlSpec {
  return {
    title: title(t(lang, 'chart.levels.title')),
    width: WIDTH - 60,
    height: { step: 26 },
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'wave', type: 'ordinal', title: t(lang, 'chart.waves.wave') },
      x: { field: 'share', type: 'quantitative', stack: 'normalize', title: t(lang, 'chart.levels.share'), axis: { format: FORMAT.percent } },
      color: { field: 'level', type: 'ordinal', title: null, sort: levels, scale: { domain: levels, scheme: 'blues' }, legend: { columns: 3, labelLimit: 200 } },
      order: { field: 'order' },
    },
  };
}
