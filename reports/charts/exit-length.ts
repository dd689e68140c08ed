/** Length of the paths that exited in the period, in bands of days (their count is `exits`). */
import { FORMAT, t, title, type Lang, type VlSpec } from './common.js';

export interface LengthDatum {
  band: string;
  /** Null when suppressed. */
  paths: number | null;
}

export function spec(data: LengthDatum[], lang: Lang): VlSpec {
  const bands = data.map((d) => d.band);
  const shown = data.filter((d) => d.paths !== null);
  const x = { field: 'band', type: 'ordinal' as const, sort: bands, title: t(lang, 'chart.los.x'), axis: { labelAngle: 0 } };
  return {
    title: title(t(lang, 'chart.los.title')),
    width: 420,
    height: 200,
    data: { values: shown },
    layer: [
      { mark: { type: 'bar' }, encoding: { x, y: { field: 'paths', type: 'quantitative', title: t(lang, 'chart.los.y'), axis: { format: FORMAT.count, tickMinStep: 1 } } } },
      { mark: { type: 'text', dy: -6 }, encoding: { x, y: { field: 'paths', type: 'quantitative' }, text: { field: 'paths', type: 'quantitative', format: FORMAT.count } } },
    ],
  };
}
