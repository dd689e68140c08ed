/** Reads and checks a mapping file; header keys are normalised so any spelling matches. */
import { readFileSync } from 'node:fs';
import { mappingFileSchema } from '../../schemas/mapping.js';
import { UserError } from '../errors.js';
import * as msg from '../messages.js';
import { normaliseName } from '../normalise.js';

export interface Mapping {
  entity?: string;
  /** normalised header → canonical column */
  columns: Map<string, string>;
  /** canonical column → label → code */
  values: Record<string, Record<string, string>>;
}

export function loadMapping(file: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(msg.mappingInvalid(file, (error as Error).message));
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(msg.mappingInvalid(file, `${issue.path.join('.')}: ${issue.message}`));
  }
  const columns = new Map(Object.entries(parsed.data.columns).map(([k, v]) => [normaliseName(k), normaliseName(v)]));
  const mapping: Mapping = { columns, values: parsed.data.values };
  if (parsed.data.entity) mapping.entity = parsed.data.entity;
  return mapping;
}
