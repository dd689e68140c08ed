/**
 * The progress line (src/progress.ts): only on a terminal, only after the delay, never with
 * --quiet, always cleared before the command's own output; and the phases each command names.
 */
import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCLI } from '../../cli.js';
import { startProgress } from '../../src/progress.js';
import { testDir, type CliRun, type TestDir } from '../helpers.js';

const CLEAR = '\r\x1b[2K';

describe('startProgress', () => {
  afterEach(() => vi.useRealTimers());

  function clocked(options: { tty?: boolean; quiet?: boolean; columns?: number } = {}) {
    vi.useFakeTimers();
    let t = 0;
    const out: string[] = [];
    const progress = startProgress({ write: (s) => out.push(s), tty: options.tty ?? true, quiet: options.quiet, columns: options.columns, now: () => t });
    return { progress, out, advance: (ms: number) => ((t += ms), vi.advanceTimersByTime(ms)) };
  }

  it('shows nothing before a second, then the phase and the whole seconds, redrawn in place', () => {
    const { progress, out, advance } = clocked();
    progress.phase('lettura di a.csv');
    advance(750);
    expect(out).toEqual([]);
    advance(250); // 1,000 ms: due
    expect(out.at(-1)).toBe(`${CLEAR}mev: lettura di a.csv · 1 s`);
    progress.phase('scrittura di a.csv: 1.000 righe');
    expect(out.at(-1)).toBe(`${CLEAR}mev: scrittura di a.csv: 1.000 righe · 1 s`);
    advance(1000);
    expect(out.at(-1)).toBe(`${CLEAR}mev: scrittura di a.csv: 1.000 righe · 2 s`);
    progress.done();
    expect(out.at(-1)).toBe(CLEAR);
    const written = out.length;
    advance(5000);
    progress.phase('after done');
    progress.done();
    expect(out.length).toBe(written);
  });

  it('writes nothing at all for work shorter than the delay, not even the clearing', () => {
    const { progress, out, advance } = clocked();
    progress.phase('breve');
    advance(900);
    progress.done();
    expect(out).toEqual([]);
  });

  it('is silent when stderr is not a terminal, and with --quiet', () => {
    for (const options of [{ tty: false }, { quiet: true }]) {
      const { progress, out, advance } = clocked(options);
      progress.phase('lungo');
      advance(10_000);
      progress.done();
      expect(out).toEqual([]);
    }
  });

  it('cuts the line to the terminal width and turns control characters into «?»', () => {
    const { progress, out, advance } = clocked({ columns: 30 });
    advance(2000);
    progress.phase('lettura di \x1b]0;titolo\x07molto-lungo-davvero.csv');
    const line = out.at(-1)!.slice(CLEAR.length);
    expect(line).toHaveLength(29);
    expect(line.endsWith('…')).toBe(true);
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('?]0;titolo?');
    progress.done();
  });
});

describe('progress of the commands on a terminal', () => {
  let t: TestDir;
  const fixtures = readdirSync('fixtures/brianza').filter((f) => f.endsWith('.csv')).map((f) => `fixtures/brianza/${f}`);
  const config = 'fixtures/brianza/mev.config.json';

  /** The CLI with stderr a terminal and no delay, so that every phase is drawn. */
  async function onTerminal(args: string[]): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const cli = createCLI({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {}, cwd: process.cwd(), stderrTTY: true, progressDelayMs: 0 });
    const code = await cli.run(args);
    return { code, stdout, stderr };
  }

  beforeAll(() => {
    t = testDir();
  });
  afterAll(() => t.cleanup());

  it('ingest names each file as it reads it and as it writes it with its rows, then clears the line before the summary', async () => {
    const run = await onTerminal(['ingest', ...fixtures, '--db', t.db, '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${CLEAR}mev: lettura e verifica di ospitalita.csv · `);
    expect(run.stderr).toMatch(/mev: scrittura di ospitalita\.csv: \d+ righe · \d+ s/);
    expect(run.stderr).toContain('mev: salvataggio del database');
    // After the last clearing only the summary, in plain lines.
    const summary = run.stderr.slice(run.stderr.lastIndexOf(CLEAR) + CLEAR.length);
    expect(summary).not.toContain('\x1b');
    expect(summary).not.toContain('mev: lettura');
    expect(summary).toContain('ospitalita.csv');
  });

  it('ingest --quiet draws nothing', async () => {
    const again = testDir();
    try {
      const run = await onTerminal(['ingest', ...fixtures, '--db', again.db, '--config', config, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('\x1b');
    } finally {
      again.cleanup();
    }
  });

  it('indicators names the base relations and each indicator; stdout stays clean JSON', async () => {
    const run = await onTerminal(['indicators', '--db', t.db, '--config', config, '--period', '2025', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('mev: relazioni di base');
    expect(run.stderr).toMatch(/mev: indicatore 1 di (\d+): [a-z_0-9]+ · /);
    const total = Number(/indicatore 1 di (\d+)/.exec(run.stderr)![1]);
    expect(run.stderr).toContain(`indicatore ${total} di ${total}: `);
    expect(run.stderr.endsWith(CLEAR)).toBe(true);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    const quiet = await onTerminal(['indicators', '--db', t.db, '--config', config, '--period', '2025', '--format', 'json', '--quiet']);
    expect(quiet.stderr).toBe('');
  });

  it('check names each check', async () => {
    const run = await onTerminal(['check', '--db', t.db, '--config', config, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/mev: controllo 1 di \d+: /);
    expect(run.stderr.endsWith(CLEAR)).toBe(true);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('report names its steps, the indicators and the checks among them', async () => {
    const run = await onTerminal(['report', '--db', t.db, '--config', config, '--period', '2025', '--out', t.path('r.html')]);
    expect(run.code, run.stderr).toBe(0);
    for (const step of ['report: relazioni di base', 'report: indicatore 1 di', 'report: serie mensili', 'report: controllo 1 di', 'report: grafici e pagina']) {
      expect(run.stderr).toContain(`mev: ${step}`);
    }
    expect(run.stderr.endsWith(CLEAR)).toBe(true);
    expect(run.stdout).not.toContain('\x1b');
  });
});
