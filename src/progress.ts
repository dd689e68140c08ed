/**
 * Progress on stderr for work that takes longer than about a second: one line, rewritten in place,
 * with the phase and the seconds since the command started. Only when stderr is a terminal (never
 * in a pipe, a file or a test's capture), never with --quiet, and cleared when the work ends, so
 * that what stays on the terminal is the command's own summary.
 */

export interface Progress {
  /** The phase now running, for users (Italian), e.g. 'lettura di ospitalita.csv: 1.000.000 righe'. */
  phase(label: string): void;
  /** Stops and clears the line (idempotent). */
  done(): void;
}

export interface ProgressOptions {
  write(text: string): void;
  /** Whether the stream is a terminal: nothing is written otherwise. */
  tty: boolean;
  quiet?: boolean | undefined;
  /** Nothing shows before this many milliseconds (default 1,000). */
  delayMs?: number | undefined;
  /** How often the line is redrawn (default 250 ms). */
  intervalMs?: number | undefined;
  /** Terminal width: the line is cut to fit (default, and when 0, 80). */
  columns?: number | undefined;
  now?: () => number;
}

export const SILENT: Progress = { phase: () => {}, done: () => {} };

const CLEAR = '\r\x1b[2K';

/** Control characters (from file names, say) never reach the terminal. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

export function startProgress(options: ProgressOptions): Progress {
  if (!options.tty || options.quiet) return SILENT;
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 1000;
  // A terminal that does not tell its width (0) gets 80 columns.
  const width = Math.max(20, (options.columns || 80) - 1);
  const started = now();
  let label = '';
  let shown = false;
  let finished = false;
  const draw = () => {
    const elapsed = now() - started;
    if (finished || !label || elapsed < delay) return;
    const line = `mev: ${label} · ${Math.floor(elapsed / 1000)} s`;
    options.write(`${CLEAR}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    shown = true;
  };
  const timer = setInterval(draw, options.intervalMs ?? 250);
  timer.unref();
  return {
    phase(next) {
      label = printable(next);
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      if (shown) options.write(CLEAR);
    },
  };
}

/** What a command needs to know about its stderr to show progress. */
export interface ProgressEffects {
  stderr(text: string): void;
  /** True when stderr is a terminal. */
  stderrTTY?: boolean;
  stderrColumns?: number | undefined;
  /** For tests: show progress after this many milliseconds instead of 1,000. */
  progressDelayMs?: number;
}

/** The progress line of one command run, from its effects and --quiet. */
export function progressFor(effects: ProgressEffects, quiet?: boolean): Progress {
  return startProgress({
    write: (text) => effects.stderr(text),
    tty: effects.stderrTTY === true,
    quiet,
    delayMs: effects.progressDelayMs,
    columns: effects.stderrColumns,
  });
}
