/** Exits by destination, coloured by the destination's outcome class (`exits_by_destination`). */
import { outcomeClassColors, type OutcomeClass } from '../../src/charts/theme.js';
import { bandHeight, FORMAT, LABEL_LIMIT, t, title, type Lang, type TextKey, type VlSpec } from './common.js';

export interface DestinationDatum {
  destination: string;
  outcome: OutcomeClass;
  exits: number;
}

export function spec(data: DestinationDatum[], lang: Lang): VlSpec {
  const classes = Object.keys(outcomeClassColors) as OutcomeClass[];
  const label = (c: OutcomeClass) => t(lang, `class.${c}` as TextKey);
  const values = data.map((d) => ({ destination: d.destination, outcome: label(d.outcome), exits: d.exits }));
  const y = { field: 'destination', type: 'nominal' as const, sort: data.map((d) => d.destination), title: null, axis: { labelLimit: LABEL_LIMIT } };
  return {
    title: title(t(lang, 'chart.destinations.title')),
    width: 300,
    height: bandHeight(data.length, 18),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'exits', type: 'quantitative', title: t(lang, 'chart.destinations.x'), axis: { format: FORMAT.count, tickMinStep: 1 } },
          color: { field: 'outcome', type: 'nominal', title: null, scale: { domain: classes.map(label), range: classes.map((c) => outcomeClassColors[c]) } },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3 },
        encoding: { y, x: { field: 'exits', type: 'quantitative' }, text: { field: 'exits', type: 'quantitative', format: FORMAT.count } },
      },
    ],
  };
}
