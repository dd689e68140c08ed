import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITIES } from '../../schemas/entities.js';
import { configSchema } from '../../schemas/config.js';
import { loadProject } from '../../src/config.js';
import { mev, query, testDir, type TestDir } from '../helpers.js';

let t: TestDir;
afterEach(() => t.cleanup());

const init = (...args: string[]) => mev(['init', ...args], {}, t.dir);

describe('commands/init', () => {
  it('writes a config that loads, with the example framework', async () => {
    t = testDir();
    const run = await init('progetto');
    expect(run.code).toBe(0);
    const path = t.path('progetto/mev.config.json');
    const project = loadProject(path);
    expect(project.config.project).toMatchObject({ start: '2025-01-01', end: '2027-12-31' });
    expect(project.config.follow_up).toEqual({ months: 6, window_days: 60 });
    expect(project.config.thresholds).toEqual({ transfer_gap_days: 14, long_stay_months: 24, close_to_target: 0.1 });
    const objectives = project.config.framework.objectives;
    expect(objectives.map((o) => o.id)).toEqual(['OS1', 'OS2']);
    expect(objectives.flatMap((o) => o.indicators.map((i) => [i.id, i.target, i.direction]))).toEqual([
      ['occupancy_rate', 0.85, 'higher'],
      ['positive_exit_rate', 0.6, 'higher'],
      ['followup_completion_rate', 0.7, 'higher'],
    ]);
    // Strict schema: no stray keys (JSON has no comments, so none were smuggled in as keys).
    expect(configSchema.safeParse(JSON.parse(readFileSync(path, 'utf8'))).success).toBe(true);
  });

  it('writes one empty template per entity: canonical header in order, `;`, UTF-8 with BOM', async () => {
    t = testDir();
    await init('progetto');
    for (const entity of ENTITIES) {
      const text = readFileSync(t.path(`progetto/modelli/${entity.name}.csv`), 'utf8');
      expect(text, entity.name).toBe(`\ufeff${entity.columns.map((c) => c.name).join(';')}\r\n`);
    }
    expect(readFileSync(t.path('progetto/modelli/alloggi.csv'), 'utf8')).toBe(
      '\ufeffcodice_alloggio;ambito;comune;posti;data_apertura;data_chiusura;ente_gestore;tipologia\r\n',
    );
  });

  it('writes templates that mev ingest reads once filled in', async () => {
    t = testDir();
    await init('.');
    const alloggi = t.path('modelli/alloggi.csv');
    writeFileSync(alloggi, `${readFileSync(alloggi, 'utf8')}A1;Monza;Monza;3;01/01/2024;;Coop;bilocale\r\n`);
    const run = await mev(['ingest', alloggi, '--db', t.db, '--quiet'], {}, t.dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await query(t.db, 'SELECT codice_alloggio, posti, ente_gestore FROM alloggi')).toEqual([{ codice_alloggio: 'A1', posti: 3, ente_gestore: 'Coop' }]);
  });

  it('explains every column in LEGGIMI.md: required, type, allowed values with labels', async () => {
    t = testDir();
    await init();
    const text = readFileSync(t.path('modelli/LEGGIMI.md'), 'utf8');
    const sections = text.split(/^## /m);
    for (const entity of ENTITIES) {
      const section = sections.find((s) => s.startsWith(`${entity.name}.csv — ${entity.label_it}\n`));
      expect(section, entity.name).toBeDefined();
      const rows = section!.split('\n').filter((line) => line.startsWith('| `'));
      expect(rows.map((r) => r.split('`')[1]), entity.name).toEqual(entity.columns.map((c) => c.name));
      for (const column of entity.columns) {
        const row = rows.find((line) => line.startsWith(`| \`${column.name}\` |`));
        expect(row, `${entity.name}.${column.name}`).toBeDefined();
        // 5 cells: an unescaped | inside a cell (as in `2024|2025`) would make more
        expect(row!.split(/(?<!\\)\|/).length, row).toBe(7);
        expect(row!.split(/(?<!\\)\|/)[2]!.trim()).toBe(column.required ? '**sì**' : 'no');
      }
    }
    expect(text).toContain('`madre_con_figli` (Madre con figli)');
    expect(text).toContain('`affitto_autonomo` (Affitto autonomo; classe positiva)');
    expect(text).toContain('`raggiunta` (Raggiunta)');
    expect(text).toContain('`abitare` (Abitare)'); // dimensions of the default instrument
    expect(text).toContain('`2024\\|2025`');
    expect(text).toContain('## mev.config.json');
  });

  it('resolves DIR against the working directory, default `.`', async () => {
    t = testDir();
    expect((await init()).code).toBe(0);
    expect(existsSync(t.path('mev.config.json'))).toBe(true);
    expect(existsSync(t.path('modelli/ospitalita.csv'))).toBe(true);
  });

  it('refuses to overwrite mev.config.json, but adds missing templates and keeps filled ones', async () => {
    t = testDir();
    await init();
    const config = t.path('mev.config.json');
    writeFileSync(config, '{"project": {"name": "Il mio progetto"}}\n');
    const filled = t.path('modelli/alloggi.csv');
    writeFileSync(filled, 'codice_alloggio;ambito;comune;posti;data_apertura\nA1;Monza;Monza;3;01/01/2024\n');
    rmSync(t.path('modelli/rete.csv'));

    const run = await init();
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `  scritto ${join(t.dir, 'modelli', 'rete.csv')}`,
      `mev: ${config} esiste già e non è stato sovrascritto (aggiunto 1 modello mancante): per ricominciare sposta o rinomina il file, oppure scegli un'altra cartella (mev init CARTELLA)`,
    ]);
    expect(readFileSync(config, 'utf8')).toBe('{"project": {"name": "Il mio progetto"}}\n');
    expect(readFileSync(filled, 'utf8')).toContain('A1;Monza');
    expect(existsSync(t.path('modelli/rete.csv'))).toBe(true);
  });

  it('refuses a DIR that is a file', async () => {
    t = testDir({ 'un-file': '' });
    const run = await init('un-file');
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^mev: .*un-file: esiste ed è un file, non una cartella\n$/);
  });
});
