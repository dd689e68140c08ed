/**
 * Server-side rendering of chart specs to SVG strings: Vega-Lite is compiled to Vega, Vega runs
 * headless (no canvas, no DOM) and serialises its scenegraph. The output is deterministic and
 * self-contained: the loader refuses every URL, so a report never makes a request, and the ids
 * Vega numbers from a process-wide counter are renumbered per chart.
 */
import { createHash } from 'node:crypto';
import * as vega from 'vega';
import type { Loader, Spec as VgSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { localeDefinitions, vegaConfig, vegaLiteConfig, type Lang } from './theme.js';

export interface RenderOptions {
  lang: Lang;
  /** Receives compiler and runtime warnings (ignored by default: they are not the user's to fix). */
  onWarning?: (message: string) => void;
}

const message = {
  refusedLoad: (uris: string[]) =>
    `Chart data must be inline (data.values): refused to load ${uris
      .slice(0, 3)
      .map((u) => JSON.stringify(u.slice(0, 200)))
      .join(', ')}; a report makes no network or file request.`,
  runtimeError: (errors: string[]) => `Chart rendering failed: ${errors.slice(0, 3).join('; ')}`,
  localTime: (uses: string[]) =>
    `Chart uses local time (${uses.slice(0, 3).join(', ')}): its output depends on the host's time zone; ` +
    `use UTC time units and scales instead (timeUnit "utcyearmonth", scale {"type": "utc"}).`,
};

/** Renders a Vega-Lite spec with the shared theme and the locale of `lang`. */
export async function renderVegaLite(spec: TopLevelSpec, options: RenderOptions): Promise<string> {
  const logger = collectingLogger(options.onWarning);
  const { spec: vgSpec } = compile(spec, { config: vegaLiteConfig(), logger });
  // The theme is already compiled into vgSpec.config.
  return renderRuntime(vgSpec, {}, options);
}

/** Renders a raw Vega spec (e.g. the network map with precomputed positions) with the shared theme. */
export async function renderVega(spec: VgSpec, options: RenderOptions): Promise<string> {
  return renderRuntime(spec, vegaConfig(), options);
}

async function renderRuntime(spec: VgSpec, config: vega.Config, options: RenderOptions): Promise<string> {
  const localTime = localTimeUses(spec);
  if (localTime.length > 0) options.onWarning?.(message.localTime(localTime));
  const errors: string[] = [];
  const refused: string[] = [];
  const logger = collectingLogger(options.onWarning, errors);
  const view = new vega.View(vega.parse(spec, config), {
    renderer: 'none',
    loader: refusingLoader(refused),
    logger,
    logLevel: vega.Warn,
    // vega-view reads `locale` as {number, time} definitions merged over the spec's own
    // (View constructor); the typings declare formatters instead, hence the cast.
    locale: localeDefinitions(options.lang) as unknown as vega.LocaleFormatters,
  });
  try {
    const svg = await view.toSVG();
    // Vega only warns when a load fails and would render an empty chart: fail loudly instead.
    if (refused.length > 0) throw new Error(message.refusedLoad(refused));
    if (errors.length > 0) throw new Error(message.runtimeError(errors));
    return scopeIds(svg);
  } finally {
    view.finalize();
  }
}

/** Every method rejects: chart data is always inline, images and links are never fetched. */
function refusingLoader(refused: string[]): Loader {
  const refuse = async (uri: string): Promise<never> => {
    refused.push(uri);
    throw new Error(message.refusedLoad([uri]));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

function collectingLogger(onWarning: ((m: string) => void) | undefined, errors?: string[]): vega.LoggerInterface {
  return vega.logger(vega.Warn, undefined, (method, _level, args) => {
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    if (method === 'error' && errors) errors.push(text);
    else if (method !== 'log') onWarning?.(text);
  });
}

/**
 * Where a Vega spec computes in the host's local time: time scales, time-unit transforms without
 * the UTC zone, and local format/parse expressions. Dates in chart data are ISO days parsed as UTC
 * midnight, so local time shifts them by the host's offset: ticks move (golden files differ
 * between a laptop in Italy and CI in UTC) and, west of Greenwich, days fall in the previous month.
 */
export function localTimeUses(spec: unknown): string[] {
  const uses = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      const call = /\b(timeFormat|timeParse|timeOffset|timeSequence)\(/.exec(node);
      if (call) uses.add(`${call[1]}()`);
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'time' && 'name' in record) uses.add('scale of type "time"');
      if (record.type === 'timeunit' && record.timezone !== 'utc') uses.add('local time unit');
      Object.values(record).forEach(visit);
    }
  };
  visit(spec);
  return [...uses];
}

/**
 * Vega names clip paths and gradients from a process-wide counter ("clip7"), so the same chart
 * gets different ids on each render, and two charts inlined in one HTML page can collide (ids
 * share one document namespace). Renumber ids in order of appearance under a prefix derived from
 * the chart's content: byte-identical output for identical input, distinct ids for distinct
 * charts (identical charts may share ids, harmlessly: their definitions are identical too).
 */
export function scopeIds(svg: string): string {
  const ids = [...new Set(Array.from(svg.matchAll(/\sid="([^"]+)"/g), (m) => m[1]!))];
  if (ids.length === 0) return svg;
  const normalised = renameIds(svg, ids, (i) => `id${i}`);
  const prefix = 'v' + createHash('sha256').update(normalised).digest('hex').slice(0, 8);
  return renameIds(svg, ids, (i) => `${prefix}-${i}`);
}

function renameIds(svg: string, ids: string[], name: (index: number) => string): string {
  const index = new Map(ids.map((id, i) => [id, name(i)]));
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => {
    const renamed = index.get(id);
    return renamed === undefined ? whole : lead + renamed;
  });
}
