import { describe, expect, it } from 'vitest';
import { generatorArgs, rowsFromSummary } from '../../bench/dataset.js';

describe('bench/dataset', () => {
  it('reads rows per file from the generator summary line', () => {
    const line = 'wrote /x/bench/data/1000 in 0.4 s: alloggi.csv 179, ospitalita.csv 1000, rete_2024.csv 47\n';
    expect([...rowsFromSummary(line)]).toEqual([['alloggi.csv', 179], ['ospitalita.csv', 1000], ['rete_2024.csv', 47]]);
  });

  it('asks the generator for the plain shape', () => {
    expect(generatorArgs(1000, 2, 'd')).toEqual(['--stays', '1000', '--seed', '2', '--plain', '--out', 'd']);
  });
});
