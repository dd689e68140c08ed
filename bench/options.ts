/**
 * The options of `npm run bench -- [options]`:
 *
 *   --stays N            stays in the large network (default 1,000,000); the small one has N/10
 *   --seed S             generator seed (default 1)
 *   --only a,b,...       commands to time: baseline, ingest, indicators, check, report, help
 *   --skip-small         time only at N (no N/10 run, so no growth factors)
 *   --repeat K           run each command K times and keep the median time (default 1)
 *   --memory-limit X     set MEV_MEMORY_LIMIT for mev (default: the product's own limit)
 *   --out FILE           results file (default bench/results.json)
 */

export const COMMAND_GROUPS = ['baseline', 'ingest', 'indicators', 'check', 'report', 'help'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export interface BenchArgs {
  stays: number;
  seed: number;
  only: CommandGroup[];
  skipSmall: boolean;
  repeat: number;
  memoryLimit: string | null;
  out: string | null;
}

export const DEFAULT_STAYS = 1_000_000;
export const DEFAULT_SEED = 1;

export const USAGE = 'usage: npm run bench -- [--stays N] [--seed S] [--only baseline,ingest,indicators,check,report,help] '
  + '[--skip-small] [--repeat K] [--memory-limit 2GB] [--out FILE]';

export function defaultArgs(): BenchArgs {
  return { stays: DEFAULT_STAYS, seed: DEFAULT_SEED, only: [...COMMAND_GROUPS], skipSmall: false, repeat: 1, memoryLimit: null, out: null };
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const args = defaultArgs();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value; ${USAGE}`);
      return v;
    };
    const whole = (text: string, min: number): number => {
      // Accept 1000000, 1_000_000 and 1e6: people type all three.
      const n = Number(text.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
      return n;
    };
    switch (flag) {
      case '--stays': args.stays = whole(value(), 10); break;
      case '--seed': args.seed = whole(value(), 0); break;
      case '--repeat': args.repeat = whole(value(), 1); break;
      case '--skip-small': args.skipSmall = true; break;
      case '--memory-limit': args.memoryLimit = value(); break;
      case '--out': args.out = value(); break;
      case '--only': args.only = parseOnly(value()); break;
      case '--help': case '-h': throw new Error(USAGE);
      default: throw new Error(`unknown option ${flag}; ${USAGE}`);
    }
  }
  return args;
}

export function parseOnly(text: string): CommandGroup[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(COMMAND_GROUPS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--only: unknown command ${JSON.stringify(unknown.join(','))}; use some of ${COMMAND_GROUPS.join(', ')}`);
  }
  // Canonical order, whatever order they were typed in.
  return COMMAND_GROUPS.filter((g) => names.includes(g));
}

/** The small network: a tenth of the large one (at least 1 stay). */
export function smallStays(stays: number): number {
  return Math.max(1, Math.round(stays / 10));
}
