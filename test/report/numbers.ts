/**
 * Reading the sourced numbers of a report (elements with `data-value`) and comparing each with
 * the JSON of `mev indicators --format json` for the same period, as_of and suppression.
 */

export interface SourcedNumber {
  id: string | null;
  group: Record<string, string> | null;
  field: string | null;
  check: string | null;
  value: number | null;
  headline: string | null;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every element that carries `data-value`, with its attributes. */
export function sourcedNumbers(html: string): SourcedNumber[] {
  const out: SourcedNumber[] = [];
  for (const tag of html.matchAll(/<span\b([^>]*)>/g)) {
    const attributes = new Map<string, string>();
    for (const a of tag[1]!.matchAll(/([\w-]+)="([^"]*)"/g)) attributes.set(a[1]!, unescape(a[2]!));
    if (!attributes.has('data-value')) continue;
    const raw = attributes.get('data-value')!;
    out.push({
      id: attributes.get('data-id') ?? null,
      group: attributes.has('data-group') ? (JSON.parse(attributes.get('data-group')!) as Record<string, string>) : null,
      field: attributes.get('data-field') ?? null,
      check: attributes.get('data-check') ?? null,
      value: raw === 'null' ? null : Number(raw),
      headline: attributes.get('data-headline') ?? null,
    });
  }
  return out;
}

interface JsonValue {
  id: string;
  group: Record<string, string>;
  [field: string]: unknown;
}

const key = (id: string, group: Record<string, string>) => `${id}|${JSON.stringify(Object.entries(group).sort())}`;

function fieldOf(v: JsonValue, path: string): unknown {
  let current: unknown = v;
  for (const step of path.split('.')) {
    if (current === null || current === undefined) return null;
    current = Array.isArray(current) ? current[Number(step)] : (current as Record<string, unknown>)[step];
  }
  return current ?? null;
}

/** Mismatches between the report's numbers and the JSON values (empty when all agree). */
export function mismatches(numbers: SourcedNumber[], json: { values: JsonValue[] }): string[] {
  const index = new Map(json.values.map((v) => [key(v.id, v.group), v]));
  const problems: string[] = [];
  for (const n of numbers) {
    if (n.id === null) continue;
    const v = index.get(key(n.id, n.group ?? {}));
    if (!v) {
      problems.push(`${n.id} ${JSON.stringify(n.group)}: not in the JSON`);
      continue;
    }
    // A suppressed value keeps its target (config, not data); every other field is null.
    const expected = v['suppressed'] && n.field !== 'target.value' ? null : fieldOf(v, n.field ?? 'value');
    if (expected !== n.value) problems.push(`${n.id} ${JSON.stringify(n.group)} ${n.field}: report ${n.value}, JSON ${JSON.stringify(expected)}`);
  }
  return problems;
}
