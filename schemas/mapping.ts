/** zod schema of a mapping file (`mev ingest --mapping FILE`): other header names and value labels. */
import { z } from 'zod';

export const mappingFileSchema = z
  .object({
    /** Entity of the files read with this mapping (as --as). */
    entity: z.string().optional(),
    /** header as exported → canonical column */
    columns: z.record(z.string(), z.string()).default({}),
    /** canonical column → { label as exported → vocabulary code } */
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  })
  .strict();
export type MappingFile = z.infer<typeof mappingFileSchema>;
