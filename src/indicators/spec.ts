/**
 * What an indicator file (indicators/<area>/<id>.yaml) must say, checked with zod when loaded.
 * See docs/indicators.md for how to write one.
 */
import { z } from 'zod';

export const AREAS = ['offerta', 'persone', 'ingresso', 'uscita', 'follow_up', 'rete'] as const;
export type Area = (typeof AREAS)[number];

/** How the value comes from the SQL output. */
export const KINDS = [
  'count', // value = numerator
  'proportion', // value = numerator / denominator, counts of units: 95 % Wilson interval
  'ratio', // value = numerator / denominator, no interval (nights, densities, shares of ties)
  'statistic', // value given by the SQL or the compute step (median, mean, score, Kaplan–Meier)
] as const;
export type Kind = (typeof KINDS)[number];

export const UNITS = ['count', 'persons', 'paths', 'requests', 'place_nights', 'places', 'rate', 'ratio', 'days', 'score', 'euro', 'per_place', 'level', 'organisations'] as const;

/** Breakdown fields a user can ask for with --by. */
export const BY_FIELDS = ['ambito', 'comune', 'alloggio', 'target', 'cittadinanza'] as const;
export type ByField = (typeof BY_FIELDS)[number];

/** Intrinsic groups an indicator always gives, with where their full list of values comes from. */
export const INTRINSIC_GROUPS = ['dimension', 'destination', 'destination_class', 'target', 'cittadinanza', 'ente_inviante', 'age_band', 'level', 'wave', 'org', 'factor', 'profile'] as const;

const text = z.object({ it: z.string().min(1), en: z.string().min(1) });

const exampleSchema = z.object({
  given: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  period: z.object({ from: z.string(), to: z.string() }),
  as_of: z.string().optional(),
  by: z.enum(BY_FIELDS).optional(),
  expect: z.array(
    z.object({
      group: z.record(z.string(), z.string()).default({}),
      value: z.number().nullable().optional(),
      numerator: z.number().nullable().optional(),
      denominator: z.number().nullable().optional(),
      n: z.number().nullable().optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ).min(1),
});

export const indicatorSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case inglese'),
    area: z.enum(AREAS),
    order: z.number().int(),
    kind: z.enum(KINDS),
    unit: z.enum(UNITS),
    label: text,
    description: text,
    /** One row of the computation, e.g. "one row per path exiting in the period". */
    grain: z.string().min(1),
    numerator: z.string().optional(),
    denominator: z.string().optional(),
    /** --by field → the column of the indicator's rows that carries it. */
    breakdowns: z.partialRecord(z.enum(BY_FIELDS), z.string()).default({}),
    /** Intrinsic group columns the SQL outputs (always given). */
    groups: z.array(z.enum(INTRINSIC_GROUPS)).default([]),
    /** period: computed for [from, end] and the previous period; wave: for every survey wave. */
    basis: z.enum(['period', 'wave']).default('period'),
    /** A named step in src/indicators/compute.ts that turns the SQL rows into values. */
    compute: z.string().optional(),
    /** Direction in which the value improves, for targets and summaries. */
    better: z.enum(['higher', 'lower', 'none']).default('none'),
    sql: z.string().min(1),
    example: exampleSchema,
  })
  .strict();

export type IndicatorSpec = z.infer<typeof indicatorSchema> & { file: string };
export type IndicatorExample = z.infer<typeof exampleSchema>;
