/**
 * Targets of the logical framework (config `framework`): a value meets its target in its
 * direction (`reached`), is within 10 % of it (`close`, configurable), or is `far`.
 */
import type { Project } from '../config.js';
import type { IndicatorValue } from './run.js';
import type { IndicatorSpec } from './spec.js';

export type TargetStatus = 'reached' | 'close' | 'far';

export function targetStatus(value: number | null, target: number, direction: 'higher' | 'lower', closeShare: number): TargetStatus | null {
  if (value === null) return null;
  if (direction === 'higher' ? value >= target : value <= target) return 'reached';
  return Math.abs(value - target) <= closeShare * Math.abs(target) ? 'close' : 'far';
}

const sameGroup = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export function attachTargets(values: IndicatorValue[], project: Project, _specs: IndicatorSpec[]): IndicatorValue[] {
  const targets = project.config.framework.objectives.flatMap((o) => o.indicators);
  const close = project.config.thresholds.close_to_target;
  return values.map((v) => {
    const t = targets.find((t) => t.id === v.id && sameGroup(t.group, v.group));
    if (!t) return v;
    return { ...v, target: { value: t.target, direction: t.direction, status: targetStatus(v.value, t.target, t.direction, close) } };
  });
}
