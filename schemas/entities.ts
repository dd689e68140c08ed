/**
 * The eight input entities of the contract (§2), as data: canonical columns, types, required,
 * ranges, vocabularies, keys and references. The ingest SQL, the DDL with its COMMENTs, the CSV
 * templates of `mev init` and the zod row schemas are all generated from this one table.
 */
import { z } from 'zod';

export const COLUMN_TYPES = ['code', 'text', 'integer', 'decimal', 'score', 'date', 'boolean', 'vocab', 'territory', 'waves'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const VOCABULARIES = [
  'destinazione', 'target', 'cittadinanza', 'motivo_uscita', 'fase', 'esito_contatto', 'esito_segnalazione', 'tipo_ente',
] as const;
export type VocabularyName = (typeof VOCABULARIES)[number];

const columnSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  type: z.enum(COLUMN_TYPES),
  required: z.boolean().default(false),
  /** Inclusive bounds for numbers; for `score` columns the bounds may come from the config. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Where the bounds of a score come from: the assessment instrument or the survey scales. */
  scale: z.enum(['instrument', 'livello', 'partner_rating', 'collaboration']).optional(),
  vocabulary: z.enum(VOCABULARIES).optional(),
  /** territory columns: which level of the territory file they name. */
  territory: z.enum(['ambito', 'comune']).optional(),
  /** An event date cannot be after the day of the ingest. */
  event: z.boolean().default(false),
  /** A person or case code: a codice fiscale in it is replaced by a keyed hash. */
  pseudonymise: z.boolean().default(false),
  references: z.object({ entity: z.string(), column: z.string() }).optional(),
  /** English (and other) header aliases, matched after normalisation. */
  aliases: z.array(z.string()).default([]),
  description: z.string(),
});

const entitySchema = z.object({
  name: z.string(),
  label_it: z.string(),
  label_en: z.string(),
  description: z.string(),
  key: z.array(z.string()).min(1),
  columns: z.array(columnSchema).min(1),
  /** Row rules beyond single columns (the SQL lives in src/ingest/rules.ts). */
  rules: z.array(z.enum(['exit_after_entry', 'no_self_rating', 'decision_after_request'])).default([]),
});

export type ColumnSpec = z.infer<typeof columnSchema>;
export type EntitySpec = z.infer<typeof entitySchema>;

type ColumnInput = z.input<typeof columnSchema>;
const col = (name: string, type: ColumnType, description: string, extra: Partial<ColumnInput> = {}): ColumnInput => ({
  name, type, description, ...extra,
});
const req = { required: true } as const;

const raw: z.input<typeof entitySchema>[] = [
  {
    name: 'alloggi',
    label_it: 'Alloggi',
    label_en: 'Housing units',
    description: 'Un alloggio della rete e il suo periodo di disponibilità (una riga per apertura).',
    key: ['codice_alloggio', 'data_apertura'],
    columns: [
      col('codice_alloggio', 'code', "Codice dell'alloggio.", { ...req, aliases: ['unit_code', 'unit_id', 'housing_unit', 'codice_unita', 'alloggio', 'id_alloggio'] }),
      col('ambito', 'territory', 'Ambito territoriale (distretto) in cui si trova l’alloggio.', { ...req, territory: 'ambito', aliases: ['district', 'ambito_territoriale', 'distretto'] }),
      col('comune', 'territory', 'Comune in cui si trova l’alloggio.', { ...req, territory: 'comune', aliases: ['municipality', 'town', 'city'] }),
      col('posti', 'integer', 'Posti letto disponibili nell’alloggio.', { ...req, min: 1, max: 100, aliases: ['places', 'beds', 'posti_letto', 'capacity', 'capienza'] }),
      col('data_apertura', 'date', 'Primo giorno in cui l’alloggio è disponibile.', { ...req, aliases: ['opening_date', 'opened', 'data_inizio', 'disponibile_dal'] }),
      col('data_chiusura', 'date', 'Ultimo giorno in cui l’alloggio è disponibile (vuoto = ancora aperto; può essere futura).', { aliases: ['closing_date', 'closed', 'data_fine', 'disponibile_fino_al'] }),
      col('ente_gestore', 'text', 'Ente che gestisce l’alloggio.', { aliases: ['operator', 'managing_organisation', 'managing_organization', 'gestore'] }),
      col('tipologia', 'text', 'Tipologia dell’alloggio (es. bilocale, appartamento condiviso).', { aliases: ['type', 'unit_type', 'tipo_alloggio'] }),
    ],
  },
  {
    name: 'ospitalita',
    label_it: 'Ospitalità',
    label_en: 'Stays',
    description: 'Una permanenza di un nucleo in un alloggio (un trasferimento è una nuova riga con un nuovo codice_caso).',
    key: ['codice_caso'],
    rules: ['exit_after_entry'],
    columns: [
      col('codice_caso', 'code', 'Codice della permanenza (caso). Un codice fiscale è sostituito da un hash con chiave.', { ...req, pseudonymise: true, aliases: ['case_code', 'case_id', 'stay_id', 'id_caso', 'caso'] }),
      col('codice_persona', 'code', 'Codice pseudonimo della persona (la madre/donna accolta). Un codice fiscale è sostituito da un hash con chiave.', { ...req, pseudonymise: true, aliases: ['person_code', 'person_id', 'id_persona', 'codice_ospite', 'id_ospite'] }),
      col('codice_alloggio', 'code', 'Alloggio della permanenza.', { ...req, references: { entity: 'alloggi', column: 'codice_alloggio' }, aliases: ['unit_code', 'unit_id', 'alloggio', 'id_alloggio'] }),
      col('posti_occupati', 'integer', 'Posti occupati dal nucleo (donna e figli accolti).', { ...req, min: 1, max: 100, aliases: ['places_occupied', 'occupied_places', 'posti', 'componenti_accolti'] }),
      col('data_ingresso', 'date', 'Giorno di ingresso nell’alloggio.', { ...req, event: true, aliases: ['entry_date', 'date_in', 'check_in', 'data_entrata', 'data_di_ingresso', 'ingresso'] }),
      col('data_uscita', 'date', 'Giorno di uscita dall’alloggio (vuoto = ancora presente). Il giorno di uscita non è una notte.', { event: true, aliases: ['exit_date', 'date_out', 'check_out', 'data_di_uscita', 'uscita', 'data_dimissione'] }),
      col('data_segnalazione', 'date', 'Giorno della segnalazione che ha portato all’ingresso.', { event: true, aliases: ['referral_date', 'request_date', 'data_invio'] }),
      col('ente_inviante', 'text', 'Ente che ha segnalato il caso.', { aliases: ['referring_agency', 'referrer', 'referred_by', 'inviante', 'servizio_inviante'] }),
      col('target', 'vocab', 'Gruppo destinatario (madre_con_figli, vittima_violenza, altro).', { vocabulary: 'target', aliases: ['target_group', 'tipologia_utenza', 'utenza'] }),
      col('cittadinanza', 'vocab', 'Cittadinanza aggregata (italiana, ue, extra_ue).', { vocabulary: 'cittadinanza', aliases: ['citizenship', 'nationality', 'nazionalita'] }),
      col('anno_nascita', 'integer', 'Anno di nascita (mai la data completa).', { min: 1900, max: 2100, aliases: ['birth_year', 'year_of_birth', 'anno_di_nascita'] }),
      col('figli', 'integer', 'Numero di figli accolti con la madre.', { min: 0, max: 30, aliases: ['children', 'n_children', 'numero_figli', 'figli_accolti', 'minori'] }),
      col('destinazione_uscita', 'vocab', 'Destinazione all’uscita (con classe positiva / neutra / negativa / ignota nel vocabolario).', { vocabulary: 'destinazione', aliases: ['exit_destination', 'destination', 'destinazione', 'esito_abitativo'] }),
      col('motivo_uscita', 'vocab', 'Motivo dell’uscita.', { vocabulary: 'motivo_uscita', aliases: ['exit_reason', 'reason_for_leaving', 'motivo_dimissione'] }),
      col('reddito_ingresso', 'decimal', 'Reddito mensile del nucleo all’ingresso (euro).', { min: 0, max: 1_000_000, aliases: ['income_at_entry', 'entry_income', 'reddito_in_ingresso'] }),
      col('reddito_uscita', 'decimal', 'Reddito mensile del nucleo all’uscita (euro).', { min: 0, max: 1_000_000, aliases: ['income_at_exit', 'exit_income', 'reddito_in_uscita'] }),
    ],
  },
  {
    name: 'valutazioni',
    label_it: 'Valutazioni',
    label_en: 'Assessments',
    description: 'Un punteggio di una dimensione dello strumento di valutazione, in una fase di un caso.',
    key: ['codice_caso', 'fase', 'dimensione'],
    columns: [
      col('codice_caso', 'code', 'Permanenza (caso) valutata.', { ...req, pseudonymise: true, references: { entity: 'ospitalita', column: 'codice_caso' }, aliases: ['case_code', 'case_id', 'id_caso', 'caso'] }),
      col('fase', 'vocab', 'Fase: ingresso, uscita o follow_up.', { ...req, vocabulary: 'fase', aliases: ['phase', 'stage', 'momento'] }),
      col('data', 'date', 'Giorno della valutazione.', { ...req, event: true, aliases: ['date', 'assessment_date', 'data_valutazione'] }),
      col('dimensione', 'code', 'Codice della dimensione dello strumento (mai il testo della domanda).', { ...req, aliases: ['dimension', 'area', 'ambito_valutazione'] }),
      col('punteggio', 'score', 'Punteggio sulla scala dello strumento.', { ...req, scale: 'instrument', aliases: ['score', 'value', 'valore'] }),
    ],
  },
  {
    name: 'followup',
    label_it: 'Follow-up',
    label_en: 'Follow-up contacts',
    description: 'Un contatto dopo l’uscita, per il follow-up a sei mesi.',
    key: ['codice_caso', 'data_contatto'],
    columns: [
      col('codice_caso', 'code', 'Permanenza (caso) a cui si riferisce il contatto.', { ...req, pseudonymise: true, references: { entity: 'ospitalita', column: 'codice_caso' }, aliases: ['case_code', 'case_id', 'id_caso', 'caso'] }),
      col('data_contatto', 'date', 'Giorno del contatto.', { ...req, event: true, aliases: ['contact_date', 'date', 'data'] }),
      col('esito_contatto', 'vocab', 'Esito: raggiunta, non_raggiunta, rifiuto.', { ...req, vocabulary: 'esito_contatto', aliases: ['contact_outcome', 'outcome', 'esito'] }),
      col('situazione_abitativa', 'vocab', 'Situazione abitativa al contatto (stesso vocabolario della destinazione).', { vocabulary: 'destinazione', aliases: ['housing_situation', 'housing', 'situazione_alloggiativa'] }),
      col('lavoro', 'boolean', 'Ha un lavoro al momento del contatto (sì/no).', { aliases: ['employed', 'work', 'employment', 'occupata'] }),
    ],
  },
  {
    name: 'segnalazioni',
    label_it: 'Segnalazioni',
    label_en: 'Requests',
    description: 'Una richiesta di accoglienza (segnalazione) e il suo esito.',
    key: ['codice_segnalazione'],
    rules: ['decision_after_request'],
    columns: [
      col('codice_segnalazione', 'code', 'Codice della segnalazione.', { ...req, pseudonymise: true, aliases: ['request_code', 'request_id', 'referral_id', 'id_segnalazione'] }),
      col('data_segnalazione', 'date', 'Giorno in cui la segnalazione è arrivata.', { ...req, event: true, aliases: ['request_date', 'referral_date', 'data_richiesta'] }),
      col('esito', 'vocab', 'Esito: accolta, non_accolta, in_attesa, ritirata.', { ...req, vocabulary: 'esito_segnalazione', aliases: ['outcome', 'status', 'stato', 'decision'] }),
      col('ente_inviante', 'text', 'Ente che ha segnalato.', { aliases: ['referring_agency', 'referrer', 'inviante', 'servizio_inviante'] }),
      col('target', 'vocab', 'Gruppo destinatario.', { vocabulary: 'target', aliases: ['target_group', 'utenza'] }),
      col('ambito', 'territory', 'Ambito di provenienza della richiesta.', { territory: 'ambito', aliases: ['district', 'ambito_territoriale'] }),
      col('data_esito', 'date', 'Giorno della decisione.', { event: true, aliases: ['decision_date', 'outcome_date', 'data_decisione'] }),
      col('codice_caso', 'code', 'Permanenza nata dalla segnalazione, se accolta.', { pseudonymise: true, references: { entity: 'ospitalita', column: 'codice_caso' }, aliases: ['case_code', 'case_id', 'id_caso'] }),
    ],
  },
  {
    name: 'enti',
    label_it: 'Enti',
    label_en: 'Organisations',
    description: 'Un’organizzazione della rete e le ondate di indagine a cui appartiene.',
    key: ['codice_ente'],
    columns: [
      col('codice_ente', 'code', 'Codice dell’ente.', { ...req, aliases: ['org_code', 'organisation_code', 'organization_code', 'org_id', 'id_ente'] }),
      col('nome', 'text', 'Nome dell’organizzazione (non di una persona).', { ...req, aliases: ['name', 'org_name', 'organisation', 'organization', 'denominazione', 'ragione_sociale'] }),
      col('tipo', 'vocab', 'Tipo di ente.', { vocabulary: 'tipo_ente', aliases: ['type', 'org_type', 'tipologia', 'tipo_ente'] }),
      col('ambito', 'territory', 'Ambito dell’ente.', { territory: 'ambito', aliases: ['district'] }),
      col('ondate', 'waves', 'Ondate di indagine a cui l’ente appartiene (vuoto = tutte).', { aliases: ['waves', 'ondata', 'wave'] }),
    ],
  },
  {
    name: 'rete',
    label_it: 'Rete (questionario partner)',
    label_en: 'Partner survey',
    description: 'Una valutazione di un ente rispondente su un partner, in un’ondata di indagine.',
    key: ['ondata', 'ente', 'partner'],
    rules: ['no_self_rating'],
    columns: [
      col('ondata', 'code', 'Ondata di indagine (es. 2025).', { ...req, aliases: ['wave', 'survey_wave', 'anno'] }),
      col('ente', 'code', 'Ente rispondente.', { ...req, references: { entity: 'enti', column: 'codice_ente' }, aliases: ['org', 'respondent', 'rispondente', 'codice_ente'] }),
      col('partner', 'code', 'Ente valutato.', { ...req, references: { entity: 'enti', column: 'codice_ente' }, aliases: ['partner_org', 'alter', 'ente_partner', 'codice_partner'] }),
      col('livello', 'score', 'Livello di collaborazione: 0 nessuna, 1 networking, 2 cooperazione, 3 coordinamento, 4 coalizione, 5 collaborazione.', { ...req, scale: 'livello', min: 0, max: 5, aliases: ['level', 'collaboration_level', 'livello_collaborazione'] }),
      col('fiducia_affidabilita', 'score', 'Fiducia: affidabilità (1–4).', { scale: 'partner_rating', min: 1, max: 4, aliases: ['trust_reliability', 'reliability'] }),
      col('fiducia_missione', 'score', 'Fiducia: condivisione della missione (1–4).', { scale: 'partner_rating', min: 1, max: 4, aliases: ['trust_mission', 'mission'] }),
      col('fiducia_apertura', 'score', 'Fiducia: apertura al confronto (1–4).', { scale: 'partner_rating', min: 1, max: 4, aliases: ['trust_openness', 'openness'] }),
      col('valore_potere', 'score', 'Valore: potere/influenza (1–4).', { scale: 'partner_rating', min: 1, max: 4, aliases: ['value_power', 'power'] }),
      col('valore_coinvolgimento', 'score', 'Valore: livello di coinvolgimento (1–4).', { scale: 'partner_rating', min: 1, max: 4, aliases: ['value_involvement', 'involvement'] }),
      col('valore_risorse', 'score', 'Valore: risorse apportate (1–4).', { scale: 'partner_rating', min: 1, max: 4, aliases: ['value_resources', 'resources'] }),
    ],
  },
  {
    name: 'collaborazione',
    label_it: 'Fattori di collaborazione',
    label_en: 'Collaboration factors',
    description: 'Una risposta di un ente a un item del questionario sui fattori di collaborazione.',
    key: ['ondata', 'ente', 'item'],
    columns: [
      col('ondata', 'code', 'Ondata di indagine.', { ...req, aliases: ['wave', 'survey_wave', 'anno'] }),
      col('ente', 'code', 'Ente rispondente.', { ...req, references: { entity: 'enti', column: 'codice_ente' }, aliases: ['org', 'respondent', 'rispondente', 'codice_ente'] }),
      col('item', 'code', 'Codice dell’item (raggruppato in fattori dalla configurazione).', { ...req, aliases: ['question', 'domanda', 'codice_item'] }),
      col('punteggio', 'score', 'Punteggio 1–5.', { ...req, scale: 'collaboration', min: 1, max: 5, aliases: ['score', 'value', 'valore'] }),
    ],
  },
];

export const ENTITIES: EntitySpec[] = raw.map((e) => entitySchema.parse(e));
export type EntityName = 'alloggi' | 'ospitalita' | 'valutazioni' | 'followup' | 'segnalazioni' | 'enti' | 'rete' | 'collaborazione';
export const ENTITY_NAMES = ENTITIES.map((e) => e.name) as EntityName[];

export function entity(name: string): EntitySpec {
  const found = ENTITIES.find((e) => e.name === name);
  if (!found) throw new Error(`unknown entity ${name}`);
  return found;
}

/** Entities in the order their references need them (parents first). */
export const LOAD_ORDER: EntityName[] = ['alloggi', 'enti', 'ospitalita', 'valutazioni', 'followup', 'segnalazioni', 'rete', 'collaborazione'];
