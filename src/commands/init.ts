/**
 * `mev init [DIR]`: prepares a project folder: DIR/mev.config.json (an example to edit),
 * DIR/modelli/<entity>.csv (empty templates with the canonical header) and DIR/modelli/LEGGIMI.md
 * (what goes in each column).
 *
 * It never overwrites a file: a template may already hold the user's data and LEGGIMI.md their
 * notes. Missing files are written; when mev.config.json already exists the call still adds the
 * missing templates, then fails (exit 1) saying that the config was left as it was.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliEffects } from '../../cli.js';
import { loadProject } from '../config.js';
import { UserError } from '../errors.js';
import * as msg from '../messages.js';
import { starterConfigText, templates } from './init-files.js';
import { templatesReadme } from './init-readme.js';

export const CONFIG_FILE = 'mev.config.json';
export const TEMPLATES_DIR = 'modelli';
export const README_FILE = 'LEGGIMI.md';

export interface InitResult {
  written: string[];
  kept: string[];
  configExisted: boolean;
}

export async function runInit(dir: string | undefined, effects: CliEffects): Promise<InitResult> {
  const root = resolve(effects.cwd, dir ?? '.');
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UserError(msg.initNotDirectory(root));
  const templatesDir = join(root, TEMPLATES_DIR);
  mkdirSync(templatesDir, { recursive: true });

  const configPath = join(root, CONFIG_FILE);
  const configExisted = existsSync(configPath);
  const files: { path: string; text: () => string }[] = [
    { path: configPath, text: starterConfigText },
    ...templates().map((t) => ({ path: join(templatesDir, t.file), text: () => t.text })),
    // The defaults (instrument, questionnaire, territory) are what the templates are checked against
    // until the user points the config elsewhere.
    { path: join(templatesDir, README_FILE), text: () => templatesReadme(loadProject(null)) },
  ];

  const result: InitResult = { written: [], kept: [], configExisted };
  for (const file of files) {
    if (existsSync(file.path)) {
      result.kept.push(file.path);
      continue;
    }
    // 'wx': fail rather than overwrite if the file appeared in the meantime.
    writeFileSync(file.path, file.text(), { flag: 'wx' });
    result.written.push(file.path);
  }

  for (const path of result.written) effects.stderr(`${msg.initWrote(path)}\n`);
  if (configExisted) {
    const added = result.written.filter((p) => p.endsWith('.csv')).length;
    throw new UserError(msg.initConfigExists(configPath, added));
  }
  for (const path of result.kept) effects.stderr(`${msg.initKept(path)}\n`);
  effects.stderr(`${msg.initDone(root)}\n`);
  return result;
}
