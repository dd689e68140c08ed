/**
 * Progress of the logical framework's indicators from baseline (0 %) to target (100 %), one bar
 * per indicator coloured by status, with the value of the period written beside it. Indicators
 * of different units share one axis only this way. Bars are clipped to −50 % … 150 % so that one
 * indicator far beyond its target does not flatten the others; the label keeps the true value.
 */
import { bandHeight, FORMAT, t, title, type Lang, type VlSpec } from './common.js';

/** Characters per line of an indicator's label: longer labels wrap onto a second (third…) line. */
export const LABEL_LINE = 34;

/** Word-wraps a label into lines of at most about `width` characters (a longer word stays whole). */
export function wrapLabel(text: string, width = LABEL_LINE): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export interface ProgressDatum {
  /** Objective and indicator, e.g. `OS1 · Tasso di occupazione`. */
  indicator: string;
  /** (value − baseline) ÷ (target − baseline). */
  progress: number;
  /** Status text (raggiunto / vicino / lontano). */
  status: string;
  /** The value as the report writes it (e.g. `83,8 %`). */
  label: string;
}

export const PROGRESS_DOMAIN: [number, number] = [-0.5, 1.5];

export function spec(data: ProgressDatum[], statuses: { reached: string; close: string; far: string }, lang: Lang): VlSpec {
  const order = data.map((d) => d.indicator);
  // Labels are wrapped here and split back into lines by the axis (Vega draws an array as lines).
  const wrapped = new Map(order.map((o) => [o, wrapLabel(o).join('\n')]));
  const values = data.map((d) => ({ ...d, indicator: wrapped.get(d.indicator)! }));
  const y = { field: 'indicator', type: 'nominal' as const, sort: order.map((o) => wrapped.get(o)!), title: null, axis: { labelExpr: "split(datum.label, '\\n')", labelLimit: 300 } };
  const lines = Math.max(1, ...order.map((o) => wrapped.get(o)!.split('\n').length));
  const x = { field: 'progress', type: 'quantitative' as const, title: t(lang, 'chart.progress.x'), scale: { domain: PROGRESS_DOMAIN, clamp: true }, axis: { format: FORMAT.percent, values: [-0.5, 0, 0.5, 1, 1.5] } };
  return {
    title: title(t(lang, 'chart.progress.title'), t(lang, 'chart.progress.subtitle')),
    width: 240,
    height: bandHeight(data.length, 12 + 12 * lines),
    layer: [
      {
        data: { values: [{ at: 0 }, { at: 1 }] },
        mark: { type: 'rule', strokeDash: [3, 3], color: '#888888' },
        encoding: { x: { field: 'at', type: 'quantitative' } },
      },
      {
        data: { values },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            encoding: {
              y,
              x,
              x2: { datum: 0 },
              color: { field: 'status', type: 'nominal', title: null, scale: { domain: [statuses.reached, statuses.close, statuses.far], range: ['#009E73', '#E69F00', '#D55E00'] }, legend: { orient: 'bottom' } },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4 },
            encoding: { y, x: { ...x, axis: null }, text: { field: 'label', type: 'nominal' } },
          },
        ],
      },
    ],
  };
}
