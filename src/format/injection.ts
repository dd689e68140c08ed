/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that a spreadsheet would
 * read as a formula is prefixed with a single quote, so it is shown as text and never evaluated.
 * Only text cells are touched: a negative NUMBER is written as `-3`, never as `'-3`.
 *
 * Beyond OWASP's list (a cell starting with = + - @ tab or CR) the trigger is also looked for
 * after leading whitespace and quotes (` =1+1`, `"=1+1`: some importers trim them, then evaluate),
 * after a leading line feed, and in full-width form (＝ ＋ － ＠, which Excel's East Asian input
 * modes turn into formulas).
 */

const FORMULA_START = /^[\s"'\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/u;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** `=HYPERLINK("http://x","y")` → `'=HYPERLINK("http://x","y")`; safe text is returned as is. */
export function neutralizeFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
