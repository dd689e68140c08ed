/**
 * Validation of chart specs against the official JSON schemas shipped with vega-lite
 * (`vega-lite/vega-lite-schema.json`) and vega (`vega/vega-schema.json`), both draft-07.
 * The schemas are large (1.9 MB for Vega-Lite), so each validator is compiled once, on first use,
 * with the options that compile fastest (refs not inlined, no code optimisation: about 0.6 s
 * instead of 3 s for Vega-Lite). Meant for tests and `--charts` output, not the report hot path.
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

/** At most this many messages: a schema with anyOf branches reports dozens for one mistake. */
export const maxValidationMessages = 5;

const require = createRequire(import.meta.url);
const validators = new Map<'vega-lite' | 'vega', ValidateFunction>();

function validator(kind: 'vega-lite' | 'vega'): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    const schema = require(kind === 'vega-lite' ? 'vega-lite/vega-lite-schema.json' : 'vega/vega-schema.json') as object;
    const ajv = new Ajv({
      strict: false,
      allErrors: false,
      validateFormats: false,
      inlineRefs: false,
      code: { optimize: false },
    });
    validate = ajv.compile(schema);
    validators.set(kind, validate);
  }
  return validate;
}

export function validateVegaLite(spec: unknown): ValidationResult {
  return run(validator('vega-lite'), spec);
}

export function validateVega(spec: unknown): ValidationResult {
  return run(validator('vega'), spec);
}

function run(validate: ValidateFunction, spec: unknown): ValidationResult {
  if (validate(spec)) return { valid: true };
  return { valid: false, errors: summariseErrors(validate.errors ?? []) };
}

/**
 * The deepest paths first (the mistake is usually where the data is most specific: a wrong
 * `type` deep in an encoding, not "must match a schema in anyOf" at the root), combinator
 * summaries dropped when anything more specific exists, duplicates merged, at most
 * maxValidationMessages.
 */
export function summariseErrors(errors: readonly ErrorObject[]): string[] {
  const combinators = new Set(['anyOf', 'oneOf', 'allOf', 'if']);
  const specific = errors.filter((e) => !combinators.has(e.keyword));
  const chosen = (specific.length > 0 ? specific : errors)
    .map((e, order) => ({ e, order, depth: e.instancePath.split('/').length }))
    .sort((a, b) => b.depth - a.depth || a.order - b.order);
  const messages: string[] = [];
  for (const { e } of chosen) {
    const text = describe(e);
    if (!messages.includes(text)) messages.push(text);
    if (messages.length === maxValidationMessages) break;
  }
  return messages;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues.map((v) => JSON.stringify(v));
    detail = `: ${allowed.slice(0, 8).join(', ')}${allowed.length > 8 ? ', …' : ''}`;
  } else if (error.keyword === 'additionalProperties') {
    detail = ` (${JSON.stringify(params.additionalProperty)})`;
  }
  return `${where}: ${error.message ?? error.keyword}${detail}`.slice(0, 300);
}
