/**
 * A small, fixed network for the report tests (year 2025, data as of 31/12/2025), written as the
 * CSV exports a user would load, with HTML in an organisation name and in a referrer:
 *
 *   units   A1 Monza 2 places, A2 Monza 1, B1 Desio 2 (closes 30/09/2025), B2 Desio 1 (opens 01/03/2025)
 *   stays   C01 P01 A1 01/03/2024–15/02/2025 affitto_autonomo   C02 P02 A1 10/11/2024–30/06/2025 erp
 *           C03 P03 A1 01/03/2025–open                          C04 P04 A2 10/01–20/04/2025 senza_dimora
 *           C05 P05 A2 01/05–10/08/2025 → C06 P05 B2 15/08–01/12/2025 famiglia (a transfer: one path)
 *           C07 P06 B1 01/07/2024–30/09/2025 housing_sociale     C08 P07 B1 01/02–15/03/2025 rientro_maltrattante
 *           C09 P08 B2 05/03–01/07/2025 altra_accoglienza        C10 P09 A2 01/09/2025–open
 *           C11 P01 A1 01/10/2025–open (re-entry after 7 months: a new path)
 *           C12 P10 A2 01/02–20/12/2024 erp (its follow-up falls due in 2025)
 */
import { loadProject, type Project } from '../../src/config.js';
import { Database } from '../../src/db.js';
import { buildBase } from '../../src/indicators/base.js';
import type { ResolvedPeriod } from '../../src/periods.js';
import { csv, mev, testDir, type TestDir } from '../helpers.js';

export const XSS_REFERRER = '<script>alert(1)</script>';
export const XSS_ORG = '<img src=x onerror=alert(1)>';

const ospitalita = csv([
  ['codice_caso', 'codice_persona', 'codice_alloggio', 'posti_occupati', 'data_ingresso', 'data_uscita', 'data_segnalazione', 'ente_inviante', 'target', 'cittadinanza', 'anno_nascita', 'figli', 'destinazione_uscita', 'motivo_uscita', 'reddito_ingresso', 'reddito_uscita'],
  ['C01', 'P01', 'A1', 1, '2024-03-01', '2025-02-15', '2024-02-01', 'Comune di Monza', 'madre_con_figli', 'italiana', 1990, 2, 'affitto_autonomo', 'conclusione_progetto', 400, 900],
  ['C02', 'P02', 'A1', 1, '2024-11-10', '2025-06-30', '2024-10-20', XSS_REFERRER, 'vittima_violenza', 'extra_ue', 1985, 1, 'erp', 'conclusione_progetto', 0, 600],
  ['C03', 'P03', 'A1', 1, '2025-03-01', '', '2025-02-10', XSS_REFERRER, 'vittima_violenza', 'ue', 1999, 0, '', '', '', ''],
  ['C04', 'P04', 'A2', 1, '2025-01-10', '2025-04-20', '2024-12-20', 'Comune di Monza', 'altro', 'italiana', 1970, 0, 'senza_dimora', 'abbandono', '', ''],
  ['C05', 'P05', 'A2', 1, '2025-05-01', '2025-08-10', '2025-04-15', 'Comune di Desio', 'madre_con_figli', 'extra_ue', 1992, 2, 'trasferimento_interno', 'trasferimento', 200, ''],
  ['C06', 'P05', 'B2', 1, '2025-08-15', '2025-12-01', '', '', 'madre_con_figli', 'extra_ue', 1992, 2, 'famiglia', 'conclusione_progetto', '', 500],
  ['C07', 'P06', 'B1', 1, '2024-07-01', '2025-09-30', '2024-06-10', 'CAV Brianza', 'madre_con_figli', 'extra_ue', 1995, 3, 'housing_sociale', 'conclusione_progetto', 300, 700],
  ['C08', 'P07', 'B1', 1, '2025-02-01', '2025-03-15', '2025-01-20', XSS_ORG, 'vittima_violenza', 'italiana', 2001, 1, 'rientro_maltrattante', 'abbandono', '', ''],
  ['C09', 'P08', 'B2', 1, '2025-03-05', '2025-07-01', '2025-02-25', 'Comune di Desio', 'altro', 'ue', 1980, 0, 'altra_accoglienza', 'altro', '', ''],
  ['C10', 'P09', 'A2', 1, '2025-09-01', '', '2025-08-20', 'Comune di Monza', 'vittima_violenza', 'italiana', 1988, 1, '', '', '', ''],
  ['C11', 'P01', 'A1', 1, '2025-10-01', '', '2025-09-15', 'Comune di Monza', 'madre_con_figli', 'italiana', 1990, 2, '', '', '', ''],
  ['C12', 'P10', 'A2', 1, '2024-02-01', '2024-12-20', '2024-01-10', 'CAV Brianza', 'vittima_violenza', 'ue', 1983, 1, 'erp', 'conclusione_progetto', '', ''],
]);

const alloggi = csv([
  ['codice_alloggio', 'ambito', 'comune', 'posti', 'data_apertura', 'data_chiusura'],
  ['A1', 'Monza', 'Monza', 2, '2024-01-01', ''],
  ['A2', 'Monza', 'Monza', 1, '2024-01-01', ''],
  ['B1', 'Desio', 'Desio', 2, '2024-06-01', '2025-09-30'],
  ['B2', 'Desio', 'Desio', 1, '2025-03-01', ''],
]);

const valutazioni = csv([
  ['codice_caso', 'fase', 'data', 'dimensione', 'punteggio'],
  ['C01', 'ingresso', '2024-03-05', 'abitare', 2], ['C01', 'ingresso', '2024-03-05', 'lavoro', 1],
  ['C01', 'uscita', '2025-02-10', 'abitare', 4], ['C01', 'uscita', '2025-02-10', 'lavoro', 3],
  ['C01', 'follow_up', '2025-08-20', 'abitare', 4], ['C01', 'follow_up', '2025-08-20', 'lavoro', 4],
  ['C02', 'ingresso', '2024-11-15', 'abitare', 1], ['C02', 'ingresso', '2024-11-15', 'lavoro', 2],
  ['C02', 'uscita', '2025-06-25', 'abitare', 3], ['C02', 'uscita', '2025-06-25', 'lavoro', 2],
  ['C04', 'ingresso', '2025-01-15', 'abitare', 2], ['C04', 'uscita', '2025-04-18', 'abitare', 1],
  ['C05', 'ingresso', '2025-05-05', 'abitare', 2], ['C05', 'ingresso', '2025-05-05', 'lavoro', 2],
  ['C06', 'uscita', '2025-11-28', 'abitare', 4], ['C06', 'uscita', '2025-11-28', 'lavoro', 3],
  ['C07', 'ingresso', '2024-07-05', 'abitare', 1], ['C07', 'uscita', '2025-09-25', 'abitare', 3],
]);

const followup = csv([
  ['codice_caso', 'data_contatto', 'esito_contatto', 'situazione_abitativa', 'lavoro'],
  ['C01', '2025-08-20', 'raggiunta', 'affitto_autonomo', 'si'],
  ['C04', '2025-10-25', 'non_raggiunta', '', ''],
  ['C08', '2025-09-10', 'raggiunta', 'senza_dimora', 'no'],
  ['C12', '2025-06-25', 'raggiunta', 'erp', 'si'],
]);

const segnalazioni = csv([
  ['codice_segnalazione', 'data_segnalazione', 'esito', 'ente_inviante', 'target', 'ambito', 'data_esito', 'codice_caso'],
  ['S01', '2025-01-05', 'accolta', 'Comune di Monza', 'altro', 'Monza', '2025-01-09', 'C04'],
  ['S02', '2025-01-20', 'accolta', XSS_ORG, 'vittima_violenza', 'Desio', '2025-01-30', 'C08'],
  ['S03', '2025-02-10', 'accolta', 'CAV Brianza', 'vittima_violenza', 'Monza', '2025-02-25', 'C03'],
  ['S04', '2025-03-01', 'non_accolta', 'CAV Brianza', 'altro', 'Desio', '2025-03-10', ''],
  ['S05', '2025-04-15', 'accolta', 'Comune di Desio', 'madre_con_figli', 'Monza', '2025-04-28', 'C05'],
  ['S06', '2025-06-01', 'ritirata', 'Comune di Desio', 'altro', 'Desio', '2025-06-10', ''],
  ['S07', '2025-11-20', 'in_attesa', 'Comune di Monza', 'vittima_violenza', 'Monza', '', ''],
  ['S08', '2025-08-20', 'accolta', 'Comune di Monza', 'vittima_violenza', 'Monza', '2025-08-28', 'C10'],
]);

const enti = csv([
  ['codice_ente', 'nome', 'tipo', 'ambito', 'ondate'],
  ['E1', 'Comune di Monza', 'comune', 'Monza', ''],
  ['E2', XSS_ORG, 'associazione', 'Desio', ''],
  ['E3', 'CAV Brianza', 'centro_antiviolenza', 'Monza', ''],
  ['E4', 'Cooperativa Aurora', 'cooperativa', 'Desio', '2025'],
]);

const rete = csv([
  ['ondata', 'ente', 'partner', 'livello', 'fiducia_affidabilita', 'fiducia_missione', 'fiducia_apertura', 'valore_potere', 'valore_coinvolgimento', 'valore_risorse'],
  ['2024', 'E1', 'E2', 2, 3, 3, 3, 2, 2, 2],
  ['2024', 'E2', 'E1', 1, 2, 3, 3, 3, 3, 2],
  ['2024', 'E1', 'E3', 3, 4, 4, 3, 3, 3, 3],
  ['2024', 'E3', 'E1', 2, 3, 3, 3, 3, 2, 2],
  ['2024', 'E2', 'E3', 0, '', '', '', '', '', ''],
  ['2025', 'E1', 'E2', 3, 4, 3, 3, 3, 3, 3],
  ['2025', 'E2', 'E1', 2, 3, 3, 3, 3, 3, 3],
  ['2025', 'E1', 'E3', 3, 4, 4, 4, 3, 4, 3],
  ['2025', 'E3', 'E1', 3, 4, 3, 4, 3, 3, 3],
  ['2025', 'E2', 'E3', 1, 2, 2, 3, 2, 2, 2],
  ['2025', 'E3', 'E2', 1, 3, 2, 2, 2, 2, 2],
  ['2025', 'E4', 'E1', 2, 3, 3, 3, 2, 3, 3],
]);

const collaborazione = csv([
  ['ondata', 'ente', 'item', 'punteggio'],
  ['2024', 'E1', 'amb_1', 4], ['2024', 'E1', 'com_1', 3], ['2024', 'E2', 'amb_1', 3], ['2024', 'E2', 'com_1', 2],
  ['2025', 'E1', 'amb_1', 5], ['2025', 'E1', 'com_1', 4], ['2025', 'E2', 'amb_1', 4], ['2025', 'E2', 'com_1', 3],
  ['2025', 'E3', 'amb_1', 4], ['2025', 'E3', 'com_1', 3],
]);

export const CONFIG = {
  project: { name: 'Rete di prova <b>', funder: 'Fondazione di prova', start: '2024-01-01' },
  notes: 'note.md',
  framework: {
    objectives: [
      {
        id: 'OS1',
        label_it: 'Offerta usata',
        label_en: 'Offer used',
        indicators: [
          { id: 'occupancy_rate', baseline: 0.7, target: 0.85, direction: 'higher' },
          { id: 'positive_exit_rate', baseline: 0.4, target: 0.6, direction: 'higher' },
          { id: 'network_density', group: { wave: '2025' }, baseline: 0.5, target: 0.6, direction: 'higher' },
        ],
      },
    ],
  },
};

export const NOTES = `# Note

## occupancy_rate
L'occupazione è **alta**; vedi <script>alert(2)</script> e [il sito](https://example.org).

## positive_exit_rate
- una uscita verso l'affitto
- una verso l'ERP
`;

export const FILES = { 'alloggi.csv': alloggi, 'ospitalita.csv': ospitalita, 'valutazioni.csv': valutazioni, 'followup.csv': followup, 'segnalazioni.csv': segnalazioni, 'enti.csv': enti, 'rete.csv': rete, 'collaborazione.csv': collaborazione };

export interface ReportFixture extends TestDir {
  config: string;
}

/** The dataset ingested through the CLI into a fresh database in a temp directory. */
export async function reportFixture(): Promise<ReportFixture> {
  const t = testDir({ ...FILES, 'mev.config.json': JSON.stringify(CONFIG, null, 2), 'note.md': NOTES });
  const files = Object.keys(FILES).map((f) => t.path(f));
  const run = await mev(['ingest', ...files, '--db', t.db, '--config', t.path('mev.config.json'), '--quiet']);
  if (run.code !== 0) throw new Error(`ingest failed: ${run.stderr}`);
  return { ...t, config: t.path('mev.config.json') };
}

export async function openReadOnly(path: string): Promise<Database> {
  return Database.open(path, { readOnly: true });
}

/** The dataset read-only with its project and the base relations of a period: where the tests of the report's own queries start. */
export interface ReportBase {
  db: Database;
  project: Project;
  cleanup(): void;
}

export async function reportBase(period: ResolvedPeriod): Promise<ReportBase> {
  const f = await reportFixture();
  const db = await openReadOnly(f.db);
  const project = loadProject(f.config);
  await buildBase(db, period, project);
  return {
    db,
    project,
    cleanup: () => {
      db.close();
      f.cleanup();
    },
  };
}
