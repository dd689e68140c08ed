/** zod schemas of the vocabulary data files in schemas/vocabularies/ and schemas/data/territorio.json. */
import { z } from 'zod';

export const OUTCOME_CLASSES = ['positiva', 'neutra', 'negativa', 'ignota'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

export const vocabularyFileSchema = z.object({
  name: z.string(),
  description_it: z.string(),
  description_en: z.string(),
  classes: z.array(z.enum(OUTCOME_CLASSES)).optional(),
  codes: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9_]+$/),
        label_it: z.string(),
        label_en: z.string(),
        class: z.enum(OUTCOME_CLASSES).optional(),
        aliases: z.array(z.string()).default([]),
      }),
    )
    .min(1),
});
export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;

export const territoryFileSchema = z.object({
  source: z.string(),
  ambiti: z.array(z.object({ code: z.string(), label: z.string(), aliases: z.array(z.string()).default([]), comuni: z.array(z.string()) })),
  comuni: z.array(z.object({ istat: z.string(), label: z.string(), aliases: z.array(z.string()).default([]), ambito: z.string() })),
});
export type TerritoryFile = z.infer<typeof territoryFileSchema>;
