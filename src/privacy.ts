/**
 * Direct identifiers: which header names are identifiers (dropped before anything is stored) and
 * which values look like one (codice fiscale, e-mail, phone, IBAN). Patterns are written once
 * and used both in JavaScript and in DuckDB (RE2 syntax: no look-behind, so boundaries are
 * explicit groups).
 */
import { normaliseName } from './normalise.js';

/** Tokens of a normalised header name that make the column an identifier. */
const IDENTIFIER_TOKENS = new Set([
  'nome', 'cognome', 'nominativo', 'indirizzo', 'telefono', 'cellulare', 'tel', 'email', 'mail', 'iban', 'cf',
  'name', 'surname', 'firstname', 'lastname', 'fullname', 'address', 'phone', 'mobile',
]);
/** Multi-token identifier names (normalised). */
const IDENTIFIER_NAMES = [
  'codice_fiscale', 'e_mail', 'cognome_e_nome', 'nome_e_cognome', 'tax_code', 'fiscal_code', 'first_name', 'last_name',
  'full_name', 'data_nascita', 'data_di_nascita', 'date_of_birth', 'birth_date', 'birthdate', 'dob', 'luogo_nascita',
  'luogo_di_nascita', 'place_of_birth', 'numero_documento', 'passaporto', 'passport',
];
const BIRTH_DATE_NAMES = new Set(['data_nascita', 'data_di_nascita', 'date_of_birth', 'birth_date', 'birthdate', 'dob']);

/** True when a header (any spelling) names a direct identifier. */
export function isIdentifierHeader(header: string): boolean {
  const name = normaliseName(header);
  if (!name) return false;
  if (IDENTIFIER_NAMES.some((n) => name === n || name.startsWith(`${n}_`) || name.endsWith(`_${n}`) || name.includes(`_${n}_`))) return true;
  return name.split('_').some((token) => IDENTIFIER_TOKENS.has(token));
}

/** True when a header names a full birth date, which is reduced to the year. */
export function isBirthDateHeader(header: string): boolean {
  return BIRTH_DATE_NAMES.has(normaliseName(header));
}

const B = '(^|[^A-Za-z0-9])';
const E = '([^A-Za-z0-9]|$)';
const ODD = '[0-9LMNPQRSTUVlmnpqrstuv]';
/** Codice fiscale of a person (16 characters, with omocodia letters), case-insensitive. */
const CF = `[A-Za-z]{6}${ODD}{2}[A-Za-z]${ODD}{2}[A-Za-z]${ODD}{3}[A-Za-z]`;
const EMAIL = '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}';
/** Italian phone numbers: optional +39/0039, mobile 3xx xxx xxx(x) or landline 0x… with at least 8 digits. */
const PHONE = '((\\+39|0039)[ ]?)?(3[0-9]{2}[ .-]?[0-9]{3}[ .-]?[0-9]{3,4}|0[0-9]{1,3}[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,4})';
const IBAN = '[Ii][Tt][0-9]{2}[A-Za-z][0-9]{10}[0-9A-Za-z]{12}';

/** One RE2/JS pattern that finds any identifier-shaped substring. */
export const IDENTIFIER_VALUE_PATTERN = `${B}(${CF}|${EMAIL}|${IBAN}|${PHONE})${E}`;
/** Number of the capture group holding the trailing boundary in IDENTIFIER_VALUE_PATTERN. */
const BOUNDARY_GROUP = groupCount(`${B}(${CF}|${EMAIL}|${IBAN}|${PHONE})`) + 1;

function groupCount(pattern: string): number {
  return new RegExp(`${pattern}|`).exec('')!.length - 1;
}

const identifierRegex = new RegExp(IDENTIFIER_VALUE_PATTERN);
const identifierRegexGlobal = new RegExp(`(?<![A-Za-z0-9])(${CF}|${EMAIL}|${IBAN}|${PHONE})(?![A-Za-z0-9])`, 'g');

export function looksLikeIdentifier(value: string): boolean {
  return identifierRegex.test(value);
}

export const REDACTED = '[omesso]';

export function redactText(value: string): string {
  return value.replace(identifierRegexGlobal, REDACTED);
}

/** DuckDB: does the expression contain an identifier-shaped value? */
export function identifierSql(expression: string): string {
  return `regexp_matches(${expression}, '${IDENTIFIER_VALUE_PATTERN.replaceAll("'", "''")}')`;
}

/** DuckDB: the expression with identifier-shaped substrings replaced by [omesso]. */
export function redactSql(expression: string): string {
  // RE2 has no look-behind: the boundaries are captured and put back. Applied twice, because two
  // identifiers separated by one character share that boundary and the second is missed once.
  const once = (e: string) => `regexp_replace(${e}, '${IDENTIFIER_VALUE_PATTERN}', '\\1${REDACTED}\\${BOUNDARY_GROUP}', 'g')`;
  return once(once(expression));
}
