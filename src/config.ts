/**
 * The project configuration: `--config FILE`, else MEV_CONFIG, else ./mev.config.json when it
 * exists, else the defaults. Instrument, collaboration factors and territory default to the files
 * in schemas/ and may be replaced by files named in the config (paths relative to the config).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configSchema, factorsSchema, instrumentSchema, type CollaborationFactors, type Config, type Instrument } from '../schemas/config.js';
import { UserError } from './errors.js';
import * as msg from './messages.js';
import { packagePath } from './package.js';
import { loadTerritory, type Territory } from './vocabulary.js';

export interface Project {
  config: Config;
  /** Absolute path of the config file, or null for the defaults. */
  path: string | null;
  instrument: Instrument;
  factors: CollaborationFactors;
  territory: Territory;
  /** sha256 of the config text (and of the files it names), for provenance. */
  fingerprint: string;
}

export function resolveConfigPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  if (option) return resolve(cwd, option);
  if (env['MEV_CONFIG']) return resolve(cwd, env['MEV_CONFIG']);
  const local = resolve(cwd, 'mev.config.json');
  return existsSync(local) ? local : null;
}

export function loadProject(path: string | null): Project {
  const hash = createHash('sha256');
  let config: Config;
  if (path) {
    if (!existsSync(path)) throw new UserError(msg.configMissing(path));
    const text = readFileSync(path, 'utf8');
    hash.update(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UserError(msg.configInvalid(path, (error as Error).message));
    }
    const parsed = configSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UserError(msg.configInvalid(path, `${issue.path.join('.') || '(radice)'}: ${issue.message}`));
    }
    config = parsed.data;
  } else {
    config = configSchema.parse({});
  }
  const base = path ? dirname(path) : process.cwd();
  const fromFile = <T>(value: string | T | undefined, fallback: string, schema: { safeParse(v: unknown): { success: boolean; data?: T; error?: { issues: { message: string; path: PropertyKey[] }[] } } }): T => {
    const file = typeof value === 'string' ? resolve(base, value) : value === undefined ? fallback : null;
    const data = file ? readFileOrFail(file, hash) : value;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error!.issues[0]!;
      throw new UserError(msg.configInvalid(file ?? path ?? 'config', `${issue.path.join('.')}: ${issue.message}`));
    }
    return parsed.data as T;
  };
  const instrument = fromFile<Instrument>(config.instrument, packagePath('schemas', 'instrument.json'), instrumentSchema);
  const factors = fromFile<CollaborationFactors>(config.collaboration_factors, packagePath('schemas', 'collaboration-factors.json'), factorsSchema);
  const territoryPath = config.territory ? resolve(base, config.territory) : packagePath('schemas', 'data', 'territorio.json');
  if (!existsSync(territoryPath)) throw new UserError(msg.configMissing(territoryPath));
  hash.update(readFileSync(territoryPath));
  const territory = loadTerritory(territoryPath);
  return { config, path, instrument, factors, territory, fingerprint: hash.digest('hex') };
}

function readFileOrFail(file: string, hash: ReturnType<typeof createHash>): unknown {
  if (!existsSync(file)) throw new UserError(msg.configMissing(file));
  const text = readFileSync(file, 'utf8');
  hash.update(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(msg.configInvalid(file, (error as Error).message));
  }
}

