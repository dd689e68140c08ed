/** The statistics the indicators use: pure functions, no database. */
export { normalTails, pnorm, pnormUpper, qnorm } from './normal.js';
export { wilsonInterval, Z_95 } from './wilson.js';
export { mean, median } from './summary.js';
export {
  DEFAULT_RELATIVE_TOLERANCE,
  psignrank,
  signedRankDistribution,
  wilcoxonPaired,
  wilcoxonSignedRank,
  type PairedOptions,
  type SignedRankOptions,
  type WilcoxonMethod,
  type WilcoxonResult,
} from './wilcoxon.js';
export { kaplanMeier, kmMedian, type SurvivalItem, type SurvivalStep } from './kaplan-meier.js';
