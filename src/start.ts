/**
 * `npm start`: the main job on the fixtures, from a clean slate. Ingests the synthetic Brianza
 * exports into a fresh database under out/, checks the data, computes the indicators and writes
 * the evaluator report for the latest full year of data, then prints where everything is.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCLI } from '../cli.js';
import { packagePath } from './package.js';

async function main(): Promise<number> {
  const out = join(process.cwd(), 'out');
  const fixtures = packagePath('fixtures', 'brianza');
  const db = join(out, 'brianza.duckdb');
  mkdirSync(out, { recursive: true });
  for (const f of [db, `${db}.wal`, `${db}.key`]) rmSync(f, { force: true });
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.csv')).sort().map((f) => join(fixtures, f));
  const config = join(fixtures, 'mev.config.json');
  let captured = '';
  const cli = (capture: boolean) =>
    createCLI({
      stdout: (s) => (capture ? (captured += s) : process.stdout.write(s)),
      stderr: (s) => process.stderr.write(s),
      env: process.env,
      cwd: process.cwd(),
      stderrTTY: process.stderr.isTTY === true,
      stderrColumns: process.stderr.columns,
    });
  const steps: [string, string[], string | null][] = [
    ['ingest', ['ingest', ...files, '--db', db, '--config', config], null],
    ['check', ['check', '--db', db, '--config', config, '--format', 'json'], join(out, 'check.json')],
    ['indicators', ['indicators', '--db', db, '--config', config, '--format', 'json', '--by', 'ambito'], join(out, 'indicatori.json')],
    ['report', ['report', '--db', db, '--config', config, '--out', join(out, 'report-valutazione.html'), '--charts', join(out, 'grafici'), '--quiet'], null],
  ];
  const done: string[] = [db];
  for (const [name, args, target] of steps) {
    if (!cli(false).program.commands.some((c) => c.name() === args[0])) continue;
    captured = '';
    process.stderr.write(`\n== mev ${name}\n`);
    const code = await cli(target !== null).run(args);
    if (code !== 0) {
      process.stderr.write(`npm start: «mev ${name}» non riuscito (codice ${code})\n`);
      return code;
    }
    if (target) {
      writeFileSync(target, captured);
      done.push(target);
    }
    if (name === 'report') done.push(join(out, 'report-valutazione.html'), join(out, 'grafici'));
  }
  process.stdout.write(`\nFatto. Risultati:\n${done.map((d) => `  ${d}`).join('\n')}\n`);
  return 0;
}

process.exitCode = await main();
