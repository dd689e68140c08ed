/**
 * The charts of one report: each spec is rendered to SVG once (the shared theme and the report's
 * locale), inlined in the page, and kept with its spec for `--charts DIR`, which writes every
 * chart as SVG, PNG and its Vega-Lite (Vega for the network map) JSON spec.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { svgToPng } from '../charts/png.js';
import { renderVega, renderVegaLite } from '../charts/render.js';
import type { Lang } from '../format/locale.js';
import { formatJson } from '../format/json.js';

export type ChartKind = 'vega-lite' | 'vega';

export type ChartSpec = { kind: 'vega-lite'; spec: TopLevelSpec } | { kind: 'vega'; spec: VegaSpec };

export interface RenderedChart {
  /** Stable id: the file name under --charts and the figure id in the page (`chart-<id>`). */
  id: string;
  kind: ChartKind;
  spec: TopLevelSpec | VegaSpec;
  /** The SVG as rendered (standalone, with its XML namespaces). */
  svg: string;
}

export class ChartSet {
  readonly charts: RenderedChart[] = [];
  constructor(private readonly lang: Lang) {}

  async render(id: string, chart: ChartSpec): Promise<RenderedChart> {
    if (this.charts.some((c) => c.id === id)) throw new Error(`chart id ${id} used twice in one report`);
    const svg = chart.kind === 'vega' ? await renderVega(chart.spec, { lang: this.lang }) : await renderVegaLite(chart.spec, { lang: this.lang });
    const rendered: RenderedChart = { id, kind: chart.kind, spec: chart.spec, svg };
    this.charts.push(rendered);
    return rendered;
  }
}

/**
 * The SVG for inlining in HTML: the XML namespace declarations are dropped (HTML parsers put
 * inline <svg> in the SVG namespace themselves), so the page holds no URL at all.
 */
export function inlineSvg(svg: string): string {
  return svg.replace(/\s+xmlns(?::xlink)?="[^"]*"/g, '');
}

export interface WriteChartsOptions {
  /** Called with the id and problems of a spec that the official schema rejects (a bug: reported, not fatal). */
  onInvalid?: (id: string, errors: string[]) => void;
}

/** Writes `<id>.svg`, `<id>.png` and `<id>.vl.json` (or `.vg.json`) for every chart. */
export async function writeCharts(dir: string, charts: readonly RenderedChart[], options: WriteChartsOptions = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const { validateVega, validateVegaLite } = await import('../charts/validate.js');
  const written: string[] = [];
  for (const chart of charts) {
    const check = chart.kind === 'vega' ? validateVega(chart.spec) : validateVegaLite(chart.spec);
    if (!check.valid) options.onInvalid?.(chart.id, check.errors);
    const files: [string, string | Buffer][] = [
      [`${chart.id}.svg`, chart.svg],
      [`${chart.id}.png`, svgToPng(chart.svg)],
      [`${chart.id}.${chart.kind === 'vega' ? 'vg' : 'vl'}.json`, formatJson(chart.spec)],
    ];
    for (const [name, content] of files) {
      writeFileSync(join(dir, name), content);
      written.push(join(dir, name));
    }
  }
  return written;
}
