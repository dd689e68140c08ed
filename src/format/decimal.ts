/**
 * Decimal arithmetic on digit strings, for display and export.
 *
 * Rounding works on the shortest decimal representation of a number (what `String(x)` shows and
 * what a user sees in the data), not on its binary value: 1.005 rounds to 1.01 and 0.659 × 100 is
 * exactly 65.9. Binary rounding (`toFixed`, `Intl`) turns 1.005 into 1.00, which no evaluator
 * checking a table by hand would expect. Halves round away from zero, as Excel and Italian
 * statistical offices do.
 */

/** A decimal magnitude split at the point, plus its sign. `integer` has no leading zeros (or is '0'). */
export interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

const DECIMAL_LITERAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** True for a finite decimal literal such as `-12.30`, `1e-7`, `.5` (what DuckDB DECIMAL prints). */
export function isDecimalLiteral(text: string): boolean {
  const match = DECIMAL_LITERAL.exec(text);
  return match !== null && ((match[2] ?? '') + (match[3] ?? '')).length > 0;
}

/**
 * Splits a finite number, a bigint or a decimal literal into sign, integer and fraction digits,
 * multiplied by 10^shift (shift 2 turns a fraction into a percentage without binary error).
 */
export function decimalParts(value: number | bigint | string, shift = 0): DecimalParts {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`not a finite number: ${value}`);
  }
  const text = typeof value === 'string' ? value.trim() : String(value);
  const match = DECIMAL_LITERAL.exec(text);
  if (match === null || ((match[2] ?? '') + (match[3] ?? '')).length === 0) {
    throw new RangeError(`not a decimal number: ${JSON.stringify(text.slice(0, 50))}`);
  }
  const integerDigits = match[2] ?? '';
  const fractionDigits = match[3] ?? '';
  let digits = integerDigits + fractionDigits;
  let point = integerDigits.length + Number(match[4] ?? '0') + shift;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const integer = digits.slice(0, point).replace(/^0+/, '') || '0';
  const fraction = digits.slice(point);
  const negative = match[1] === '-' && /[1-9]/.test(digits);
  return { negative, integer, fraction };
}

/** Rounds to exactly `decimals` fraction digits, halves away from zero; a result of zero is unsigned. */
export function roundParts(parts: DecimalParts, decimals: number): DecimalParts {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer from 0 to 20, got ${decimals}`);
  }
  const { integer, fraction } = parts;
  if (fraction.length <= decimals) {
    return { ...parts, fraction: fraction.padEnd(decimals, '0') };
  }
  let kept = integer + fraction.slice(0, decimals);
  if ((fraction[decimals] ?? '0') >= '5') kept = incrementDigits(kept);
  const cut = kept.length - decimals;
  const roundedInteger = kept.slice(0, cut).replace(/^0+/, '') || '0';
  const roundedFraction = kept.slice(cut);
  const negative = parts.negative && /[1-9]/.test(roundedInteger + roundedFraction);
  return { negative, integer: roundedInteger, fraction: roundedFraction };
}

/** Inserts `separator` every three digits from the right (from four digits on: 1234 → 1.234). */
export function groupThousands(integer: string, separator: string): string {
  if (integer.length < 4) return integer;
  const head = integer.length % 3;
  const groups = head > 0 ? [integer.slice(0, head)] : [];
  for (let i = head; i < integer.length; i += 3) groups.push(integer.slice(i, i + 3));
  return groups.join(separator);
}

/**
 * A finite number or decimal literal written out without exponent and without rounding, with
 * the given decimal mark: `1e-7` → `0.0000001`, `1.5e21` → `1500000000000000000000`.
 */
export function plainDecimal(value: number | bigint | string, decimalMark = '.'): string {
  // Fast path for the common case (exports call this once per numeric cell).
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    if (!text.includes('e')) return decimalMark === '.' ? text : text.replace('.', decimalMark);
  }
  const parts = decimalParts(value);
  const fraction = parts.fraction.replace(/0+$/, '');
  const kept = typeof value === 'string' && !/[eE]/.test(value) ? parts.fraction : fraction;
  return (parts.negative ? '-' : '') + parts.integer + (kept.length > 0 ? decimalMark + kept : '');
}

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}
