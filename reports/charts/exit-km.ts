/**
 * Kaplan–Meier curve of time in the network for the paths entering in the period (open paths
 * censored at as_of), with the median of `length_of_stay_km_median` marked.
 */
import type { SurvivalStep } from '../../src/stats/index.js';
import { FORMAT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export function spec(steps: SurvivalStep[], median: number | null, lang: Lang): VlSpec {
  // The curve starts at 1 at time 0 and drops at each event time (a step after each time).
  const curve = [{ time: 0, survival: 1 }, ...steps.map((s) => ({ time: s.time, survival: s.survival }))];
  const x = { field: 'time', type: 'quantitative' as const, title: t(lang, 'chart.km.x'), axis: { format: FORMAT.count } };
  return {
    title: title(t(lang, 'chart.km.title')),
    width: WIDTH,
    height: 220,
    layer: [
      {
        data: { values: curve },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: { x, y: { field: 'survival', type: 'quantitative', title: t(lang, 'chart.km.y'), axis: { format: FORMAT.percent }, scale: { domain: [0, 1] } } },
      },
      {
        data: { values: [{ y: 0.5 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#888888' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      ...(median === null
        ? []
        : [
            {
              data: { values: [{ time: median, label: `${t(lang, 'chart.km.median')}` }] },
              mark: { type: 'rule' as const, color: '#D55E00', strokeWidth: 1.5 },
              encoding: { x: { field: 'time', type: 'quantitative' as const } },
            },
            {
              data: { values: [{ time: median, y: 0.95 }] },
              mark: { type: 'text' as const, align: 'left' as const, dx: 4, color: '#D55E00' },
              encoding: {
                x: { field: 'time', type: 'quantitative' as const },
                y: { field: 'y', type: 'quantitative' as const },
                text: { value: t(lang, 'chart.km.median') },
              },
            },
          ]),
    ],
  };
}
