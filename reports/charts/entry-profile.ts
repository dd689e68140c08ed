/** Entries by target group, citizenship and age band at entry, as shares (`entry_profile`). */
import { FORMAT, LABEL_LIMIT, t, title, type Lang, type VlSpec } from './common.js';

export interface ProfileDatum {
  /** The profile's label (Target, Cittadinanza…). */
  profile: string;
  category: string;
  share: number;
  /** Position within the profile (vocabulary order). */
  order: number;
}

export function spec(data: ProfileDatum[], lang: Lang): VlSpec {
  const profiles = [...new Set(data.map((d) => d.profile))];
  return {
    title: title(t(lang, 'chart.profile.title')),
    data: { values: data },
    facet: { row: { field: 'profile', type: 'nominal', sort: profiles, title: null, header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontWeight: 'bold', labelPadding: 4 } } },
    spec: {
      width: 420,
      height: { step: 16 },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'category', type: 'nominal', sort: { field: 'order' }, title: null, axis: { labelLimit: LABEL_LIMIT } },
            x: { field: 'share', type: 'quantitative', title: t(lang, 'chart.profile.share'), axis: { format: FORMAT.percent }, scale: { domain: [0, 1] } },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3 },
          encoding: {
            y: { field: 'category', type: 'nominal', sort: { field: 'order' } },
            x: { field: 'share', type: 'quantitative' },
            text: { field: 'share', type: 'quantitative', format: FORMAT.percent1 },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
