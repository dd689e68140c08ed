import { describe, expect, it } from 'vitest';
import { displayWidth, formatTableCell, renderTable } from '../../src/format/table.js';

const NB = '\u00a0';

describe('format/table', () => {
  it('right-aligns formatted numbers and left-aligns text', () => {
    const rows = [
      { ambito: 'Monza', posti: 1234, occupazione: 0.659 },
      { ambito: 'Carate Brianza', posti: 5, occupazione: 0.5 },
    ];
    const text = renderTable(rows, [
      { key: 'ambito', label: 'Ambito' },
      { key: 'posti', type: 'integer' },
      { key: 'occupazione', type: 'percent' },
    ], { lang: 'it' });
    expect(text.split('\n')).toEqual([
      'Ambito          posti  occupazione',
      '--------------  -----  -----------',
      `Monza           1.234       65,9${NB}%`,
      `Carate Brianza      5       50,0${NB}%`,
    ]);
  });

  it('formats in English', () => {
    const text = renderTable([{ n: 1234.5, d: '2025-12-31' }], [{ key: 'n', type: 'number' }, { key: 'd', type: 'date' }], {
      lang: 'en',
    });
    expect(text).toBe('      n  d\n-------  ----------\n1,234.5  2025-12-31');
  });

  it('shows missing values as the null mark', () => {
    const text = renderTable([{ a: null, n: null }, { a: 'x', n: 2 }], [{ key: 'a' }, { key: 'n', type: 'number' }], {
      lang: 'it',
    });
    expect(text).toBe('a  n\n-  -\n—  —\nx  2');
  });

  it('infers formatting and alignment from values when no type is given', () => {
    const text = renderTable(
      [{ n: 1234, big: 12345n, ok: true, d: new Date(Date.UTC(2025, 2, 1)), g: { ambito: 'Monza' } }],
      undefined,
      { lang: 'it' },
    );
    expect(text.split('\n')).toEqual([
      '    n     big  ok  d           g',
      '-----  ------  --  ----------  ------------------',
      '1.234  12.345  sì  01/03/2025  {"ambito":"Monza"}',
    ]);
  });

  it('truncates long text with an ellipsis, never numbers', () => {
    const text = renderTable([{ s: 'abcdefghij', n: 1234567.25 }], [{ key: 's' }, { key: 'n', type: 'number' }], {
      lang: 'en',
      maxWidth: 6,
    });
    // 'abcdefghij' cut to 5 characters plus '…' = 6 columns; the number keeps all 11 characters
    expect(text).toBe('s                 n\n------  -----------\nabcde…  1,234,567.3');
  });

  it('renders line breaks, tabs and terminal escapes harmlessly', () => {
    const text = renderTable([{ s: 'a\nb\tc\u001b[31mred\u202e' }], ['s'], { lang: 'it' });
    expect(text.split('\n')[2]).toBe('a↵b c\ufffd[31mred\ufffd');
  });

  it('measures wide and combining characters by display columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    // 'e' + combining grave accent is one column, as 'è'
    expect(displayWidth('e\u0300')).toBe(1);
    const text = renderTable([{ s: '日本' }, { s: 'ab' }], ['s'], { lang: 'it' });
    expect(text).toBe('s\n----\n日本\nab');
  });

  it('honours explicit alignment, decimals and grouping', () => {
    const text = renderTable([{ anno: 1985, media: 2 }], [
      { key: 'anno', type: 'integer', grouping: false, align: 'left' },
      { key: 'media', type: 'number', decimals: 2 },
    ], { lang: 'it' });
    expect(text).toBe('anno  media\n----  -----\n1985   2,00');
  });

  it('reads array rows and renders an empty table as header only', () => {
    expect(renderTable([[1, 'a']], [{ key: 'n', type: 'number' }, { key: 's' }], { lang: 'en' })).toBe('n  s\n-  -\n1  a');
    expect(renderTable([], [{ key: 'n', label: 'Numero' }], { lang: 'it' })).toBe('Numero\n------');
    expect(renderTable([], undefined, { lang: 'it' })).toBe('');
  });

  it('formats single cells for other renderers', () => {
    expect(formatTableCell(0.659, { key: 'x', type: 'percent' }, 'en')).toEqual({ text: '65.9%', numeric: true });
    expect(formatTableCell(false, { key: 'x', type: 'boolean' }, 'en')).toEqual({ text: 'no', numeric: false });
    expect(formatTableCell(Number.NaN, { key: 'x', type: 'number' }, 'it')).toEqual({ text: '—', numeric: true });
  });
});
