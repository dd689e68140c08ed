import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config.js';
import { runExample } from '../../src/indicators/example.js';
import { loadIndicators } from '../../src/indicators/load.js';

const project = loadProject(null);

describe('indicator examples', () => {
  it.each(loadIndicators().map((s) => [s.id, s] as const))('%s: its given/expect example holds', async (_id, spec) => {
    const values = await runExample(spec, project);
    for (const expected of spec.example.expect) {
      const found = values.find((v) => JSON.stringify(Object.entries(v.group).sort()) === JSON.stringify(Object.entries(expected.group).sort()));
      expect(found, `group ${JSON.stringify(expected.group)}`).toBeDefined();
      const { group: _g, detail, ...numbers } = expected;
      for (const [k, v] of Object.entries(numbers)) {
        const actual = (found as unknown as Record<string, unknown>)[k];
        if (v === null) expect(actual, k).toBeNull();
        else expect(actual, k).toBeCloseTo(v as number, 10);
      }
      if (detail) expect(found!.detail).toMatchObject(detail);
    }
  });
});
