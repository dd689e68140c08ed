/**
 * Vocabularies as data: codes with Italian/English labels, aliases and (for destinations) an
 * outcome class. A value matches a code when it equals the code, its label or an alias after
 * normalisation; anything else is `non_classificato` (the raw value is kept beside it).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseName } from './normalise.js';
import { packagePath, readJson } from './package.js';
import { territoryFileSchema, vocabularyFileSchema, type TerritoryFile, type VocabularyFile } from '../schemas/vocabulary.js';
import { UserError } from './errors.js';

export const UNCLASSIFIED = 'non_classificato';
export const NOT_STATED = 'non_indicato';

export interface Vocabulary {
  name: string;
  file: VocabularyFile;
  /** normalised code / label / alias → code */
  lookup: Map<string, string>;
}

let cache: Map<string, Vocabulary> | undefined;

export function loadVocabularies(dir = packagePath('schemas', 'vocabularies')): Map<string, Vocabulary> {
  if (cache && dir === packagePath('schemas', 'vocabularies')) return cache;
  const result = new Map<string, Vocabulary>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, name);
    const parsed = vocabularyFileSchema.safeParse(readJson(path));
    if (!parsed.success) throw new UserError(`${path}: vocabolario non valido: ${parsed.error.issues[0]?.message ?? ''}`);
    result.set(parsed.data.name, { name: parsed.data.name, file: parsed.data, lookup: buildLookup(parsed.data) });
  }
  cache = result;
  return result;
}

export function vocabulary(name: string): Vocabulary {
  const found = loadVocabularies().get(name);
  if (!found) throw new Error(`vocabulary ${name} not found`);
  return found;
}

function buildLookup(file: VocabularyFile): Map<string, string> {
  const lookup = new Map<string, string>();
  // Aliases first, so that a code or label always wins over another entry's alias.
  for (const entry of file.codes) for (const alias of entry.aliases) lookup.set(normaliseName(alias), entry.code);
  for (const entry of file.codes) {
    lookup.set(normaliseName(entry.label_it), entry.code);
    lookup.set(normaliseName(entry.label_en), entry.code);
  }
  for (const entry of file.codes) lookup.set(normaliseName(entry.code), entry.code);
  return lookup;
}

/** The code of a raw value, or null when it is not in the vocabulary. */
export function matchCode(vocab: Vocabulary, raw: string, extra?: Record<string, string>): string | null {
  const key = normaliseName(raw);
  if (extra) {
    for (const [label, code] of Object.entries(extra)) if (normaliseName(label) === key) return code;
  }
  return vocab.lookup.get(key) ?? null;
}

export interface Territory {
  file: TerritoryFile;
  ambitoLookup: Map<string, string>;
  comuneLookup: Map<string, string>;
  /** comune label → ambito label */
  ambitoOfComune: Map<string, string>;
  ambitoLabels: string[];
}

let territoryCache: { path: string; territory: Territory } | undefined;

export function loadTerritory(path = packagePath('schemas', 'data', 'territorio.json')): Territory {
  if (territoryCache?.path === path) return territoryCache.territory;
  const parsed = territoryFileSchema.safeParse(readJson(path));
  if (!parsed.success) throw new UserError(`${path}: file del territorio non valido: ${parsed.error.issues[0]?.message ?? ''}`);
  const file = parsed.data;
  const ambitoLookup = new Map<string, string>();
  for (const a of file.ambiti) for (const v of [...a.aliases, a.code, a.label]) ambitoLookup.set(normaliseName(v), a.label);
  const comuneLookup = new Map<string, string>();
  const ambitoOfComune = new Map<string, string>();
  const ambitoLabel = new Map(file.ambiti.map((a) => [a.code, a.label]));
  for (const c of file.comuni) {
    for (const v of [...c.aliases, c.istat, c.label]) comuneLookup.set(normaliseName(v), c.label);
    ambitoOfComune.set(c.label, ambitoLabel.get(c.ambito) ?? c.ambito);
  }
  const territory = { file, ambitoLookup, comuneLookup, ambitoOfComune, ambitoLabels: file.ambiti.map((a) => a.label) };
  territoryCache = { path, territory };
  return territory;
}

/** Outcome class of a destination code (positiva / neutra / negativa / ignota), null when unknown. */
export function destinationClass(code: string | null): string | null {
  if (!code) return null;
  return vocabulary('destinazione').file.codes.find((c) => c.code === code)?.class ?? null;
}
