/** Average places available per month, stacked by ambito (`places_available_avg` by ambito). */
import { categoryScale, FORMAT, MONTH_FORMAT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export interface OfferPlacesDatum {
  /** First day of the month (ISO). */
  month: string;
  ambito: string;
  places: number;
}

export function spec(data: OfferPlacesDatum[], lang: Lang): VlSpec {
  const ambiti = [...new Set(data.map((d) => d.ambito))];
  return {
    title: title(t(lang, 'chart.places.title')),
    width: WIDTH,
    height: 220,
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', timeUnit: 'utcyearmonth', title: null, axis: { format: MONTH_FORMAT, formatType: 'time', labelAngle: -40 } },
      y: { field: 'places', type: 'quantitative', aggregate: 'sum', title: t(lang, 'chart.places.y'), axis: { format: FORMAT.count, tickMinStep: 1 } },
      color: { field: 'ambito', type: 'nominal', title: null, scale: categoryScale(ambiti) },
      order: { field: 'ambito' },
    },
  };
}
