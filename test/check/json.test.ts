import { describe, expect, it } from 'vitest';
import type { CheckReport, CheckResult } from '../../src/check/index.js';
import { checkJsonChunks, formatCheckJson } from '../../src/check/json.js';

const result = (id: string, keys: string[], details: Record<string, unknown>[]): CheckResult => ({
  id, label: `etichetta ${id}`, label_en: `label ${id}`, severity: 'warning', key: 'codice_caso', count: keys.length, keys, details, detailsTotal: details.length,
});

describe('check/json', () => {
  it('is the report as JSON, fields in a fixed order, internal fields left out', () => {
    const report: CheckReport = {
      as_of: '2025-12-31',
      checks: [
        result('a', ['C1', 'C2'], [{ codice_caso: 'C1', data: '2025-01-01', casi: ['x', 'y'], quota: Number.NaN }, { codice_caso: 'C2', data: null }]),
        result('b', [], []),
      ],
    };
    const text = formatCheckJson(report);
    const parsed = JSON.parse(text);
    expect(parsed).toEqual({
      as_of: '2025-12-31',
      checks: [
        { id: 'a', label: 'etichetta a', label_en: 'label a', severity: 'warning', key: 'codice_caso', count: 2, keys: ['C1', 'C2'],
          details: [{ codice_caso: 'C1', data: '2025-01-01', casi: ['x', 'y'], quota: null }, { codice_caso: 'C2', data: null }] },
        { id: 'b', label: 'etichetta b', label_en: 'label b', severity: 'warning', key: 'codice_caso', count: 0, keys: [], details: [] },
      ],
    });
    expect(Object.keys(parsed.checks[0])).toEqual(['id', 'label', 'label_en', 'severity', 'key', 'count', 'keys', 'details']);
    // One key and one detail per line.
    expect(text).toContain('        "C1",\n        "C2"\n');
    expect(text).toContain('        {"codice_caso":"C2","data":null}\n');
    expect(JSON.parse(formatCheckJson({ as_of: null, checks: [] }))).toEqual({ as_of: null, checks: [] });
  });

  it('writes large lists in pieces that still join into valid JSON', () => {
    const keys = Array.from({ length: 25_001 }, (_, i) => `C${i}`);
    const report: CheckReport = { as_of: '2025-12-31', checks: [result('a', keys, keys.map((k) => ({ k })))] };
    const chunks = [...checkJsonChunks(report)];
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(400_000);
    const parsed = JSON.parse(chunks.join(''));
    expect(parsed.checks[0].keys).toEqual(keys);
    expect(parsed.checks[0].details).toHaveLength(25_001);
  });
});
