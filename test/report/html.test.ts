import { describe, expect, it } from 'vitest';
import { attrs, escapeHtml, html, join, raw } from '../../src/report/html.js';

describe('html', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('escapes every interpolated value of the html tag, but not markup it built itself', () => {
    const name = '<img src=x onerror=alert(1)>';
    const cell = html`<td>${name}</td>`;
    expect(cell.text).toBe('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html`<tr>${cell}</tr>`.text).toBe('<tr><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>');
    expect(html`<p>${raw('<b>trusted</b>')}</p>`.text).toBe('<p><b>trusted</b></p>');
  });

  it('joins arrays and drops null, undefined and false', () => {
    expect(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>`.text).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.text).toBe('0');
    expect(join(['a', null, html`<i>b</i>`], ', ').text).toBe('a, <i>b</i>');
  });

  it('writes attributes escaped, true as a bare name, null and false left out', () => {
    expect(attrs({ 'data-group': '{"ambito":"Monza"}', hidden: true, title: null, open: false, 'data-value': 0 }).text).toBe(
      ' data-group="{&quot;ambito&quot;:&quot;Monza&quot;}" hidden data-value="0"',
    );
  });
});
