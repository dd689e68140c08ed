/** The benchmark's printed summary: one row per command and size, then the growth from N/10 to N. */
import type { CommandResult } from './results.js';
import type { Growth } from './verdicts.js';

function grid(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'pass' : 'FAIL');
const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

export function renderCommands(commands: CommandResult[]): string {
  const rows = commands.map((c) => [
    c.id,
    c.stays.toLocaleString('en-US'),
    c.available ? fixed(c.seconds, 3) : 'not available',
    fixed(c.peak_rss_mb, 0),
    c.ratio_to_baseline === null ? '' : `${c.ratio_to_baseline.toFixed(2)}×`,
    c.target ?? '(reference)',
    c.exit_code !== null && c.exit_code !== 0 ? `FAIL (exit ${c.exit_code})` : verdict(c.pass),
  ]);
  return grid(['command', 'N', 'seconds', 'peak RSS MB', 'vs baseline', 'target', 'result'], rows, [false, true, true, true, true, false, false]);
}

export function renderGrowth(growth: Growth[]): string {
  const rows = growth.map((g) => [
    g.id, `${g.from_stays.toLocaleString('en-US')} → ${g.to_stays.toLocaleString('en-US')}`,
    `${fixed(g.seconds_factor, 2)}×`, `${fixed(g.peak_rss_factor, 2)}×`, `≤ ${g.linear}×`, verdict(g.pass),
  ]);
  return grid(['command', 'N', 'time growth', 'RSS growth', 'linear', 'result'], rows, [false, true, true, true, true, false]);
}
