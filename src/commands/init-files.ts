/**
 * The files `mev init` writes: a starting `mev.config.json` and one empty CSV template per entity.
 * The config is an example to edit (JSON has no comments and the config schema is strict, so the
 * explanation of each key is in modelli/LEGGIMI.md): every value in it is the default or a
 * plausible example, and it is valid against schemas/config.ts.
 */
import { ENTITIES, type EntitySpec } from '../../schemas/entities.js';
import type { Config } from '../../schemas/config.js';
import { csvWriter } from '../format/csv.js';

type ConfigInput = Omit<Partial<Config>, 'project' | 'framework'> & {
  project: Partial<Config['project']>;
  framework: { goal_it?: string; goal_en?: string; objectives: unknown[] };
};

export function starterConfig(): ConfigInput {
  return {
    project: {
      name: 'Rete di accoglienza abitativa (esempio: cambia il nome)',
      funder: 'Nome del finanziatore',
      start: '2025-01-01',
      end: '2027-12-31',
    },
    follow_up: { months: 6, window_days: 60 },
    thresholds: { transfer_gap_days: 14, long_stay_months: 24, close_to_target: 0.1 },
    suppression: { cariplo: 5 },
    framework: {
      goal_it: "Accompagnare verso l'autonomia abitativa le persone accolte nella rete",
      goal_en: 'Support the people hosted by the network towards housing autonomy',
      objectives: [
        {
          id: 'OS1',
          label_it: 'Offrire posti abitativi temporanei pienamente utilizzati',
          label_en: 'Provide fully used temporary housing places',
          indicators: [{ id: 'occupancy_rate', baseline: null, target: 0.85, direction: 'higher', horizon: '2027' }],
        },
        {
          id: 'OS2',
          label_it: "Accompagnare le persone accolte verso un'abitazione stabile",
          label_en: 'Support the people hosted towards stable housing',
          indicators: [
            { id: 'positive_exit_rate', baseline: null, target: 0.6, direction: 'higher', horizon: '2027' },
            { id: 'followup_completion_rate', baseline: null, target: 0.7, direction: 'higher', horizon: '2027' },
          ],
        },
      ],
    },
  };
}

export function starterConfigText(): string {
  return `${JSON.stringify(starterConfig(), null, 2)}\n`;
}

/**
 * An empty template: the canonical header in order, as the Excel CSV of mev export writes it
 * (UTF-8 with BOM, `;`, CRLF), so that Excel set to Italian opens it in columns.
 */
export function templateCsv(entity: EntitySpec): string {
  return csvWriter(entity.columns.map((c) => ({ key: c.name, type: 'string' as const })), 'excel-it').header;
}

export function templates(): { entity: EntitySpec; file: string; text: string }[] {
  return ENTITIES.map((entity) => ({ entity, file: `${entity.name}.csv`, text: templateCsv(entity) }));
}
