/**
 * Collaboration-factor scores per wave, coloured by band (≥ 4 strength, 3–3.99 borderline,
 * < 3 concern, on the unrounded value), with the band limits drawn (`collaboration_factor_score`).
 */
import { bandHeight, FORMAT, LABEL_LIMIT, t, title, type Lang, type VlSpec } from './common.js';

export interface FactorDatum {
  factor: string;
  wave: string;
  score: number;
  band: string;
}

export function spec(data: FactorDatum[], factors: string[], bands: { strength: number; borderline: number; labels: [string, string, string] }, scale: { min: number; max: number }, lang: Lang): VlSpec {
  const waves = [...new Set(data.map((d) => d.wave))].sort();
  const y = { field: 'factor', type: 'nominal' as const, sort: factors, title: null, axis: { labelLimit: LABEL_LIMIT } };
  return {
    title: title(t(lang, 'chart.factors.title')),
    width: 300,
    height: bandHeight(factors.length, Math.max(18, waves.length * 12)),
    layer: [
      {
        data: { values: [{ x: bands.borderline }, { x: bands.strength }] },
        mark: { type: 'rule', strokeDash: [3, 3], color: '#888888' },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        data: { values: data },
        mark: { type: 'bar' },
        encoding: {
          y,
          yOffset: { field: 'wave', type: 'ordinal', sort: waves },
          x: { field: 'score', type: 'quantitative', title: t(lang, 'chart.factors.x'), scale: { domain: [scale.min, scale.max], zero: false }, axis: { format: FORMAT.number } },
          // Bars start at the bottom of the scale, not at zero (which is outside it).
          x2: { datum: scale.min },
          color: { field: 'band', type: 'nominal', title: null, scale: { domain: bands.labels, range: ['#009E73', '#E69F00', '#D55E00'] } },
          opacity: { field: 'wave', type: 'ordinal', sort: waves, title: t(lang, 'chart.waves.wave'), scale: { range: waves.length > 1 ? [0.45, 1] : [1, 1] } },
        },
      },
    ],
  };
}
