/**
 * Every data-quality check of `mev check`, in the order of the contract (§3, "Data quality"):
 * the order of this list is the order of the output, table and JSON alike.
 */
import { missingValues } from './missing.js';
import { acceptedWithoutDate, exitWithoutDestination, followupOutsideWindow, followupOverdue } from './outcomes.js';
import { rejectedRows, surveyRowsRejected, valuesRedacted } from './rows.js';
import type { CheckSpec } from './spec.js';
import { longStay, overCapacity, overlappingStays, stayOutsideAvailability, transferNotFollowed } from './stays.js';
import { unknownTerritory, vocabularyMiss } from './values.js';

export const CHECKS: readonly CheckSpec[] = [
  rejectedRows,
  valuesRedacted,
  vocabularyMiss,
  unknownTerritory,
  missingValues,
  stayOutsideAvailability,
  overCapacity,
  overlappingStays,
  transferNotFollowed,
  followupOutsideWindow,
  longStay,
  exitWithoutDestination,
  acceptedWithoutDate,
  followupOverdue,
  surveyRowsRejected,
];
