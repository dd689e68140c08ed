/**
 * The valutazione report on the Brianza fixtures (when fixtures/brianza/*.csv are there): the
 * default period (the latest full year), every section, non-null headlines, every number equal to
 * `mev indicators --format json`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALUTAZIONE_SECTIONS } from '../../reports/templates/valutazione.js';
import { runReport } from '../../src/commands/report.js';
import { packagePath } from '../../src/package.js';
import { mev, testDir, type TestDir } from '../helpers.js';
import { mismatches, sourcedNumbers } from './numbers.js';

const fixtures = packagePath('fixtures', 'brianza');
const csvs = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.csv')).sort() : [];
const config = join(fixtures, 'mev.config.json');

describe.skipIf(csvs.length === 0)('fixtures', () => {
  let t: TestDir;
  let html: string;
  let stdout = '';
  beforeAll(async () => {
    t = testDir();
    const ingest = await mev(['ingest', ...csvs.map((f) => join(fixtures, f)), '--db', t.db, '--config', config, '--quiet']);
    expect(ingest.code, ingest.stderr).toBe(0);
    await runReport({ db: t.db, config, out: t.path('r.html') }, { stdout: (s) => (stdout += s), stderr: () => {}, env: {}, cwd: t.dir, now: () => new Date('2026-07-01T08:00:00Z') });
    html = readFileSync(t.path('r.html'), 'utf8');
  }, 300_000);
  afterAll(() => t?.cleanup());

  it('has every section and non-null headline values for the latest full year', () => {
    expect([...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1])).toEqual([...VALUTAZIONE_SECTIONS]);
    const headlines = [...html.matchAll(/data-headline="([^"]*)"/g)].map((m) => m[1]);
    expect(headlines.length).toBe(6);
    expect(headlines).not.toContain('null');
    expect(stdout).toMatch(/report scritto in .*r\.html/);
  });

  it('gives every number as `mev indicators --format json` for the same period and as_of', async () => {
    const period = /<p class="meta period">Periodo (\d{2})\/(\d{2})\/(\d{4})/.exec(html)!;
    const asOf = /Dati al (\d{2})\/(\d{2})\/(\d{4})/.exec(html)!;
    const run = await mev(['indicators', '--db', t.db, '--config', config, '--period', period[3]!, '--as-of', `${asOf[3]}-${asOf[2]}-${asOf[1]}`, '--by', 'ambito', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(mismatches(sourcedNumbers(html), JSON.parse(run.stdout))).toEqual([]);
  });
});
