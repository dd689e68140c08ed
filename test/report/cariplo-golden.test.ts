/**
 * Golden file of the cariplo template on the fixed report dataset (test/report/dataset.ts), with
 * the clock and the version fixed: any change to the rendered funder report shows up as a
 * difference. On a difference the test writes `cariplo-changed.html` beside the expected file;
 * after checking it, regenerate locally with
 * `UPDATE_GOLDEN=1 npx vitest run test/report/cariplo-golden.test.ts` (never in CI).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cariplo } from '../../reports/templates/cariplo.js';
import { loadProject } from '../../src/config.js';
import { buildReport } from '../../src/report/index.js';
import { openReadOnly, reportFixture } from './dataset.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const expectedFile = join(dir, 'cariplo.html');
const changedFile = join(dir, 'cariplo-changed.html');

describe('cariplo golden', () => {
  it('renders the cariplo report of the fixed dataset exactly as the committed file', async () => {
    const f = await reportFixture();
    const db = await openReadOnly(f.db);
    let html: string;
    try {
      const result = await buildReport(db, loadProject(f.config), {
        template: cariplo, period: '2025', asOf: '2025-12-31', lang: 'it', now: new Date('2026-01-15T10:00:00Z'), toolVersion: '0.0.0-golden',
      });
      html = result.html;
    } finally {
      db.close();
      f.cleanup();
    }
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
  });
});
