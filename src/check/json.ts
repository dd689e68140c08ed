/**
 * The JSON of `mev check --format json`:
 *
 *   { "as_of": "2025-12-31" | null,
 *     "checks": [ { "id", "label", "label_en", "severity", "key", "count", "keys": [...], "details": [...] } ] }
 *
 * Checks in the order of checks.ts, fields in this order. Laid out one key and one detail per
 * line: a network with many findings gives a long file that still diffs and greps line by line,
 * and serialising a million findings stays cheap (no deep walk, no line per field). Written in
 * pieces, so no single string has to hold hundreds of megabytes.
 */
import type { CheckReport } from './index.js';

const INDENT = '        ';
const BATCH = 10_000;

/** Values are plain already (parsed from DuckDB's JSON, or rows of numbers, strings, null, arrays); JSON.stringify writes NaN as null. */
function* list(items: readonly unknown[], last: boolean): Generator<string> {
  const end = last ? '' : ',';
  if (items.length === 0) {
    yield `[]${end}\n`;
    return;
  }
  yield '[\n';
  for (let i = 0; i < items.length; i += BATCH) {
    const lines = items.slice(i, i + BATCH).map((item) => INDENT + JSON.stringify(item));
    yield lines.join(',\n') + (i + BATCH < items.length ? ',\n' : '\n');
  }
  yield `      ]${end}\n`;
}

export function* checkJsonChunks(report: CheckReport): Generator<string> {
  yield `{\n  "as_of": ${JSON.stringify(report.as_of)},\n  "checks": [\n`;
  for (const [i, c] of report.checks.entries()) {
    const head = { id: c.id, label: c.label, label_en: c.label_en, severity: c.severity, key: c.key, count: c.count };
    yield `    {\n${Object.entries(head).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`).join('')}`;
    yield '      "keys": ';
    yield* list(c.keys, false);
    yield '      "details": ';
    yield* list(c.details, true);
    yield `    }${i < report.checks.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}

export function formatCheckJson(report: CheckReport): string {
  return [...checkJsonChunks(report)].join('');
}
