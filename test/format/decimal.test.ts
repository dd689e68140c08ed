import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalParts, groupThousands, isDecimalLiteral, plainDecimal, roundParts } from '../../src/format/decimal.js';

function rounded(value: number | string, decimals: number, shift = 0): string {
  const p = roundParts(decimalParts(value, shift), decimals);
  return (p.negative ? '-' : '') + p.integer + (decimals > 0 ? '.' + p.fraction : '');
}

describe('format/decimal', () => {
  it('splits numbers, bigints and literals at the point', () => {
    expect(decimalParts(1234.5)).toEqual({ negative: false, integer: '1234', fraction: '5' });
    expect(decimalParts(-0.05)).toEqual({ negative: true, integer: '0', fraction: '05' });
    expect(decimalParts(123456789012345678901234567890n)).toEqual({
      negative: false,
      integer: '123456789012345678901234567890',
      fraction: '',
    });
    expect(decimalParts('-12.30')).toEqual({ negative: true, integer: '12', fraction: '30' });
    // String(1e-7) is '1e-7': the exponent is expanded, not kept
    expect(decimalParts(1e-7)).toEqual({ negative: false, integer: '0', fraction: '0000001' });
    expect(decimalParts(1.5e21)).toEqual({ negative: false, integer: '1500000000000000000000', fraction: '' });
  });

  it('shifts by powers of ten without binary error', () => {
    // 0.145 × 100 is 14.5 in decimal but 14.499999999999998 in binary floating point
    expect(0.145 * 100).toBe(14.499999999999998);
    expect(decimalParts(0.145, 2)).toEqual({ negative: false, integer: '14', fraction: '5' });
    expect(decimalParts(0.659, 2)).toEqual({ negative: false, integer: '65', fraction: '9' });
    expect(decimalParts(0.0005, 2)).toEqual({ negative: false, integer: '0', fraction: '05' });
    expect(decimalParts(12, 2)).toEqual({ negative: false, integer: '1200', fraction: '' });
  });

  it('treats -0 and -0.0 as unsigned zero', () => {
    expect(decimalParts(-0).negative).toBe(false);
    expect(decimalParts('-0.00').negative).toBe(false);
  });

  it('rejects non-finite and non-numeric input', () => {
    expect(() => decimalParts(Number.NaN)).toThrow(RangeError);
    expect(() => decimalParts(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => decimalParts('12,5')).toThrow(RangeError);
    expect(() => decimalParts('')).toThrow(RangeError);
    expect(() => decimalParts('.')).toThrow(RangeError);
  });

  it('rounds halves away from zero on the decimal digits', () => {
    // 1.005 is stored as 1.00499999999999989..., so toFixed gives 1.00; the shown digits say 1.01
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(rounded(1.005, 2)).toBe('1.01');
    expect(rounded(2.5, 0)).toBe('3');
    expect(rounded(-2.5, 0)).toBe('-3');
    expect(rounded(0.125, 2)).toBe('0.13');
    expect(rounded(2.45, 1)).toBe('2.5');
    expect(rounded(2.44999, 1)).toBe('2.4');
  });

  it('carries through nines and into a new digit', () => {
    expect(rounded(9.995, 2)).toBe('10.00');
    expect(rounded(999.96, 1)).toBe('1000.0');
    expect(rounded(-0.96, 0)).toBe('-1');
  });

  it('drops the sign when the rounded value is zero', () => {
    // -0.04 to one decimal is 0.0, and a "-0,0" in a table would read as a loss
    expect(rounded(-0.04, 1)).toBe('0.0');
    expect(rounded(-0.0004, 1, 2)).toBe('0.0');
  });

  it('pads to the requested decimals', () => {
    expect(rounded(3, 2)).toBe('3.00');
    expect(rounded(0.5, 3)).toBe('0.500');
  });

  it('refuses impossible decimals', () => {
    expect(() => roundParts(decimalParts(1), -1)).toThrow(RangeError);
    expect(() => roundParts(decimalParts(1), 1.5)).toThrow(RangeError);
  });

  it('groups thousands from four digits on', () => {
    expect(groupThousands('999', '.')).toBe('999');
    expect(groupThousands('1234', '.')).toBe('1.234');
    expect(groupThousands('12345', '.')).toBe('12.345');
    expect(groupThousands('1234567', ',')).toBe('1,234,567');
    expect(groupThousands('123456', ',')).toBe('123,456');
  });

  it('writes numbers out plainly, without exponent and without rounding', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(-1.5e21, ',')).toBe('-1500000000000000000000');
    expect(plainDecimal(1234.5, ',')).toBe('1234,5');
    expect(plainDecimal(0.1 + 0.2)).toBe('0.30000000000000004');
    // a DECIMAL(10,2) literal keeps its scale
    expect(plainDecimal('12.30', ',')).toBe('12,30');
    expect(plainDecimal('1.50e2')).toBe('150');
  });

  it('round-trips every double through plainDecimal', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(plainDecimal(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  it('recognises decimal literals', () => {
    expect(isDecimalLiteral('-12.30')).toBe(true);
    expect(isDecimalLiteral('.5')).toBe(true);
    expect(isDecimalLiteral('1e-7')).toBe(true);
    expect(isDecimalLiteral('1.234,5')).toBe(false);
    expect(isDecimalLiteral('abc')).toBe(false);
    expect(isDecimalLiteral('-')).toBe(false);
  });
});
