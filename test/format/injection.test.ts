import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutralizeFormula } from '../../src/format/injection.js';

describe('format/injection', () => {
  it('prefixes the OWASP payloads with a single quote', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutralizeFormula('+1+1')).toBe("'+1+1");
    expect(neutralizeFormula('-1+1')).toBe("'-1+1");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('\tcmd')).toBe("'\tcmd");
    expect(neutralizeFormula('\rcmd')).toBe("'\rcmd");
    expect(neutralizeFormula(`=cmd|' /C calc'!A0`)).toBe(`'=cmd|' /C calc'!A0`);
  });

  it('finds the trigger after leading whitespace and quotes', () => {
    expect(neutralizeFormula(' =1+1')).toBe("' =1+1");
    expect(neutralizeFormula('"=1+1"')).toBe(`'"=1+1"`);
    expect(neutralizeFormula("'=1+1")).toBe("''=1+1");
    expect(neutralizeFormula('\u00a0@x')).toBe("'\u00a0@x");
    expect(neutralizeFormula('\ncmd')).toBe("'\ncmd");
  });

  it('finds full-width triggers', () => {
    expect(isFormulaLike('＝1+1')).toBe(true);
    expect(isFormulaLike('＠SUM(A1)')).toBe(true);
  });

  it('leaves ordinary text alone, including formula characters inside it', () => {
    for (const text of ['Monza', 'a=b', 'e-mail', '2025-01-01', '', ' ', 'x+1', "l'ente", '10 %']) {
      expect(isFormulaLike(text)).toBe(false);
      expect(neutralizeFormula(text)).toBe(text);
    }
  });
});
