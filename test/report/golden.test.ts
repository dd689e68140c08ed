/**
 * Golden file of the valutazione template on the fixed report dataset, with the clock and the
 * version fixed: any change to the rendered page shows up as a difference. On a difference the
 * test writes `valutazione-changed.html` beside the expected file; after checking it, regenerate
 * locally with `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts` (never in CI).
 */
import { describe, it } from 'vitest';
import { valutazione } from '../../reports/templates/valutazione.js';
import { expectGolden, renderFixed } from './golden-file.js';

describe('golden', () => {
  it('renders the valutazione report of the fixed dataset exactly as the committed file', async () => {
    expectGolden('valutazione', await renderFixed(valutazione));
  });
});
