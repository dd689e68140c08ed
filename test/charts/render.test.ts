import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Spec as VgSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { localTimeUses, renderVega, renderVegaLite, scopeIds } from '../../src/charts/render.js';
import { countDataMarks } from '../../src/charts/marks.js';
import { maxChartWidth } from '../../src/charts/theme.js';

/** Three bars and a label layer: a quantitative axis, a number text and a percent text. */
const numbersSpec: TopLevelSpec = {
  data: { values: [{ k: 'a', v: 1234.5, share: 0.659 }, { k: 'b', v: 2000, share: 0.25 }, { k: 'c', v: 500, share: 0.091 }] },
  layer: [
    { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative', axis: { format: ',.1f' } } } },
    { mark: { type: 'text', dy: -6 }, encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, text: { field: 'v', type: 'quantitative', format: ',.1f' } } },
    { mark: { type: 'text', dy: 12 }, encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, text: { field: 'share', type: 'quantitative', format: '.1%' } } },
  ],
};

/** Months on a UTC temporal axis (dates in data are ISO days, parsed as UTC) and a %x date label. */
const datesSpec: TopLevelSpec = {
  data: { values: [{ d: '2025-01-15', n: 3 }, { d: '2025-02-15', n: 5 }, { d: '2025-12-31', n: 4 }] },
  layer: [
    { mark: 'bar', encoding: { x: { field: 'd', type: 'temporal', timeUnit: 'utcyearmonth', axis: { format: '%b %Y' } }, y: { field: 'n', type: 'quantitative' } } },
    {
      transform: [{ filter: { field: 'n', equal: 4 } }],
      mark: 'text',
      encoding: { x: { field: 'd', type: 'temporal', timeUnit: 'utcyearmonth' }, y: { field: 'n', type: 'quantitative' }, text: { field: 'd', type: 'temporal', timeUnit: 'utcyearmonthdate', format: '%x' } },
    },
  ],
};

/** Bars clipped to the plot area: clipping makes Vega emit a <clipPath> with a counter id. */
function clippedBars(keys: string[]): TopLevelSpec {
  return {
    data: { values: keys.map((k, i) => ({ k, v: i + 1 })) },
    mark: { type: 'bar', clip: true },
    encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
  };
}

/** Text contents of an SVG, one per <text> element. */
function texts(svg: string): string[] {
  return Array.from(svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g), (m) => m[1]!);
}

afterEach(() => vi.restoreAllMocks());

describe('render', () => {
  it('formats numbers and percentages the Italian way', async () => {
    const labels = texts(await renderVegaLite(numbersSpec, { lang: 'it' }));
    // ',.1f' of 1234.5 → "1.234,5" (grouping applies to 4-digit numbers too); axis ticks 0…2000 step 500.
    expect(labels).toContain('1.234,5');
    expect(labels).toContain('2.000,0');
    expect(labels).toContain('500,0');
    // '.1%' of 0.659 → 65.9 → "65,9 %" (a no-break space before the sign); 0.091 → "9,1 %".
    expect(labels).toContain('65,9\u00a0%');
    expect(labels).toContain('9,1\u00a0%');
  });

  it('formats numbers the English way with lang en', async () => {
    const labels = texts(await renderVegaLite(numbersSpec, { lang: 'en' }));
    expect(labels).toContain('1,234.5');
    expect(labels).toContain('65.9%');
    expect(labels).not.toContain('1.234,5');
  });

  it('writes Italian month names and dd/mm/yyyy dates', async () => {
    const labels = texts(await renderVegaLite(datesSpec, { lang: 'it' }));
    expect(labels).toContain('gen 2025');
    expect(labels).toContain('feb 2025');
    expect(labels).toContain('31/12/2025');
    expect(labels.join(' ')).not.toMatch(/Jan|Feb/);
  });

  it('writes English month names and ISO dates with lang en', async () => {
    const labels = texts(await renderVegaLite(datesSpec, { lang: 'en' }));
    expect(labels).toContain('Jan 2025');
    expect(labels).toContain('2025-12-31');
  });

  it('writes full Italian month names in lower case', async () => {
    const spec: TopLevelSpec = { ...datesSpec, layer: [{ mark: 'bar', encoding: { x: { field: 'd', type: 'temporal', timeUnit: 'utcyearmonth', axis: { format: '%B' } }, y: { field: 'n', type: 'quantitative' } } }] };
    const labels = texts(await renderVegaLite(spec, { lang: 'it' }));
    expect(labels).toContain('gennaio');
    expect(labels).toContain('dicembre');
  });

  it('is deterministic: the same spec twice gives byte-identical SVG', async () => {
    const first = await renderVegaLite(clippedBars(['a', 'b', 'c']), { lang: 'it' });
    await renderVegaLite(datesSpec, { lang: 'it' }); // advances Vega's process-wide id counters
    const second = await renderVegaLite(clippedBars(['a', 'b', 'c']), { lang: 'it' });
    expect(first).toContain('<clipPath');
    expect(second).toBe(first);
  });

  // Would fail if ids were made deterministic by resetting Vega's counters to "clip1" per chart.
  it('gives different charts disjoint clip-path ids, so they can share one HTML page', async () => {
    const ids = (svg: string) => Array.from(svg.matchAll(/\sid="([^"]+)"/g), (m) => m[1]!);
    const a = ids(await renderVegaLite(clippedBars(['a', 'b']), { lang: 'it' }));
    const b = ids(await renderVegaLite(clippedBars(['x', 'y', 'z']), { lang: 'it' }));
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it('renames ids together with their references', () => {
    const svg = '<svg><defs><clipPath id="clip3"><rect/></clipPath></defs><g clip-path="url(#clip3)"/><use href="#clip3"/></svg>';
    const out = scopeIds(svg);
    const id = /id="([^"]+)"/.exec(out)![1]!;
    expect(id).toMatch(/^v[0-9a-f]{8}-0$/);
    expect(out).toContain(`url(#${id})`);
    expect(out).toContain(`href="#${id}"`);
    expect(out).not.toContain('clip3');
  });

  it('refuses data from a URL with a clear error and makes no request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const remote: TopLevelSpec = { data: { url: 'https://example.org/data.csv' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } };
    await expect(renderVegaLite(remote, { lang: 'it' })).rejects.toThrow(/must be inline.*https:\/\/example\.org\/data\.csv/);
    const local: TopLevelSpec = { data: { url: 'package.json', format: { type: 'json' } }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } };
    await expect(renderVegaLite(local, { lang: 'it' })).rejects.toThrow(/must be inline.*package\.json/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fails on a runtime error that Vega would only log, instead of returning a broken chart', async () => {
    const spec: VgSpec = {
      data: [{ name: 't', values: [{ a: 1 }], transform: [{ type: 'formula', expr: 'datum.x.y', as: 'q' }] }],
      marks: [{ type: 'rect', from: { data: 't' }, encode: { enter: { width: { value: 5 }, height: { value: 5 } } } }],
    };
    await expect(renderVega(spec, { lang: 'it' })).rejects.toThrow(/Chart rendering failed: .*reading 'y'/);
  });

  it('passes compiler warnings to onWarning', async () => {
    const warnings: string[] = [];
    // A shape channel on a bar is dropped by Vega-Lite with a warning.
    const spec: TopLevelSpec = { data: { values: [{ a: 'x', b: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } } };
    await renderVegaLite(spec, { lang: 'it', onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/shape/);
  });

  it('emits no warning for a well-formed chart, in the theme font, within A4 width', async () => {
    const warnings: string[] = [];
    const spec: TopLevelSpec = {
      data: { values: [{ m: '2025-01-01', ambito: 'Monza', n: 10 }, { m: '2025-01-01', ambito: 'Desio', n: 7 }, { m: '2025-02-01', ambito: 'Monza', n: 12 }] },
      mark: 'line',
      encoding: { x: { field: 'm', type: 'temporal', timeUnit: 'utcyearmonth' }, y: { field: 'n', type: 'quantitative', title: 'Posti occupati' }, color: { field: 'ambito', type: 'nominal', title: 'Ambito' } },
    };
    const svg = await renderVegaLite(spec, { lang: 'it', onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    expect(svg).toContain('DejaVu Sans');
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThan(400);
    expect(width).toBeLessThanOrEqual(maxChartWidth);
  });

  it('warns when a chart computes in local time, which depends on the host time zone', async () => {
    const warnings: string[] = [];
    const local: TopLevelSpec = { data: { values: [{ d: '2025-01-15', n: 3 }] }, mark: 'bar', encoding: { x: { field: 'd', type: 'temporal', timeUnit: 'yearmonth' }, y: { field: 'n', type: 'quantitative' } } };
    await renderVegaLite(local, { lang: 'it', onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/local time .*utcyearmonth/);
  });

  it('finds local time in Vega specs: time scales, time units, format expressions', () => {
    expect(localTimeUses({ scales: [{ name: 'x', type: 'time' }] })).toEqual(['scale of type "time"']);
    expect(localTimeUses({ data: [{ name: 'd', transform: [{ type: 'timeunit', units: ['month'] }] }] })).toEqual(['local time unit']);
    expect(localTimeUses({ marks: [{ encode: { update: { text: { signal: "timeFormat(datum.d, '%b')" } } } }] })).toEqual(['timeFormat()']);
    expect(localTimeUses({ scales: [{ name: 'x', type: 'utc' }], data: [{ name: 'd', transform: [{ type: 'timeunit', units: ['month'], timezone: 'utc' }] }], marks: [{ encode: { update: { text: { signal: "utcFormat(datum.d, '%b')" } } } }] })).toEqual([]);
  });

  it('renders a raw Vega spec with precomputed positions', async () => {
    const spec: VgSpec = {
      width: 200,
      height: 120,
      data: [{ name: 'nodes', values: [{ x: 20, y: 20, name: 'Comune di Monza' }, { x: 100, y: 60, name: 'Cooperativa' }, { x: 180, y: 100, name: 'ASST' }] }],
      marks: [
        { type: 'symbol', from: { data: 'nodes' }, encode: { enter: { x: { field: 'x' }, y: { field: 'y' }, size: { value: 100 }, fill: { value: '#0072B2' } } } },
        { type: 'text', from: { data: 'nodes' }, encode: { enter: { x: { field: 'x' }, y: { field: 'y' }, dy: { value: -8 }, text: { field: 'name' } } } },
      ],
    };
    const svg = await renderVega(spec, { lang: 'it' });
    expect(countDataMarks(svg)).toBe(3);
    expect(texts(svg)).toContain('Comune di Monza');
    expect(svg).toContain('DejaVu Sans');
  });
});
