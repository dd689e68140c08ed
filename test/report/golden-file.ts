/**
 * The golden-file check shared by the report templates: compare the rendered page with the
 * committed file; on a difference write `<name>-changed.html` beside it; `UPDATE_GOLDEN=1`
 * regenerates locally (never in CI).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ReportTemplate } from '../../src/report/index.js';
import { loadProject } from '../../src/config.js';
import { buildReport } from '../../src/report/index.js';
import { openReadOnly, reportFixture } from './dataset.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** The template rendered on the fixed report dataset, with the clock and the version fixed. */
export async function renderFixed(template: ReportTemplate): Promise<string> {
  const f = await reportFixture();
  const db = await openReadOnly(f.db);
  try {
    const result = await buildReport(db, loadProject(f.config), {
      template, period: '2025', asOf: '2025-12-31', lang: 'it', now: new Date('2026-01-15T10:00:00Z'), toolVersion: '0.0.0-golden',
    });
    return result.html;
  } finally {
    db.close();
    f.cleanup();
  }
}

export function expectGolden(name: string, html: string): void {
  const expectedFile = join(dir, `${name}.html`);
  const changedFile = join(dir, `${name}-changed.html`);
  if (process.env['UPDATE_GOLDEN'] === '1' && !process.env['CI']) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(expectedFile, html);
    rmSync(changedFile, { force: true });
    return;
  }
  expect(existsSync(expectedFile), `missing ${expectedFile}: create it locally with UPDATE_GOLDEN=1`).toBe(true);
  const expected = readFileSync(expectedFile, 'utf8');
  if (html === expected) {
    rmSync(changedFile, { force: true });
    return;
  }
  writeFileSync(changedFile, html);
  const lines = html.split('\n');
  const first = expected.split('\n').findIndex((line, i) => line !== lines[i]);
  expect.fail(`the report differs from ${expectedFile} from line ${first + 1}; the new output is in ${changedFile} (diff them; if the change is intended, regenerate locally with UPDATE_GOLDEN=1)`);
}
