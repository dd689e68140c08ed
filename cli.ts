#!/usr/bin/env node
/**
 * The mev command line: declares the commands, imports the module that does the work only when a
 * command runs (so `mev --help` stays fast), and maps errors to exit codes: 0 success, 1 a user
 * error (one line on stderr), 2 an internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isUserError, oneLine } from './src/errors.js';
import type { ProgressEffects } from './src/progress.js';

export interface CliEffects extends ProgressEffects {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processEffects: CliEffects = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stderrTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
};

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** Builds the program; `run` executes one command and resolves to its exit code. */
export function createCLI(effects: CliEffects = processEffects) {
  const program = new Command('mev')
    .description('mev — monitoraggio e valutazione di reti di accoglienza abitativa (CSV → DuckDB → indicatori → report)')
    .version(VERSION, '-V, --version', 'versione di mev')
    .helpOption('-h, --help', 'questo aiuto')
    .addHelpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: effects.stdout, writeErr: effects.stderr })
    .showHelpAfterError(false);

  const db = new Option('--db <path>', 'database DuckDB (default: $MEV_DB o ./mev.duckdb)');
  const config = new Option('--config <file>', 'configurazione del progetto (default: $MEV_CONFIG o ./mev.config.json)');

  program
    .command('ingest')
    .description('carica file CSV esportati nel database (una transazione per chiamata)')
    .argument('<file...>', 'file CSV')
    .addOption(db)
    .addOption(config)
    .option('--as <entity>', "entità dei file, se l'intestazione non basta")
    .option('--mapping <file>', 'file JSON con altri nomi di colonna ed etichette')
    .option('--strict', 'qualsiasi riga scartata fa fallire la chiamata')
    .option('--replace <entity>', "sostituisce l'entità intera con i file della chiamata", collect)
    .option('--quiet', 'nessun riepilogo né avanzamento')
    .action(async (files: string[], opts) => {
      const { runIngest } = await import('./src/commands/ingest.js');
      await runIngest(files, opts, effects);
    });

  program
    .command('check')
    .description('controlli di qualità dei dati: per ogni controllo quanti casi e quali chiavi')
    .addOption(db)
    .addOption(config)
    .addOption(new Option('--format <format>', 'formato').choices(['table', 'json']).default('table'))
    .option('--quiet', 'nessun avanzamento')
    .action(async (opts) => {
      const { runCheck } = await import('./src/commands/check.js');
      await runCheck(opts, effects);
    });

  program
    .command('indicators')
    .description('calcola il catalogo degli indicatori per un periodo')
    .addOption(db)
    .addOption(config)
    .option('--period <period>', 'periodo: 2025, 2025-H1, 2025-Q3, 2025-07, progetto')
    .option('--from <date>', 'inizio del periodo (gg/mm/aaaa o aaaa-mm-gg)')
    .option('--to <date>', 'fine del periodo')
    .option('--as-of <date>', 'data a cui si riferiscono i dati (default: ultimo evento)')
    .option('--wave <wave>', 'ondata di indagine della rete')
    .option('--by <field>', 'disaggregazione: ambito, comune, alloggio, target, cittadinanza')
    .option('--ids <ids>', 'solo questi indicatori (separati da virgola)', collect)
    .option('--suppress <n>', 'oscura i valori basati su meno di N unità')
    .addOption(new Option('--format <format>', 'formato').choices(['table', 'json', 'csv', 'xlsx']).default('table'))
    .option('--out <file>', 'scrive su file invece che a video')
    .addOption(new Option('--lang <lang>', 'lingua delle etichette').choices(['it', 'en']).default('it'))
    .option('--quiet', 'nessun avanzamento')
    .action(async (opts) => {
      const { runIndicators } = await import('./src/commands/indicators.js');
      await runIndicators(opts, effects);
    });

  program
    .command('report')
    .description('scrive il report HTML di un periodo: valutazione (per la valutazione) o cariplo (per il finanziatore)')
    .addOption(db)
    .addOption(config)
    .option('--period <period>', 'periodo: 2025, 2025-H1, 2025-Q3, 2025-07, progetto (default: l’ultimo anno intero)')
    .option('--from <date>', 'inizio del periodo (gg/mm/aaaa o aaaa-mm-gg)')
    .option('--to <date>', 'fine del periodo')
    .option('--as-of <date>', 'data a cui si riferiscono i dati (default: ultimo evento)')
    .addOption(new Option('--template <name>', 'modello del report').choices(['valutazione', 'cariplo']).default('valutazione'))
    .option('--suppress <n>', 'oscura i valori basati su meno di N unità (cariplo: N della configurazione, 5)')
    .addOption(new Option('--lang <lang>', 'lingua del report').choices(['it', 'en']).default('it'))
    .option('--out <file>', 'file HTML da scrivere (default: report-<modello>-<periodo>.html)')
    .option('--charts <dir>', 'scrive anche ogni grafico come SVG, PNG e specifica JSON')
    .option('--pdf', 'stampa anche in PDF (A4) con Chromium/Chrome installato')
    .option('--quiet', 'nessun riepilogo né avanzamento')
    .action(async (opts) => {
      const { runReport } = await import('./src/commands/report.js');
      await runReport(opts, effects);
    });

  program
    .command('sql')
    .description('interroga il database in SQL (sola lettura)')
    .argument('[query]', 'query SQL (default: elenco delle tabelle)')
    .addOption(db)
    .addOption(new Option('--format <format>', 'formato di uscita').choices(['table', 'json', 'csv']).default('table'))
    .action(async (query: string | undefined, opts) => {
      const { runSql } = await import('./src/commands/sql.js');
      await runSql(query, opts, effects);
    });

  program
    .command('export')
    .description('esporta tutte le tabelle in Parquet, Arrow IPC o CSV per Excel')
    .addOption(db)
    .requiredOption('--out <dir>', 'cartella di destinazione')
    .addOption(new Option('--format <format>', 'formato').choices(['parquet', 'arrow', 'csv']).default('parquet'))
    .action(async (opts) => {
      const { runExport } = await import('./src/commands/export.js');
      await runExport(opts, effects);
    });

  program
    .command('init')
    .description('crea mev.config.json e i modelli CSV vuoti con le intestazioni canoniche')
    .argument('[dir]', 'cartella', '.')
    .action(async (dir: string) => {
      const { runInit } = await import('./src/commands/init.js');
      await runInit(dir, effects);
    });

  return {
    program,
    async run(argv: string[]): Promise<number> {
      try {
        await program.parseAsync(argv, { from: 'user' });
        return 0;
      } catch (error) {
        if (error instanceof CommanderError) {
          if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
          return 1;
        }
        if (isUserError(error)) {
          effects.stderr(`mev: ${oneLine(error)}\n`);
          return 1;
        }
        if (/Out of Memory|could not allocate/i.test(oneLine(error))) {
          const { outOfMemory } = await import('./src/messages.js');
          effects.stderr(`mev: ${outOfMemory(oneLine(error))}\n`);
          return 1;
        }
        effects.stderr(`mev: errore interno: ${oneLine(error)}\n`);
        if (effects.env['MEV_DEBUG']) effects.stderr(`${(error as Error).stack ?? ''}\n`);
        return 2;
      }
    },
  };
}

const VERSION = '0.1.0';

function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.umask(0o077);
  const code = await createCLI().run(process.argv.slice(2));
  process.exitCode = code;
}
