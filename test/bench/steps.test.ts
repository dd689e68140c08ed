import { describe, expect, it } from 'vitest';
import { displayCommand, fromRoot } from '../../bench/steps.js';

describe('bench/steps', () => {
  it('shows commands with paths from the project root', () => {
    expect(fromRoot('/r/bench/data/1', '/r/')).toBe('bench/data/1');
    expect(fromRoot('/rx/a', '/r')).toBe('/rx/a');
    expect(displayCommand(['/r/dist/cli.js', 'check', '--db', '/r/bench/data/1/run/mev.duckdb'], '/r')).toBe('node dist/cli.js check --db bench/data/1/run/mev.duckdb');
  });
});
