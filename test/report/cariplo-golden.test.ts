/**
 * Golden file of the cariplo template on the fixed report dataset (test/report/dataset.ts), with
 * the clock and the version fixed: any change to the rendered funder report shows up as a
 * difference. On a difference the test writes `cariplo-changed.html` beside the expected file;
 * after checking it, regenerate locally with
 * `UPDATE_GOLDEN=1 npx vitest run test/report/cariplo-golden.test.ts` (never in CI).
 */
import { describe, it } from 'vitest';
import { cariplo } from '../../reports/templates/cariplo.js';
import { expectGolden, renderFixed } from './golden-file.js';

describe('cariplo golden', () => {
  it('renders the cariplo report of the fixed dataset exactly as the committed file', async () => {
    expectGolden('cariplo', await renderFixed(cariplo));
  });
});
