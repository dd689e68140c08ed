/**
 * Demand and offer per month: requests received and accepted (bars, left axis) against the
 * average places available (line, right axis). Values: `requests_received`,
 * `requests_accepted`, `places_available_avg`.
 */
import { categoricalPalette } from '../../src/charts/theme.js';
import { FORMAT, MONTH_FORMAT, t, title, WIDTH, type Lang, type VlSpec } from './common.js';

export interface DemandDatum {
  month: string;
  /** Label of the series (received, accepted). */
  series: string;
  requests: number;
}

export interface PlacesDatum {
  month: string;
  places: number;
}

export function spec(requests: DemandDatum[], places: PlacesDatum[], lang: Lang): VlSpec {
  const series = [...new Set(requests.map((d) => d.series))];
  const placesLabel = t(lang, 'chart.demand.places');
  return {
    title: title(t(lang, 'chart.demand.title')),
    width: WIDTH,
    height: 220,
    layer: [
      {
        data: { values: requests },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'month', type: 'ordinal', timeUnit: 'utcyearmonth', title: null, axis: { format: MONTH_FORMAT, formatType: 'time', labelAngle: -40 } },
          xOffset: { field: 'series', type: 'nominal', sort: series },
          y: { field: 'requests', type: 'quantitative', title: t(lang, 'chart.demand.requests'), axis: { format: FORMAT.count, tickMinStep: 1 } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: [...series, placesLabel], range: [categoricalPalette[4], categoricalPalette[0], '#333333'] } },
        },
      },
      {
        data: { values: places.map((p) => ({ ...p, series: placesLabel })) },
        mark: { type: 'line', point: { size: 20 }, strokeWidth: 2 },
        encoding: {
          x: { field: 'month', type: 'ordinal', timeUnit: 'utcyearmonth' },
          y: { field: 'places', type: 'quantitative', title: placesLabel, axis: { format: FORMAT.count, tickMinStep: 1, orient: 'right' } },
          color: { field: 'series', type: 'nominal' },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
