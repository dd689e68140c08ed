import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, parseBenchArgs, smallStays } from '../../bench/options.js';

describe('bench/options', () => {
  it('defaults to 1,000,000 stays, seed 1, every command, one run, the product memory limit', () => {
    expect(parseBenchArgs([])).toEqual({
      stays: 1_000_000, seed: 1, only: [...COMMAND_GROUPS], skipSmall: false, repeat: 1, memoryLimit: null, out: null,
    });
  });

  it('reads every option; --only keeps the canonical order', () => {
    const args = parseBenchArgs(['--stays', '100_000', '--seed', '3', '--only', 'help,ingest', '--skip-small', '--repeat', '3', '--memory-limit', '2GB', '--out', 'x.json']);
    expect(args).toEqual({ stays: 100_000, seed: 3, only: ['ingest', 'help'], skipSmall: true, repeat: 3, memoryLimit: '2GB', out: 'x.json' });
    expect(parseBenchArgs(['--stays', '1e6']).stays).toBe(1_000_000);
  });

  it('refuses unknown options, unknown commands, missing values and non-whole numbers', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseBenchArgs(['--only', 'ingest,export'])).toThrow(/unknown command "export"/);
    expect(() => parseBenchArgs(['--stays'])).toThrow(/--stays needs a value/);
    expect(() => parseBenchArgs(['--stays', '--seed', '2'])).toThrow(/--stays needs a value/);
    expect(() => parseBenchArgs(['--stays', '1.5'])).toThrow(/whole number/);
    expect(() => parseBenchArgs(['--repeat', '0'])).toThrow(/≥ 1/);
  });

  it('the small network is a tenth of the large one', () => {
    expect(smallStays(1_000_000)).toBe(100_000);
    expect(smallStays(15)).toBe(2); // 1.5 rounds to 2
  });
});
