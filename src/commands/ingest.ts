/** `mev ingest`: options from the command line → the ingest pipeline. */
import type { CliEffects } from '../../cli.js';
import { loadProject, resolveConfigPath } from '../config.js';
import { resolveDbPath } from '../db.js';
import { defaultIngestEffects, ingest } from '../ingest/index.js';
import * as msg from '../messages.js';
import { progressFor } from '../progress.js';

export interface IngestCliOptions {
  db?: string;
  config?: string;
  as?: string;
  mapping?: string;
  strict?: boolean;
  replace?: string[];
  quiet?: boolean;
}

export async function runIngest(files: string[], opts: IngestCliOptions, effects: CliEffects): Promise<void> {
  const project = loadProject(resolveConfigPath(opts.config, effects.env, effects.cwd));
  const dbPath = resolveDbPath(opts.db, effects.env);
  const progress = progressFor(effects, opts.quiet);
  let result;
  try {
    result = await ingest(
      { files, dbPath, project, as: opts.as, mapping: opts.mapping, strict: opts.strict, replace: opts.replace, quiet: opts.quiet },
      { ...defaultIngestEffects, env: effects.env, stderr: (line) => effects.stderr(`${line}\n`), progress },
    );
  } finally {
    progress.done();
  }
  if (!opts.quiet) effects.stderr(`${msg.ingestDone(dbPath, result.files.length)}\n`);
}
