/**
 * A network where suppression must bite, for the funder-report tests (year 2025, data as of
 * 31/12/2025, previous period 2024). Municipalities, unit, case, person and organisation codes are
 * distinctive, so that a test can look for each in every output.
 *
 *   units    U-MZ1, U-MZ2 Monza (Brugherio, Villasanta; 4 places each)  U-DS1 Desio (Cesano Maderno, 3)
 *            U-SR1 Seregno (Giussano, 3)  U-CB1, U-CB2 Carate Brianza (Besana in Brianza 3, Verano Brianza 5)
 *
 *   entries  2025: Monza 8, Desio 2 (primary: 1–4), Seregno 6, Carate 5      total 21
 *            2024: Monza 6, Desio 5,            Seregno 3 (small in the previous period), Carate 5
 *   exits    2025: Monza 7, Desio 1 (primary),  Seregno 5, Carate 0 (2024: 2, small)  total 13
 *            positive 12 of 13: positive_exit_rate has one failure (13 − 12 = 1) and is suppressed
 *   persons served 2025: Monza 12, Desio 4 (primary), Seregno 6 (2024: 3), Carate 8
 *   follow-up due 2025: Monza 6, Desio 4, Seregno 5, Carate 1; assessable 12, completed 11 (one
 *            failure), sustained 10 of the 11 completed with a positive destination
 *   requests 2025: Monza 6, Desio 2, Seregno 6, Carate 5
 *   network  wave 2025: 6 organisations, 5 answered (one failure); every organisation rated by
 *            fewer than 5; collaboration factors: ambiente by 5 respondents, comunicazione by 3
 */
import { csv, mev, testDir, type TestDir } from '../helpers.js';

export const UNITS = ['U-MZ1', 'U-MZ2', 'U-DS1', 'U-SR1', 'U-CB1', 'U-CB2'];
export const MUNICIPALITIES = ['Brugherio', 'Villasanta', 'Cesano Maderno', 'Giussano', 'Besana in Brianza', 'Verano Brianza'];
export const ORGANISATIONS = ['Ente Alfa', 'Ente Beta', 'Ente Gamma', 'Ente Delta', 'Ente Epsilon', 'Ente Zeta'];
export const ORGANISATION_CODES = ['E-ALFA', 'E-BETA', 'E-GAMMA', 'E-DELTA', 'E-EPSILON', 'E-ZETA'];
/** Case codes are CASO-<n>, person codes PERS-<n>. */
export const CODE_PATTERN = /\b(?:CASO|PERS)-\d+\b/;

const alloggi = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura', 'data_chiusura', 'ente_gestore'],
  ['U-MZ1', 'Monza', 'Brugherio', 4, '2023-01-01', '', 'Ente Alfa'],
  ['U-MZ2', 'Monza', 'Villasanta', 4, '2023-01-01', '', 'Ente Alfa'],
  ['U-DS1', 'Desio', 'Cesano Maderno', 3, '2023-01-01', '', 'Ente Beta'],
  ['U-SR1', 'Seregno', 'Giussano', 3, '2023-01-01', '', 'Ente Gamma'],
  ['U-CB1', 'Carate Brianza', 'Besana in Brianza', 3, '2023-01-01', '', 'Ente Delta'],
  ['U-CB2', 'Carate Brianza', 'Verano Brianza', 5, '2023-01-01', '', 'Ente Delta'],
]);

/** [unit, entry, exit, destination, reason]: one person, one stay each. */
const STAYS: [string, string, string, string, string][] = [
  // Monza: 6 entries in 2024, 8 in 2025; exits in 2025: m2 m3 m5 m6 m7 m8 m10, all positive
  ['U-MZ1', '2024-01-10', '2024-09-15', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-MZ1', '2024-02-01', '2025-02-20', 'erp', 'conclusione_progetto'],
  ['U-MZ1', '2024-03-05', '2025-03-30', 'famiglia', 'conclusione_progetto'],
  ['U-MZ2', '2024-04-01', '2024-10-20', 'housing_sociale', 'conclusione_progetto'],
  ['U-MZ2', '2024-05-15', '2025-05-10', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-MZ2', '2024-06-01', '2025-06-15', 'erp', 'conclusione_progetto'],
  ['U-MZ1', '2025-01-05', '2025-07-20', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-MZ1', '2025-02-01', '2025-09-01', 'erp', 'conclusione_progetto'],
  ['U-MZ2', '2025-03-01', '', '', ''],
  ['U-MZ2', '2025-04-01', '2025-10-15', 'famiglia', 'conclusione_progetto'],
  ['U-MZ1', '2025-05-01', '', '', ''],
  ['U-MZ2', '2025-06-01', '', '', ''],
  ['U-MZ1', '2025-08-01', '', '', ''],
  ['U-MZ2', '2025-09-01', '', '', ''],
  // Desio: 5 entries in 2024, 2 in 2025; one exit in 2025 (d3, to the street: the one negative exit)
  ['U-DS1', '2024-01-15', '2024-07-01', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-DS1', '2024-02-01', '2024-08-10', 'erp', 'conclusione_progetto'],
  ['U-DS1', '2024-03-01', '2025-04-01', 'senza_dimora', 'abbandono'],
  ['U-DS1', '2024-07-15', '2024-12-01', 'famiglia', 'conclusione_progetto'],
  ['U-DS1', '2024-08-20', '', '', ''],
  ['U-DS1', '2025-04-15', '', '', ''],
  ['U-DS1', '2025-06-01', '', '', ''],
  // Seregno: 3 entries in 2024 (all exit in 2024), 6 in 2025 (5 exit in 2025, all positive)
  ['U-SR1', '2024-02-01', '2024-11-30', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-SR1', '2024-03-01', '2024-12-15', 'erp', 'conclusione_progetto'],
  ['U-SR1', '2024-09-01', '2024-12-20', 'housing_sociale', 'conclusione_progetto'],
  ['U-SR1', '2025-01-10', '2025-05-10', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-SR1', '2025-01-20', '2025-06-01', 'erp', 'conclusione_progetto'],
  ['U-SR1', '2025-02-01', '2025-07-01', 'famiglia', 'conclusione_progetto'],
  ['U-SR1', '2025-05-15', '2025-10-01', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-SR1', '2025-06-10', '2025-11-15', 'erp', 'conclusione_progetto'],
  ['U-SR1', '2025-07-05', '', '', ''],
  // Carate Brianza: 5 entries in 2024 (2 exit in 2024), 5 in 2025, no exit in 2025
  ['U-CB1', '2024-01-05', '2024-06-30', 'affitto_autonomo', 'conclusione_progetto'],
  ['U-CB1', '2024-02-01', '2024-10-31', 'erp', 'conclusione_progetto'],
  ['U-CB1', '2024-03-01', '', '', ''],
  ['U-CB1', '2024-07-01', '', '', ''],
  ['U-CB1', '2024-11-01', '', '', ''],
  ['U-CB2', '2025-01-10', '', '', ''],
  ['U-CB2', '2025-02-10', '', '', ''],
  ['U-CB2', '2025-03-10', '', '', ''],
  ['U-CB2', '2025-04-10', '', '', ''],
  ['U-CB2', '2025-05-10', '', '', ''],
];

const code = (prefix: string, i: number) => `${prefix}-${String(i + 1).padStart(3, '0')}`;
const referrer = (i: number) => ORGANISATIONS[i % 4]!;

const ospitalita = csv([
  ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita', 'data_segnalazione', 'ente_inviante', 'target', 'cittadinanza', 'anno_nascita', 'figli', 'destinazione_uscita', 'motivo_uscita'],
  ...STAYS.map(([unit, entry, exit, destination, reason], i) => [code('CASO', i), code('PERS', i), unit, 1, entry, exit, entry, referrer(i), i % 2 ? 'madre_con_figli' : 'vittima_violenza', i % 3 ? 'italiana' : 'extra_ue', 1980 + (i % 15), i % 3, destination, reason]),
]);

/** Follow-up contacts 30 days after the target date (exit + 6 months), within the ±60-day window. */
function contact(exit: string, situation: string, reached = true): [string, string, string] {
  const [y, m, d] = exit.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + 6, Math.min(d, 28)));
  target.setUTCDate(target.getUTCDate() + 30);
  return [target.toISOString().slice(0, 10), reached ? 'raggiunta' : 'non_raggiunta', reached ? situation : ''];
}

/** Follow-ups due in 2025 whose window closed by 31/12/2025 (target ≤ 01/11/2025): all reached but d3; s3 back on the street. */
const FOLLOWED: [number, string, boolean][] = [
  [0, 'affitto_autonomo', true], // m1
  [1, 'erp', true], // m2
  [2, 'famiglia', true], // m3
  [3, 'housing_sociale', true], // m4
  [14, 'affitto_autonomo', true], // d1
  [15, 'erp', true], // d2
  [16, '', false], // d3: not reached
  [17, 'famiglia', true], // d4
  [21, 'affitto_autonomo', true], // s1
  [22, 'erp', true], // s2
  [23, 'senza_dimora', true], // s3: housing not sustained
  [31, 'erp', true], // c2
];

const followup = csv([
  ['codice_caso', 'data_contatto', 'esito_contatto', 'situazione_abitativa', 'lavoro'],
  ...FOLLOWED.map(([i, situation, reached]) => [code('CASO', i), ...contact(STAYS[i]![2], situation, reached), reached ? 'si' : '']),
]);

const REQUESTS: [string, string, string][] = [
  // [ambito, date, outcome]; 2025: Monza 6, Desio 2, Seregno 6, Carate 5; 2024: 5 each
  ...['01-05', '02-10', '03-15', '05-20', '07-25', '09-30'].map((d): [string, string, string] => ['Monza', `2025-${d}`, 'accolta']),
  ['Desio', '2025-04-01', 'accolta'],
  ['Desio', '2025-05-20', 'accolta'],
  ...['01-02', '01-15', '01-28', '05-05', '06-01', '07-01'].map((d): [string, string, string] => ['Seregno', `2025-${d}`, 'accolta']),
  ...['01-03', '02-03', '03-03', '04-03', '05-03'].map((d): [string, string, string] => ['Carate Brianza', `2025-${d}`, d === '05-03' ? 'non_accolta' : 'accolta']),
  ...['Monza', 'Desio', 'Seregno', 'Carate Brianza'].flatMap((a) => ['01-10', '03-10', '05-10', '07-10', '09-10'].map((d): [string, string, string] => [a, `2024-${d}`, 'accolta'])),
];

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const segnalazioni = csv([
  ['codice_segnalazione', 'data_segnalazione', 'esito', 'ente_inviante', 'target', 'ambito', 'data_esito'],
  ...REQUESTS.map(([ambito, date, outcome], i) => [code('SEGN', i), date, outcome, referrer(i), 'vittima_violenza', ambito, addDays(date, 4)]),
]);

const enti = csv([
  ['codice_ente', 'nome', 'tipo', 'ambito', 'ondate'],
  ...ORGANISATION_CODES.map((c, i) => [c, ORGANISATIONS[i]!, 'associazione', 'Monza', '']),
]);

/** Each of the first five rates the next three (cyclically): 15 ratings, 2 or 3 per organisation rated. */
const rete = csv([
  ['ondata', 'ente', 'partner', 'livello', 'fiducia_affidabilita', 'fiducia_missione', 'fiducia_apertura', 'valore_potere', 'valore_coinvolgimento', 'valore_risorse'],
  ...[0, 1, 2, 3, 4].flatMap((i) => [1, 2, 3].map((k) => {
    const j = (i + k) % 6;
    return ['2025', ORGANISATION_CODES[i]!, ORGANISATION_CODES[j]!, 1 + ((i + k) % 4), 2 + (k % 3), 3, 2 + (i % 3), 2, 3, 1 + (k % 4)];
  })),
]);

const collaborazione = csv([
  ['ondata', 'ente', 'item', 'punteggio'],
  ...[0, 1, 2, 3, 4].flatMap((i) => [['2025', ORGANISATION_CODES[i]!, 'amb_1', 3 + (i % 3)], ['2025', ORGANISATION_CODES[i]!, 'amb_2', 2 + (i % 4)]]),
  ...[0, 1, 2].map((i) => ['2025', ORGANISATION_CODES[i]!, 'com_1', 2 + i]),
]);

export const CONFIG = {
  project: { name: 'Rete di prova', funder: 'Fondazione di prova', start: '2024-01-01', end: '2026-12-31' },
  notes: 'note.md',
  framework: {
    goal_it: 'Autonomia abitativa delle donne accolte.',
    goal_en: 'Housing autonomy of the women hosted.',
    objectives: [
      {
        id: 'OS1',
        label_it: 'Offerta usata',
        label_en: 'Offer used',
        indicators: [
          { id: 'occupancy_rate', baseline: 0.6, target: 0.8, direction: 'higher', horizon: '2025-12-31' },
          { id: 'entries', baseline: 15, target: 25, direction: 'higher', horizon: '2025-12-31' },
          { id: 'occupancy_rate', group: { alloggio: 'U-DS1' }, baseline: 0.5, target: 0.9, direction: 'higher', horizon: '2025-12-31' },
        ],
      },
      {
        id: 'OS2',
        label_it: 'Uscite verso l’autonomia',
        label_en: 'Exits towards autonomy',
        indicators: [
          { id: 'positive_exit_rate', baseline: 0.5, target: 0.7, direction: 'higher', horizon: '2025-12-31' },
          { id: 'followup_completion_rate', baseline: 0.5, target: 0.8, direction: 'higher', horizon: '2025-12-31' },
          { id: 'housing_sustained_6m', baseline: 0.6, target: 0.8, direction: 'higher', horizon: '2025-12-31' },
        ],
      },
      {
        id: 'OS3',
        label_it: 'Rete',
        label_en: 'Network',
        indicators: [
          { id: 'survey_response_rate', group: { wave: '2025' }, baseline: 0.5, target: 0.9, direction: 'higher', horizon: '2025-12-31' },
          { id: 'trust_score', group: { wave: '2025' }, baseline: 2, target: 3, direction: 'higher', horizon: '2025-12-31' },
          { id: 'trust_score', group: { wave: '2025', org: 'E-ALFA' }, baseline: 2, target: 3, direction: 'higher', horizon: '2025-12-31' },
        ],
      },
    ],
  },
};

export const NOTES = `# Note

## positive_exit_rate
Quasi tutte le uscite sono verso una casa.

## entries
Gli ingressi crescono.
`;

export const FILES = { 'alloggi.csv': alloggi, 'ospitalita.csv': ospitalita, 'followup.csv': followup, 'segnalazioni.csv': segnalazioni, 'enti.csv': enti, 'rete.csv': rete, 'collaborazione.csv': collaborazione };

export interface DisclosureFixture extends TestDir {
  config: string;
}

/** The dataset ingested through the CLI into a fresh database in a temp directory. */
export async function disclosureFixture(): Promise<DisclosureFixture> {
  const t = testDir({ ...FILES, 'mev.config.json': JSON.stringify(CONFIG, null, 2), 'note.md': NOTES });
  const run = await mev(['ingest', ...Object.keys(FILES).map((f) => t.path(f)), '--db', t.db, '--config', t.path('mev.config.json'), '--quiet']);
  if (run.code !== 0) throw new Error(`ingest failed: ${run.stderr}`);
  return { ...t, config: t.path('mev.config.json') };
}
