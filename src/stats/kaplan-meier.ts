/**
 * The Kaplan–Meier estimate of a survival curve (here: the chance that a path is still open after
 * t days) and its median as R's survival package prints it.
 *
 * At a time shared by events and censorings, the events come first: whoever is censored at t was
 * still at risk at t (the usual convention, and R's).
 *
 * The median follows `print.survfit` (survival's `survmean`): the first time the curve is at or
 * below 0.5; if it is at 0.5 there (within √ε ≈ 1.5e-8, as R, because a product such as
 * 99/100 × … × 50/51 lands 1e-16 off 0.5) and drops later, the midpoint between that time and the
 * time of the next drop; if it stays at 0.5 to the end, that time itself. (`quantile.survfit`
 * differs only in that last case: it takes the midpoint with the last observed time, censored or
 * not. We report what users of R see printed.)
 */

export interface SurvivalItem {
  /** Follow-up time (e.g. days from entry): to the event, or to censoring. */
  time: number;
  /** true: the event happened at `time`; false: censored at `time` (still open then). */
  event: boolean;
}

export interface SurvivalStep {
  time: number;
  /** At risk just before `time`: items with time ≥ this one. */
  nRisk: number;
  events: number;
  censored: number;
  /** The estimate just after `time`: the product of (1 − events/nRisk) so far. */
  survival: number;
}

/** R's tolerance for "exactly 0.5" (sqrt(.Machine$double.eps), as all.equal uses). */
const HALF_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * One step per distinct time (events or censorings), ascending. Before the first step the
 * curve is 1. Empty input gives an empty curve.
 */
export function kaplanMeier(items: readonly SurvivalItem[]): SurvivalStep[] {
  for (const item of items) {
    if (!Number.isFinite(item.time)) {
      throw new RangeError(`kaplanMeier: times must be finite numbers, got ${item.time}`);
    }
  }
  const sorted = [...items].sort((a, b) => a.time - b.time);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length) {
    const time = sorted[i]!.time;
    let events = 0;
    let censored = 0;
    while (i < sorted.length && sorted[i]!.time === time) {
      if (sorted[i]!.event) events++;
      else censored++;
      i++;
    }
    // (n − d)/n rather than 1 − d/n: exact 0 when everyone at risk has the event.
    if (events > 0) survival *= (atRisk - events) / atRisk;
    steps.push({ time, nRisk: atRisk, events, censored, survival });
    atRisk -= events + censored;
  }
  return steps;
}

/** The median of a Kaplan–Meier curve (see the module comment); null if it never reaches 0.5. */
export function kmMedian(curve: readonly SurvivalStep[]): number | null {
  const first = curve.findIndex((step) => step.survival < 0.5 + HALF_TOLERANCE);
  if (first < 0) return null;
  const reached = curve[first]!;
  if (Math.abs(reached.survival - 0.5) >= HALF_TOLERANCE) return reached.time;
  const nextDrop = curve.slice(first + 1).find((step) => step.survival < reached.survival);
  return nextDrop === undefined ? reached.time : (reached.time + nextDrop.time) / 2;
}
