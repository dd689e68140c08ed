import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureProcess, median, rssMethod, type RssMethod } from '../../bench/measure.js';

const dir = mkdtempSync(join(tmpdir(), 'mev-measure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Touches 300 MB of memory (every page written), prints, and exits with code 3.
const HOG = "const b = Buffer.alloc(300e6, 1); console.log('done', b[299e6]); process.exit(3)";

const spec = (name: string) => ({ args: ['-e', HOG], cwd: dir, env: process.env, stdout: join(dir, `${name}.out`), stderr: join(dir, `${name}.err`) });

describe('bench/measure', () => {
  const methods: RssMethod[] = rssMethod() === 'gnu-time' ? ['gnu-time', 'resource-usage'] : ['resource-usage'];
  for (const method of methods) {
    it(`measures a whole process's wall time, exit code and peak memory (${method})`, async () => {
      const m = await measureProcess(spec(method), method);
      expect(m.exitCode).toBe(3);
      expect(m.seconds).toBeGreaterThan(0);
      // At least the 300 MB written, and not absurdly more (Node itself is well under 200 MB).
      expect(m.peakRssBytes).toBeGreaterThan(300e6);
      expect(m.peakRssBytes).toBeLessThan(600e6);
      expect(readFileSync(join(dir, `${method}.out`), 'utf8')).toBe('done 1\n');
    });
  }

  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5); // (2 + 3) / 2
    expect(median([])).toBeNaN();
  });
});
