/**
 * HTML building for reports. Every text that comes from data goes through `escapeHtml`; markup
 * is built with the `html` tag, which escapes each interpolated value unless it is already
 * `Html` (made by `html` itself or by `raw` for trusted markup such as a rendered chart), so a
 * forgotten escape is a type error rather than an injection.
 */

/** Trusted markup: built by `html`, or wrapped with `raw` on purpose. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function raw(markup: string): Html {
  return new Html(markup);
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

function part(value: Part): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  return escapeHtml(value);
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined, null/false dropped. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += part(v) + strings[i + 1]!));
  return new Html(out);
}

/** Joins parts into one Html. */
export function join(parts: readonly Part[], separator = ''): Html {
  return new Html(parts.map(part).filter((p) => p !== '').join(separator));
}

/** An attribute list from an object: `{ 'data-id': 'x', hidden: true }` → ` data-id="x" hidden`. */
export function attrs(values: Record<string, string | number | boolean | null | undefined>): Html {
  let out = '';
  for (const [name, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === false) continue;
    out += v === true ? ` ${name}` : ` ${name}="${escapeHtml(v)}"`;
  }
  return new Html(out);
}
