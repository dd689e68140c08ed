import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { maxValidationMessages, summariseErrors, validateVega, validateVegaLite } from '../../src/charts/validate.js';
import { vegaConfig, vegaLiteConfig } from '../../src/charts/theme.js';

const barSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values: [{ a: 'x', b: 1 }] },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
};

describe('validate', () => {
  it('accepts a valid Vega-Lite spec', () => {
    expect(validateVegaLite(barSpec)).toEqual({ valid: true });
  });

  it('accepts the shared theme as a Vega-Lite config', () => {
    expect(validateVegaLite({ ...barSpec, config: vegaLiteConfig() })).toEqual({ valid: true });
  });

  it('rejects an invalid Vega-Lite spec with a short summary pointing at the mistake', () => {
    const bad = { ...barSpec, encoding: { x: { field: 'a', type: 'nominall' } } };
    const result = validateVegaLite(bad);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.length).toBeLessThanOrEqual(maxValidationMessages);
    // The deepest path comes first, with the allowed values.
    expect(result.errors[0]).toMatch(/^\/encoding\/x\/type: must be equal to one of the allowed values: .*"nominal"/);
  });

  it('rejects a spec that is not a chart at all', () => {
    const result = validateVegaLite({ mark: 'pie-chart-please' });
    expect(result.valid).toBe(false);
  });

  it('accepts a valid Vega spec with the shared Vega config, rejects an invalid one', () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega/v6.json',
      width: 100,
      height: 100,
      config: vegaConfig(),
      data: [{ name: 'nodes', values: [{ x: 1, y: 2 }] }],
      marks: [{ type: 'symbol', from: { data: 'nodes' }, encode: { enter: { x: { field: 'x' }, y: { field: 'y' } } } }],
    };
    expect(validateVega(spec)).toEqual({ valid: true });
    // A data set must be named.
    const bad = { ...spec, data: [{ values: [{ x: 1, y: 2 }] }] };
    const result = validateVega(bad);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.length).toBeLessThanOrEqual(maxValidationMessages);
    expect(result.errors.join('\n')).toMatch(/\/data\/0: must have required property 'name'/);
  });
});

describe('validate summariseErrors', () => {
  const error = (instancePath: string, keyword: string, message: string, params: Record<string, unknown> = {}): ErrorObject => ({ instancePath, keyword, message, params, schemaPath: '#' });

  it('drops combinator summaries, merges duplicates, orders deepest first, caps the count', () => {
    const errors = [
      error('', 'anyOf', 'must match a schema in anyOf'),
      error('', 'required', "must have required property 'layer'"),
      error('/encoding/x', 'additionalProperties', 'must NOT have additional properties', { additionalProperty: 'field' }),
      error('/encoding/x', 'additionalProperties', 'must NOT have additional properties', { additionalProperty: 'field' }),
      error('/encoding/x/type', 'enum', 'must be equal to one of the allowed values', { allowedValues: ['a', 'b'] }),
      ...Array.from({ length: 10 }, (_, i) => error('', 'required', `must have required property 'p${i}'`)),
    ];
    const summary = summariseErrors(errors);
    expect(summary).toEqual([
      '/encoding/x/type: must be equal to one of the allowed values: "a", "b"',
      '/encoding/x: must NOT have additional properties ("field")',
      "(root): must have required property 'layer'",
      "(root): must have required property 'p0'",
      "(root): must have required property 'p1'",
    ]);
  });

  it('keeps a combinator message when it is the only one', () => {
    expect(summariseErrors([error('/mark', 'oneOf', 'must match exactly one schema in oneOf')])).toEqual(['/mark: must match exactly one schema in oneOf']);
  });
});
