/**
 * Step 1 of ingest, in Node and on the first bytes only: is the file text, in which encoding,
 * with which delimiter, which header, which entity; which columns are kept, dropped as
 * identifiers, reduced (birth date → year) or ignored. A file that fails here is a bad file.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { ENTITIES, type ColumnSpec, type EntityName, type EntitySpec } from '../../schemas/entities.js';
import { decoderFor } from '../encoding.js';
import { UserError } from '../errors.js';
import * as msg from '../messages.js';
import { normaliseName } from '../normalise.js';
import { isBirthDateHeader, isIdentifierHeader, redactText } from '../privacy.js';
import type { Mapping } from './mapping.js';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type ColumnRole = 'keep' | 'identifier' | 'birthdate' | 'ignored';

export interface FileColumn {
  index: number;
  header: string;
  role: ColumnRole;
  /** Canonical column name for `keep` (and `anno_nascita` for `birthdate`). */
  canonical: string | null;
}

export interface DetectedFile {
  file: string;
  size: number;
  encoding: Encoding;
  bom: boolean;
  delimiter: string;
  header: string[];
  entity: EntityName;
  columns: FileColumn[];
}

const SAMPLE_BYTES = 256 * 1024;

export function readSample(file: string): { bytes: Buffer; size: number } {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new UserError(msg.fileNotFound(file));
  }
  if (stat.isDirectory()) throw new UserError(msg.fileIsDirectory(file));
  if (stat.size === 0) throw new UserError(msg.fileEmpty(file));
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(Math.min(SAMPLE_BYTES, stat.size));
    const read = readSync(fd, bytes, 0, bytes.length, 0);
    return { bytes: bytes.subarray(0, read), size: stat.size };
  } finally {
    closeSync(fd);
  }
}

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], "un'immagine PNG"],
  [[0xff, 0xd8, 0xff], "un'immagine JPEG"],
  [[0x47, 0x49, 0x46, 0x38], "un'immagine GIF"],
  [[0x25, 0x50, 0x44, 0x46], 'un PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'un file Excel .xlsx o un archivio ZIP'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'un file Excel .xls o Word .doc'],
  [[0x1f, 0x8b], 'un archivio gzip'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'un database SQLite'],
  [[0x44, 0x55, 0x43, 0x4b], 'un database DuckDB'],
];

export function detectEncoding(file: string, bytes: Buffer): { encoding: Encoding; bom: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  for (const [magic, kind] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) throw new UserError(msg.fileBinary(file, kind));
  // DuckDB's own files start with 8 bytes of checksum, then "DUCK".
  if (bytes.subarray(8, 12).toString('latin1') === 'DUCK') throw new UserError(msg.fileBinary(file, 'un database DuckDB'));
  if (bytes.includes(0)) throw new UserError(msg.fileBinary(file, null));
  let controls = 0;
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  if (controls > bytes.length / 100) throw new UserError(msg.fileBinary(file, null));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    // A UTF-8 export with Windows-1252 lines pasted in is read as UTF-8: its UTF-8 lines keep their
    // accents and the others are rejected (invalid_encoding), instead of every UTF-8 line silently
    // turning into mojibake («SocietÃ ») (review: robustness corpus, test/robustness/corpus.test.ts).
    return { encoding: hasUtf8Line(bytes) ? 'utf-8' : 'windows-1252', bom: false };
  }
}

/**
 * True when some line is valid UTF-8 with accented letters or typographic punctuation in it. A
 * Windows-1252 line is almost never such a line: its accented letters are lone bytes, and the rare
 * pairs that happen to be valid UTF-8 (`Ã©`, `È”`) decode to other characters than these.
 */
function hasUtf8Line(bytes: Buffer): boolean {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    start = end + 1;
    if (!line.some((b) => b >= 0x80)) continue;
    try {
      // The sample may end inside a character: stream mode leaves an incomplete tail out.
      const text = new TextDecoder('utf-8', { fatal: true }).decode(line, { stream: end === bytes.length });
      if (/[^\x00-\x7f]/.test(text) && /^[\x00-\x7f\u00a0-\u017f\u2010-\u2027\u20ac\u2122]*$/.test(text)) return true;
    } catch {
      /* not UTF-8: a Windows-1252 line */
    }
  }
  return false;
}

export function decodeSample(bytes: Buffer, encoding: Encoding): string {
  // A sample may end inside a character: stream mode leaves the incomplete tail out.
  return decoderFor(encoding).decode(bytes, { stream: true }).replace(/^\uFEFF/, '');
}

/** Delimiter and header from the first lines, with papaparse. */
export function sniffHeader(file: string, text: string): { delimiter: string; header: string[] } {
  const firstLines = text.split(/\r\n|\n|\r/).slice(0, 50).join('\n');
  const parsed = Papa.parse<string[]>(firstLines, { preview: 50, delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: true });
  const rows = parsed.data.filter((r) => r.some((c) => c.trim() !== ''));
  const header = rows[0];
  if (!header || header.every((h) => h.trim() === '')) throw new UserError(msg.fileEmpty(file));
  const delimiter = parsed.meta.delimiter;
  const dataSplit = rows.length > 1 && rows.slice(1).some((r) => r.length > 1);
  if (header.length < 2 || !dataSplit) {
    const mixed = mismatchedDelimiters(firstLines.split('\n').filter((l) => l.trim() !== ''));
    if (mixed) throw new UserError(msg.delimiterMismatch(file, mixed[0], mixed[1]));
  }
  if (header.length < 2 || ![';', ',', '\t', '|'].includes(delimiter)) throw new UserError(msg.fileNoDelimiter(file));
  return { delimiter, header: header.map((h) => h.trim()) };
}

const DELIMITERS = [';', ',', '\t', '|'];

/** [header delimiter, data delimiter] when the header line and the first data line split only on different ones. */
function mismatchedDelimiters(lines: string[]): [string, string] | null {
  const [head, data] = lines;
  if (head === undefined || data === undefined) return null;
  const fields = (line: string, d: string) => line.split(d).length;
  const best = (line: string) => [...DELIMITERS].sort((a, b) => fields(line, b) - fields(line, a))[0]!;
  const hd = best(head);
  const dd = best(data);
  if (hd === dd || fields(head, hd) < 2 || fields(data, dd) < 2) return null;
  return fields(head, dd) < 2 && fields(data, hd) < 2 ? [hd, dd] : null;
}

/** Canonical column of an entity that a header names (canonical name or alias, after the mapping). */
function canonicalOf(spec: EntitySpec, header: string, mapping: Mapping | undefined): ColumnSpec | undefined {
  const mapped = mapping?.columns.get(normaliseName(header));
  const name = mapped ?? normaliseName(header);
  return spec.columns.find((c) => c.name === name) ?? spec.columns.find((c) => c.aliases.some((a) => normaliseName(a) === name));
}

export function classifyColumns(file: string, spec: EntitySpec, header: string[], mapping: Mapping | undefined): FileColumn[] {
  const columns: FileColumn[] = header.map((h, index) => {
    const canonical = canonicalOf(spec, h, mapping);
    if (canonical) return { index, header: h, role: 'keep', canonical: canonical.name };
    if (isBirthDateHeader(h) && spec.columns.some((c) => c.name === 'anno_nascita')) return { index, header: h, role: 'birthdate', canonical: 'anno_nascita' };
    if (isIdentifierHeader(h)) return { index, header: h, role: 'identifier', canonical: null };
    return { index, header: h, role: 'ignored', canonical: null };
  });
  for (const spec_ of spec.columns) {
    const same = columns.filter((c) => c.role === 'keep' && c.canonical === spec_.name);
    if (same.length > 1) throw new UserError(msg.fileDuplicateColumn(file, spec_.name, same.map((c) => c.header)));
  }
  // A birth date only stands in for the year when the year itself is not there.
  const hasYear = columns.some((c) => c.role === 'keep' && c.canonical === 'anno_nascita');
  const birth = columns.filter((c) => c.role === 'birthdate');
  birth.forEach((c, i) => {
    if (hasYear || i > 0) {
      c.role = 'identifier';
      c.canonical = null;
    }
  });
  return columns;
}

function matchedRequired(spec: EntitySpec, header: string[], mapping: Mapping | undefined): { matched: number; missing: string[]; total: number } {
  const found = new Set(header.map((h) => canonicalOf(spec, h, mapping)?.name).filter(Boolean));
  const required = spec.columns.filter((c) => c.required);
  return { matched: found.size, missing: required.filter((c) => !found.has(c.name)).map((c) => c.name), total: required.length };
}

export function detectEntity(file: string, header: string[], mapping: Mapping | undefined, forced?: string): EntitySpec {
  if (forced) {
    const spec = ENTITIES.find((e) => e.name === normaliseName(forced));
    if (!spec) throw new UserError(msg.unknownEntity(forced, ENTITIES.map((e) => e.name)));
    const { missing } = matchedRequired(spec, header, mapping);
    if (missing.length) throw new UserError(msg.fileMissingColumns(file, spec.name, missing));
    return spec;
  }
  const scored = ENTITIES.map((spec) => ({ spec, ...matchedRequired(spec, header, mapping) }));
  const complete = scored.filter((s) => s.missing.length === 0).sort((a, b) => b.matched - a.matched);
  if (complete.length === 1 || (complete.length > 1 && complete[0]!.matched > complete[1]!.matched)) return complete[0]!.spec;
  if (complete.length > 1) throw new UserError(msg.fileAmbiguous(file, complete.filter((c) => c.matched === complete[0]!.matched).map((c) => c.spec.name)));
  // Nearly an entity: most of its required columns are there; name what is missing.
  const best = [...scored].sort((a, b) => b.total - b.missing.length - (a.total - a.missing.length))[0]!;
  if (best.total - best.missing.length >= Math.max(2, Math.ceil(best.total / 2))) throw new UserError(msg.fileMissingColumns(file, best.spec.name, best.missing));
  // The "header" may be a data row (an export without its header row): its identifiers are not echoed (review: robustness corpus).
  throw new UserError(msg.fileUnknownHeader(file, header.map(redactText)));
}

export function detectFile(file: string, mapping: Mapping | undefined, forced?: string): DetectedFile {
  const { bytes, size } = readSample(file);
  const { encoding, bom } = detectEncoding(file, bytes);
  const text = decodeSample(bytes, encoding);
  if (text.trim() === '') throw new UserError(msg.fileEmpty(file));
  const { delimiter, header } = sniffHeader(file, text);
  const spec = detectEntity(file, header, mapping, forced ?? mapping?.entity);
  const columns = classifyColumns(file, spec, header, mapping);
  return { file, size, encoding, bom, delimiter, header, entity: spec.name as EntityName, columns };
}

