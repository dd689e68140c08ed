import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { countDataMarks } from '../../src/charts/marks.js';
import { renderVegaLite } from '../../src/charts/render.js';

const bars = (values: object[]): TopLevelSpec => ({
  data: { values },
  mark: 'bar',
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 'k', type: 'nominal' } },
});

describe('marks', () => {
  it('counts one mark per bar, not axes, grid, legend symbols or titles', async () => {
    // Three bars; the colour legend adds three symbols and the axes ticks, labels and grid lines.
    const svg = await renderVegaLite({ ...bars([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'c', v: 3 }]), title: 'Titolo' }, { lang: 'it' });
    expect(countDataMarks(svg)).toBe(3);
  });

  it('counts zero on a chart with empty data', async () => {
    const svg = await renderVegaLite(bars([]), { lang: 'it' });
    expect(svg).toContain('role-axis');
    expect(countDataMarks(svg)).toBe(0);
  });

  it('counts a line as one mark and points as one each', async () => {
    const values = [{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 1 }, { x: 4, y: 5 }];
    const line = await renderVegaLite({ data: { values }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } }, { lang: 'it' });
    expect(countDataMarks(line)).toBe(1);
    const points = await renderVegaLite({ data: { values }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } }, { lang: 'it' });
    expect(countDataMarks(points)).toBe(4);
  });

  it('does not count text marks', async () => {
    const svg = await renderVegaLite({ data: { values: [{ t: 'nessun dato' }] }, mark: 'text', encoding: { text: { field: 't', type: 'nominal' } } }, { lang: 'it' });
    expect(svg).toContain('nessun dato');
    expect(countDataMarks(svg)).toBe(0);
  });

  it('reads hand-written markup: shapes under role-mark only, nested groups included', () => {
    const svg =
      '<svg><g class="mark-group role-scope"><g><g class="mark-rect role-mark marks"><path d="M0,0h1v1h-1Z"/><path d="M2,0h1v1h-1Z"/></g>' +
      '<g class="mark-symbol role-legend-symbol"><path d="M0,0"/></g><g class="mark-rule role-axis-grid"><line x2="1"/></g>' +
      '<g class="mark-group role-mark"><path class="background" d="M0,0"/><g class="mark-symbol role-mark" aria-label="a &gt; b"><circle r="1"/></g></g></g></g></svg>';
    // Two rect paths plus one circle; the group's background path, legend and grid do not count.
    expect(countDataMarks(svg)).toBe(3);
  });
});
