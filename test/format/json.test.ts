import { describe, expect, it } from 'vitest';
import { compactJson, formatJson, toJsonValue } from '../../src/format/json.js';

describe('format/json', () => {
  it('indents with two spaces, keeps key order, ends with a newline', () => {
    expect(formatJson({ id: 'exits', value: 3, group: {} })).toBe('{\n  "id": "exits",\n  "value": 3,\n  "group": {}\n}\n');
  });

  it('never emits NaN or Infinity', () => {
    const text = formatJson({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: [Number.NEGATIVE_INFINITY, 1] });
    expect(JSON.parse(text)).toEqual({ a: null, b: null, c: [null, 1] });
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('turns bigints into numbers, or digit strings beyond 2^53', () => {
    expect(toJsonValue({ n: 12n, m: -9007199254740991n })).toEqual({ n: 12, m: -9007199254740991 });
    // 2^53 + 1 = 9007199254740993 is not a double: a number would silently become ...992
    expect(toJsonValue(9007199254740993n)).toBe('9007199254740993');
  });

  it('writes Dates as ISO dates, or instants when they have a time', () => {
    expect(toJsonValue(new Date(Date.UTC(2025, 11, 31)))).toBe('2025-12-31');
    expect(toJsonValue(new Date(Date.UTC(1960, 0, 1)))).toBe('1960-01-01');
    expect(toJsonValue(new Date(Date.UTC(2025, 11, 31, 10, 30)))).toBe('2025-12-31T10:30:00.000Z');
    expect(toJsonValue(new Date(Number.NaN))).toBeNull();
  });

  it('drops undefined from objects and writes it as null in arrays, like JSON.stringify', () => {
    expect(compactJson({ a: undefined, b: [undefined, 1], c: () => 1 })).toBe('{"b":[null,1]}');
    expect(compactJson(undefined)).toBe('null');
  });

  it('uses toJSON of other objects, and writes -0 as 0', () => {
    expect(toJsonValue({ v: { toJSON: () => 12n } })).toEqual({ v: 12 });
    expect(compactJson(-0)).toBe('0');
  });

  it('refuses cycles but accepts repeated references', () => {
    const shared = { x: 1 };
    expect(toJsonValue({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJsonValue(cyclic)).toThrow(TypeError);
  });

  it('honours another indent', () => {
    expect(formatJson([1], { indent: 0 })).toBe('[1]\n');
  });
});
