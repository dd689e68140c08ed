/** `mev indicators`: the catalogue for a period as a table, JSON (§4), Excel CSV or XLSX. */
import { writeFileSync } from 'node:fs';
import type { CliEffects } from '../../cli.js';
import { loadProject, resolveConfigPath } from '../config.js';
import { parseUserDate } from '../dates.js';
import { Database, resolveDbPath } from '../db.js';
import { UserError } from '../errors.js';
import { toCsv } from '../format/csv.js';
import { formatJson } from '../format/json.js';
import { renderTable } from '../format/table.js';
import { writeXlsx } from '../format/xlsx.js';
import { computeCatalogue, selectSpecs, type CatalogueResult } from '../indicators/index.js';
import { formatChange, formatGroup, formatInterval, formatStatus, formatValue } from '../indicators/present.js';
import type { IndicatorValue, Lang } from '../indicators/run.js';
import { BY_FIELDS, type ByField } from '../indicators/spec.js';
import { progressFor } from '../progress.js';

export interface IndicatorsCliOptions {
  db?: string;
  config?: string;
  from?: string;
  to?: string;
  period?: string;
  asOf?: string;
  wave?: string;
  by?: string;
  ids?: string[];
  suppress?: string;
  format: 'table' | 'json' | 'csv' | 'xlsx';
  out?: string;
  lang?: Lang;
  quiet?: boolean;
}

export function parseBy(by: string | undefined): ByField | undefined {
  if (!by) return undefined;
  if (!(BY_FIELDS as readonly string[]).includes(by)) throw new UserError(`--by ${by}: usa uno di ${BY_FIELDS.join(', ')}`);
  return by as ByField;
}

export function parseSuppress(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UserError(`--suppress ${text}: atteso un numero intero (es. 5)`);
  return n;
}

/** The JSON of §4: period, as_of, values with their fields in the contract's order. */
export function catalogueJson(result: CatalogueResult): unknown {
  return {
    period: { from: result.period.from, to: result.period.to },
    as_of: result.as_of,
    values: result.values.map((v) => {
      const out: Record<string, unknown> = {
        id: v.id, group: v.group, value: v.value, numerator: v.numerator, denominator: v.denominator, n: v.n,
        ci95: v.ci95, suppressed: v.suppressed, label: v.label, unit: v.unit,
      };
      if (v.detail !== undefined) out['detail'] = v.detail;
      if (v.target) out['target'] = v.target;
      if (v.previous !== undefined) out['previous'] = v.previous;
      return out;
    }),
  };
}

const COLUMNS = (lang: Lang) => [
  { key: 'indicatore', label: lang === 'it' ? 'indicatore' : 'indicator' },
  { key: 'gruppo', label: lang === 'it' ? 'gruppo' : 'group' },
  { key: 'valore', label: lang === 'it' ? 'valore' : 'value', align: 'right' as const },
  { key: 'n', label: 'n', type: 'integer' as const },
  { key: 'ic95', label: lang === 'it' ? 'IC 95 %' : '95 % CI', align: 'right' as const },
  { key: 'precedente', label: lang === 'it' ? 'periodo prec.' : 'previous', align: 'right' as const },
  { key: 'variazione', label: lang === 'it' ? 'variazione' : 'change', align: 'right' as const },
  { key: 'target', label: 'target', align: 'right' as const },
  { key: 'stato', label: lang === 'it' ? 'stato' : 'status' },
];

function tableRow(v: IndicatorValue, lang: Lang): Record<string, unknown> {
  const hidden = lang === 'it' ? 'oscurato' : 'suppressed';
  return {
    indicatore: v.label,
    gruppo: formatGroup(v.group, lang),
    valore: v.suppressed ? hidden : formatValue(v.value, v.unit, lang),
    n: v.n,
    ic95: formatInterval(v, lang),
    precedente: v.previous ? formatValue(v.previous.value, v.unit, lang) : '',
    variazione: v.previous ? formatChange(v.previous.change, v.unit, lang) : '',
    target: v.target ? formatValue(v.target.value, v.unit, lang) : '',
    stato: formatStatus(v, lang),
  };
}

const FLAT_COLUMNS = [
  { key: 'id', type: 'string' as const }, { key: 'group', type: 'string' as const }, { key: 'label', type: 'string' as const },
  { key: 'unit', type: 'string' as const }, { key: 'value', type: 'number' as const }, { key: 'numerator', type: 'number' as const },
  { key: 'denominator', type: 'number' as const }, { key: 'n', type: 'number' as const }, { key: 'ci95_low', type: 'number' as const },
  { key: 'ci95_high', type: 'number' as const }, { key: 'suppressed', type: 'boolean' as const }, { key: 'previous', type: 'number' as const },
  { key: 'change', type: 'number' as const }, { key: 'target', type: 'number' as const }, { key: 'status', type: 'string' as const },
];

function flatRow(v: IndicatorValue, lang: Lang): Record<string, unknown> {
  return {
    id: v.id, group: formatGroup(v.group, lang), label: v.label, unit: v.unit, value: v.value, numerator: v.numerator,
    denominator: v.denominator, n: v.n, ci95_low: v.ci95?.[0] ?? null, ci95_high: v.ci95?.[1] ?? null, suppressed: v.suppressed,
    previous: v.previous?.value ?? null, change: v.previous?.change ?? null, target: v.target?.value ?? null, status: v.target?.status ?? null,
  };
}

export async function runIndicators(opts: IndicatorsCliOptions, effects: CliEffects): Promise<void> {
  const project = loadProject(resolveConfigPath(opts.config, effects.env, effects.cwd));
  const lang = opts.lang ?? 'it';
  const by = parseBy(opts.by);
  const db = await Database.open(resolveDbPath(opts.db, effects.env), { readOnly: true });
  let result: CatalogueResult;
  const progress = progressFor(effects, opts.quiet);
  try {
    result = await computeCatalogue(db, project, {
      progress,
      period: opts.period,
      from: opts.from ? parseUserDate(opts.from, '--from') : undefined,
      to: opts.to ? parseUserDate(opts.to, '--to') : undefined,
      asOf: opts.asOf ? parseUserDate(opts.asOf, '--as-of') : undefined,
      by, ids: opts.ids, wave: opts.wave, suppress: parseSuppress(opts.suppress), lang,
    });
  } finally {
    progress.done();
    db.close();
  }
  if (opts.format === 'xlsx' && !opts.out) throw new UserError('--format xlsx richiede --out FILE.xlsx');
  const write = (text: string) => (opts.out ? writeFileSync(opts.out, text) : effects.stdout(text));
  switch (opts.format) {
    case 'json':
      write(formatJson(catalogueJson(result)));
      break;
    case 'csv':
      write(toCsv(result.values.map((v) => flatRow(v, lang)), FLAT_COLUMNS, 'excel-it'));
      break;
    case 'xlsx':
      await writeXlsx(opts.out!, [{ name: lang === 'it' ? 'indicatori' : 'indicators', columns: FLAT_COLUMNS, rows: result.values.map((v) => flatRow(v, lang)) }]);
      break;
    default: {
      const head = lang === 'it'
        ? `Periodo ${result.period.from} – ${result.period.to} (dati al ${result.as_of})`
        : `Period ${result.period.from} – ${result.period.to} (data as of ${result.as_of})`;
      const notes = by ? selectSpecs(opts.ids).filter((s) => !s.breakdowns[by]).map((s) => s.id) : [];
      const note = notes.length
        ? `\n${lang === 'it' ? `Solo valore complessivo (disaggregazione per ${by} non prevista)` : `Overall value only (no breakdown by ${by})`}: ${notes.join(', ')}`
        : '';
      write(`${head}\n\n${renderTable(result.values.map((v) => tableRow(v, lang)), COLUMNS(lang), { lang })}\n${note}\n`);
    }
  }
}
