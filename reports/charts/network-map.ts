/**
 * The network map of one wave, as a raw Vega spec with positions computed beforehand by the
 * static force layout (src/report/network.ts): ties as lines (width by collaboration level),
 * organisations as circles (area by number of ties, colour by type, filled when they answered
 * the survey), the most connected ones named.
 */
import type { Spec } from 'vega';
import { categoricalPalette, fontFamily } from '../../src/charts/theme.js';
import type { NetworkMap } from '../../src/report/network.js';
import { MAP_HEIGHT, MAP_WIDTH } from '../../src/report/network.js';
import { t, type Lang } from './common.js';

/** The shared palette and two more colours (Tol's indigo and wine): ten organisation types in the default vocabulary. */
const PALETTE = [...categoricalPalette, '#332288', '#882255'];

export function spec(map: NetworkMap, typeLabel: (code: string) => string, lang: Lang): Spec {
  const types = [...new Set(map.nodes.map((n) => n.type))].sort();
  const nodes = map.nodes.map((n) => ({ name: n.name, type: typeLabel(n.type), respondent: n.respondent, degree: n.degree, x: n.x, y: n.y, labelled: n.labelled }));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    padding: 8,
    title: {
      text: t(lang, 'chart.map.title', { wave: map.wave }),
      subtitle: t(lang, 'chart.map.subtitle', { shown: map.nodes.length, total: map.organisations }),
    },
    data: [
      { name: 'ties', values: map.ties },
      { name: 'nodes', values: nodes },
      { name: 'labels', source: 'nodes', transform: [{ type: 'filter', expr: 'datum.labelled' }] },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [0, MAP_WIDTH], range: 'width', zero: false },
      { name: 'y', type: 'linear', domain: [0, MAP_HEIGHT], range: 'height', zero: false },
      { name: 'size', type: 'sqrt', domain: { data: 'nodes', field: 'degree' }, range: [30, 400], zero: true },
      { name: 'width', type: 'linear', domain: [1, 5], range: [0.5, 3.5] },
      { name: 'colour', type: 'ordinal', domain: types.map(typeLabel), range: types.map((_, i) => PALETTE[i % PALETTE.length]!) },
    ],
    legends: [{ fill: 'colour', orient: 'bottom', direction: 'horizontal', columns: 2, symbolType: 'circle', labelLimit: 300 }],
    marks: [
      {
        type: 'rule',
        from: { data: 'ties' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x1' },
            y: { scale: 'y', field: 'y1' },
            x2: { scale: 'x', field: 'x2' },
            y2: { scale: 'y', field: 'y2' },
            stroke: { value: '#9a9a9a' },
            strokeOpacity: { value: 0.55 },
            strokeWidth: { scale: 'width', field: 'level' },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: 'nodes' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            size: { scale: 'size', field: 'degree' },
            shape: { value: 'circle' },
            fill: [{ test: 'datum.respondent', scale: 'colour', field: 'type' }, { value: '#ffffff' }],
            stroke: { scale: 'colour', field: 'type' },
            strokeWidth: { value: 1.5 },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'labels' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            dy: { value: -9 },
            align: { value: 'center' },
            text: { field: 'name' },
            font: { value: fontFamily },
            fontSize: { value: 9 },
            fill: { value: '#222222' },
            limit: { value: 220 },
          },
        },
      },
    ],
  };
}
