/** `mev check`: every data-quality check as an Italian table or as JSON (shape: src/check/json.ts). */
import type { CliEffects } from '../../cli.js';
import { runChecks, type CheckReport } from '../check/index.js';
import { checkJsonChunks } from '../check/json.js';
import { MAX_KEYS, MAX_ROWS, renderCheckTable } from '../check/table.js';
import { loadProject, resolveConfigPath } from '../config.js';
import { Database, resolveDbPath } from '../db.js';
import { progressFor } from '../progress.js';

export interface CheckCliOptions {
  db?: string;
  config?: string;
  format: 'table' | 'json';
  quiet?: boolean;
}

export async function runCheck(opts: CheckCliOptions, effects: CliEffects): Promise<void> {
  const project = loadProject(resolveConfigPath(opts.config, effects.env, effects.cwd));
  const db = await Database.open(resolveDbPath(opts.db, effects.env), { readOnly: true });
  let report: CheckReport;
  const progress = progressFor(effects, opts.quiet);
  try {
    // The table shows at most MAX_KEYS keys and rows per check: fetch no more than that.
    report = await runChecks(db, project, { progress, ...(opts.format === 'table' ? { limit: Math.max(MAX_KEYS, MAX_ROWS) } : {}) });
  } finally {
    progress.done();
    db.close();
  }
  if (opts.format === 'json') for (const chunk of checkJsonChunks(report)) effects.stdout(chunk);
  else effects.stdout(renderCheckTable(report));
}
