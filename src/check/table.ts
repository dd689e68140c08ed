/**
 * The terminal output of `mev check`: a summary table (one line per check, in the fixed order),
 * then one short section per check with findings: its keys (at most MAX_KEYS) and, where the
 * check has them, its details as a small table (at most MAX_ROWS lines).
 */
import { formatDate } from '../format/locale.js';
import { renderTable } from '../format/table.js';
import { CHECKS } from './checks.js';
import type { CheckReport, CheckResult } from './index.js';
import type { CheckSpec, Severity } from './spec.js';

export const MAX_KEYS = 50;
export const MAX_ROWS = 50;
const LINE_WIDTH = 100;

const SEVERITY_IT: Record<Severity, string> = { error: 'errore', warning: 'avviso', info: 'info' };


const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Keys come from user files: no control characters or bidirectional overrides reach the terminal. */
const safe = (text: string) => text.replace(UNSAFE, '\ufffd');

function noun(spec: CheckSpec | undefined, count: number): string {
  if (!spec) return '';
  return spec.noun.it[count === 1 ? 0 : 1];
}

/** Keys as wrapped lines, indented, at most MAX_KEYS of them, then how many more there are. */
function keyLines(keys: string[], count: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const key of keys.slice(0, MAX_KEYS).map(safe)) {
    const next = line ? `${line}, ${key}` : key;
    // Two spaces of indent and a trailing comma around each line.
    if (line && next.length + 3 > LINE_WIDTH) {
      lines.push(`  ${line},`);
      line = key;
    } else {
      line = next;
    }
  }
  if (line) lines.push(`  ${line}`);
  const shown = Math.min(keys.length, MAX_KEYS);
  if (count > shown) lines.push(`  … e altre ${count - shown} chiavi (elenco completo con --format json)`);
  return lines;
}

function section(result: CheckResult, index: number): string | null {
  const spec = CHECKS.find((c) => c.id === result.id);
  const all = spec?.table ? result.details.filter((row) => spec.tableRows?.(row) ?? true) : [];
  // Finding rows may arrive limited to MAX_ROWS (count them from detailsTotal); summaries arrive whole.
  const total = spec?.summary ? all.length : result.detailsTotal;
  const details = all.slice(0, MAX_ROWS);
  if (result.count === 0 && details.length === 0) return null;
  const lines = [`${index + 1}. ${result.label}: ${result.count} ${noun(spec, result.count)} (${result.key})`];
  if (result.count > 0) lines.push(...keyLines(result.keys, result.count));
  if (spec?.table && details.length > 0) {
    const table = renderTable(details, spec.table, { lang: 'it', maxWidth: 48 });
    lines.push('', ...table.split('\n').map((l) => `  ${l}`));
    if (total > details.length) lines.push(`  … e altre ${total - details.length} righe (tutte con --format json)`);
  }
  return lines.join('\n');
}

export function renderCheckTable(report: CheckReport): string {
  const head = report.as_of
    ? `Controlli sulla qualità dei dati (dati al ${formatDate(report.as_of, 'it')})`
    : 'Controlli sulla qualità dei dati (nessun evento nel database)';
  const summary = renderTable(
    report.checks.map((r, i) => ({
      n: `${i + 1}.`,
      controllo: r.label,
      gravita: SEVERITY_IT[r.severity],
      trovati: r.count,
      cosa: noun(CHECKS.find((c) => c.id === r.id), r.count),
    })),
    [
      { key: 'n', label: '', align: 'right' },
      { key: 'controllo', label: 'controllo' },
      { key: 'gravita', label: 'gravità' },
      { key: 'trovati', label: 'trovati', type: 'integer' },
      { key: 'cosa', label: '' },
    ],
    { lang: 'it', maxWidth: 64 },
  );
  const withFindings = report.checks.filter((r) => r.count > 0).length;
  const verdict = withFindings === 0
    ? 'Nessun problema trovato.'
    : `${withFindings} ${withFindings === 1 ? 'controllo' : 'controlli'} su ${report.checks.length} con segnalazioni.`;
  const sections = report.checks.map(section).filter((s): s is string => s !== null);
  return [head, '', summary, '', verdict, ...sections.flatMap((s) => ['', s])].join('\n') + '\n';
}
