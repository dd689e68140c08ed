/**
 * The report templates, by the name `--template` takes. Each is loaded only when used. Adding a
 * template is adding a module that exports a `ReportTemplate` and a line here.
 */
import type { ReportTemplate } from '../../src/report/index.js';

export const TEMPLATES: Record<string, () => Promise<ReportTemplate>> = {
  valutazione: async () => (await import('./valutazione.js')).valutazione,
  cariplo: async () => (await import('./cariplo.js')).cariplo,
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES);
