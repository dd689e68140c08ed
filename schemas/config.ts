/**
 * zod schema of the project configuration `mev.config.json`: project, territory, instrument,
 * follow-up window, thresholds and the logical framework (objectives → indicators with baseline,
 * target, direction, horizon). Every field has a default, so an empty `{}` is a valid config.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data ISO attesa (aaaa-mm-gg)');

export const instrumentSchema = z.object({
  name: z.string(),
  label_it: z.string(),
  label_en: z.string(),
  scale: z.object({
    min: z.number(),
    max: z.number(),
    labels_it: z.record(z.string(), z.string()).optional(),
    labels_en: z.record(z.string(), z.string()).optional(),
  }),
  dimensions: z.array(z.object({ code: z.string(), label_it: z.string(), label_en: z.string() })).min(1),
});
export type Instrument = z.infer<typeof instrumentSchema>;

export const factorsSchema = z.object({
  name: z.string(),
  label_it: z.string(),
  label_en: z.string(),
  scale: z.object({ min: z.number(), max: z.number() }),
  bands: z.object({ strength: z.number(), borderline: z.number() }),
  factors: z.array(z.object({ code: z.string(), label_it: z.string(), label_en: z.string(), items: z.array(z.string()).min(1) })).min(1),
});
export type CollaborationFactors = z.infer<typeof factorsSchema>;

export const DIRECTIONS = ['higher', 'lower'] as const;

export const frameworkIndicatorSchema = z.object({
  id: z.string(),
  /** Breakdown the target refers to; {} = the overall value. */
  group: z.record(z.string(), z.string()).default({}),
  baseline: z.number().nullable().default(null),
  target: z.number(),
  direction: z.enum(DIRECTIONS).default('higher'),
  horizon: z.string().optional(),
  label_it: z.string().optional(),
  label_en: z.string().optional(),
});
export type FrameworkIndicator = z.infer<typeof frameworkIndicatorSchema>;

export const frameworkSchema = z.object({
  goal_it: z.string().optional(),
  goal_en: z.string().optional(),
  objectives: z
    .array(
      z.object({
        id: z.string(),
        label_it: z.string(),
        label_en: z.string().optional(),
        indicators: z.array(frameworkIndicatorSchema).default([]),
      }),
    )
    .default([]),
});
export type Framework = z.infer<typeof frameworkSchema>;

export const configSchema = z
  .object({
    project: z
      .object({
        name: z.string().default('Progetto'),
        funder: z.string().optional(),
        start: isoDate.optional(),
        end: isoDate.optional(),
      })
      .prefault({}),
    /** Path of the territory file (ambiti and comuni), relative to the config file. */
    territory: z.string().optional(),
    /** Path of an instrument file, or the instrument inline. Default: the 1–5 autonomy matrix. */
    instrument: z.union([z.string(), instrumentSchema]).optional(),
    collaboration_factors: z.union([z.string(), factorsSchema]).optional(),
    follow_up: z
      .object({
        months: z.number().int().min(1).max(36).default(6),
        window_days: z.number().int().min(0).max(365).default(60),
      })
      .prefault({}),
    thresholds: z
      .object({
        transfer_gap_days: z.number().int().min(0).max(365).default(14),
        long_stay_months: z.number().int().min(1).max(240).default(24),
        close_to_target: z.number().min(0).max(1).default(0.1),
      })
      .prefault({}),
    suppression: z.object({ cariplo: z.number().int().min(0).default(5) }).prefault({}),
    framework: frameworkSchema.prefault({}),
    /** Markdown file with the evaluator's comments, one `## indicator_id` section each. */
    notes: z.string().optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
