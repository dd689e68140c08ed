/**
 * Counting the data marks of a rendered chart, so tests can assert that no chart is empty.
 * Vega's SVG wraps each mark in `<g class="mark-<type> role-<role> ...">`; data marks have role
 * "mark" (axes, legends and titles have role-axis-*, role-legend-*, role-title-*, frames
 * role-frame/role-scope). A shape counts when the nearest enclosing element that carries a
 * role-* class is a role-mark group. Text marks do not count: a chart of labels alone shows no data.
 */

const shapeElements = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image']);

// A start, end or self-closing tag; attribute values are quoted, so ">" inside them is skipped.
const tagPattern = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;

export function countDataMarks(svg: string): number {
  // One entry per open element: the role it carries, or null when it carries none.
  const roles: (string | null)[] = [];
  let count = 0;
  for (const match of svg.matchAll(tagPattern)) {
    const [, closing, name, attributes = '', selfClosing] = match;
    if (closing) {
      roles.pop();
      continue;
    }
    const className = /\sclass\s*=\s*"([^"]*)"/.exec(attributes)?.[1] ?? '';
    const isSideShape = /(^|\s)(background|foreground)(\s|$)/.test(className);
    if (shapeElements.has(name!.toLowerCase()) && !isSideShape && nearestRole(roles) === 'mark') count++;
    if (!selfClosing) roles.push(/(?:^|\s)role-([\w-]+)/.exec(className)?.[1] ?? null);
  }
  return count;
}

function nearestRole(roles: readonly (string | null)[]): string | null {
  for (let i = roles.length - 1; i >= 0; i--) {
    const role = roles[i];
    if (role) return role;
  }
  return null;
}
