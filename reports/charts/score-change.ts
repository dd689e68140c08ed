/**
 * Mean change of the autonomy scores per dimension: exit − entry (`score_change_exit`) and
 * follow-up − exit (`score_change_followup`).
 */
import { categoricalPalette } from '../../src/charts/theme.js';
import { bandHeight, FORMAT, t, title, type Lang, type VlSpec } from './common.js';

export interface ScoreChangeDatum {
  dimension: string;
  /** Which change (label). */
  phase: string;
  change: number;
}

export function spec(data: ScoreChangeDatum[], dimensions: string[], lang: Lang): VlSpec {
  const phases = [t(lang, 'chart.scores.exit'), t(lang, 'chart.scores.followup')];
  const y = { field: 'dimension', type: 'nominal' as const, sort: dimensions, title: null };
  return {
    title: title(t(lang, 'chart.scores.title')),
    width: 400,
    height: bandHeight(dimensions.length, 26),
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          yOffset: { field: 'phase', type: 'nominal', sort: phases },
          x: { field: 'change', type: 'quantitative', title: t(lang, 'chart.scores.x'), axis: { format: FORMAT.number } },
          color: { field: 'phase', type: 'nominal', title: null, sort: phases, scale: { domain: phases, range: [categoricalPalette[0], categoricalPalette[1]] } },
        },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#555555' }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
    ],
  };
}
