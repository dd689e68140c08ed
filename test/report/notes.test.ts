import { describe, expect, it } from 'vitest';
import { markdownToHtml, parseNotes } from '../../src/report/notes.js';

describe('notes', () => {
  it('splits the notes file into one section per `## indicator_id` heading', () => {
    const notes = parseNotes('# Note\nintro ignored\n\n## occupancy_rate\nPrima riga\nseconda riga\n\n## positive_exit_rate ##\r\n- a\r\n');
    expect([...notes.keys()]).toEqual(['occupancy_rate', 'positive_exit_rate']);
    expect(notes.get('occupancy_rate')).toBe('Prima riga\nseconda riga');
    expect(notes.get('positive_exit_rate')).toBe('- a');
  });

  it('renders paragraphs, lists, bold and italics on escaped text', () => {
    expect(markdownToHtml('Una **frase** e *una* parola\nsu due righe.\n\n- uno\n- <b>due</b>').text).toBe(
      '<p>Una <strong>frase</strong> e <em>una</em> parola su due righe.</p>\n<ul><li>uno</li><li>&lt;b&gt;due&lt;/b&gt;</li></ul>',
    );
  });

  it('never lets a note inject markup or make the page load anything', () => {
    const out = markdownToHtml('<script>alert(1)</script> ![x](https://example.org/x.png) [sito](https://example.org)').text;
    expect(out).not.toContain('<script');
    expect(out).not.toMatch(/<(img|a)\b/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('sito (https://example.org)');
  });
});
