/**
 * Loads the indicator files: every `indicators/**\/*.yaml`, parsed and checked with zod. A broken
 * file fails with its path and the reason, never with a stack trace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../errors.js';
import { packagePath } from '../package.js';
import { AREAS, indicatorSchema, type IndicatorSpec } from './spec.js';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

export function parseIndicatorFile(path: string, text: string): IndicatorSpec {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UserError(`${path}: YAML non valido: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = indicatorSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${path}: indicatore non valido: ${issue.path.join('.') || '(radice)'}: ${issue.message}`);
  }
  if (!/\{\{by\}\}/.test(parsed.data.sql) && parsed.data.basis === 'period') {
    throw new UserError(`${path}: la SQL deve usare {{by}} AS grp (il gruppo della disaggregazione)`);
  }
  return { ...parsed.data, file: path };
}

let cache: IndicatorSpec[] | undefined;

export function loadIndicators(dir = packagePath('indicators')): IndicatorSpec[] {
  if (cache && dir === packagePath('indicators')) return cache;
  const root = packagePath();
  const specs = yamlFiles(dir).map((path) => parseIndicatorFile(relative(root, path), readFileSync(path, 'utf8')));
  const seen = new Map<string, string>();
  for (const s of specs) {
    const other = seen.get(s.id);
    if (other) throw new UserError(`${s.file}: id «${s.id}» già usato da ${other}`);
    seen.set(s.id, s.file);
  }
  specs.sort((a, b) => AREAS.indexOf(a.area) - AREAS.indexOf(b.area) || a.order - b.order || a.id.localeCompare(b.id));
  if (dir === packagePath('indicators')) cache = specs;
  return specs;
}
