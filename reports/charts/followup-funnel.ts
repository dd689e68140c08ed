/**
 * The follow-up funnel: due (`followup_due`) → assessable and completed (denominator and
 * numerator of `followup_completion_rate`) → completed with a positive exit and housing
 * sustained (denominator and numerator of `housing_sustained_6m`).
 */
import { bandHeight, FORMAT, LABEL_LIMIT, t, title, type Lang, type VlSpec } from './common.js';

export interface FunnelDatum {
  step: string;
  order: number;
  paths: number;
}

export function spec(data: FunnelDatum[], lang: Lang): VlSpec {
  const y = { field: 'step', type: 'nominal' as const, sort: { field: 'order' }, title: null, axis: { labelLimit: LABEL_LIMIT } };
  return {
    title: title(t(lang, 'chart.funnel.title')),
    width: 360,
    height: bandHeight(data.length, 26),
    data: { values: data },
    layer: [
      { mark: { type: 'bar', color: '#0072B2' }, encoding: { y, x: { field: 'paths', type: 'quantitative', title: t(lang, 'chart.funnel.x'), axis: { format: FORMAT.count, tickMinStep: 1 } } } },
      { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { y, x: { field: 'paths', type: 'quantitative' }, text: { field: 'paths', type: 'quantitative', format: FORMAT.count } } },
    ],
  };
}
