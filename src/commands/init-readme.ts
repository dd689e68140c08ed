/**
 * modelli/LEGGIMI.md, written by `mev init`: for each entity its columns in order, which are
 * required, their type and the values allowed (vocabulary codes with their Italian labels, the
 * dimensions of the instrument, the items of the questionnaire, the districts of the territory),
 * then what each key of mev.config.json means. Generated from schemas/ so it cannot drift from
 * what `mev ingest` accepts.
 */
import { ENTITIES, type ColumnSpec, type EntitySpec } from '../../schemas/entities.js';
import type { Project } from '../config.js';
import { vocabulary } from '../vocabulary.js';

export function templatesReadme(project: Project): string {
  return [
    INTRO,
    ...ENTITIES.map((entity) => entitySection(entity, project)),
    configSection(),
  ].join('\n');
}

const INTRO = `# Modelli CSV per mev

Questa cartella contiene un modello vuoto per ogni tabella che mev sa leggere: la prima riga è
l'intestazione canonica, nell'ordine previsto. I file sono in UTF-8 con BOM e separati da \`;\`, così
Excel impostato in italiano li apre già divisi in colonne: compila una riga per record e salva
come «CSV UTF-8 (delimitato da virgole)» o «CSV (delimitato dal separatore di elenco)».

- Colonne **obbligatorie**: una riga senza uno di questi valori viene scartata (e spiegata in
  \`rejected_rows\` e da \`mev check\`). Le altre colonne possono restare vuote o mancare del tutto.
- Intestazioni: contano le lettere, non maiuscole, accenti, spazi o punteggiatura
  (\`Data Ingresso\` = \`data_ingresso\`); sono accettati anche nomi inglesi usuali. Per altri nomi
  di colonna o altre etichette usa un file di mapping (\`mev ingest --mapping FILE\`).
- Date: \`gg/mm/aaaa\` (anche \`g/m/aaaa\`, \`gg-mm-aaaa\`) o \`aaaa-mm-gg\`. Le date di un evento
  (ingresso, uscita, segnalazione, esito, contatto, valutazione) non possono essere successive al
  giorno del caricamento.
- Numeri: virgola decimale e punto delle migliaia (\`1.234,50\`) o punto decimale (\`1234.50\`).
- Sì/no: \`sì\`, \`si\`, \`no\`, \`vero\`, \`falso\`, \`1\`, \`0\`.
- Vocabolari: scrivi il codice o l'etichetta (maiuscole e accenti non contano). Un valore che non è
  nel vocabolario viene caricato come \`non_classificato\` con il valore originale accanto, e
  segnalato da \`mev check\`.
- **Riservatezza**: non inserire nomi, cognomi, codici fiscali, indirizzi, telefoni, e-mail, IBAN
  né date di nascita (solo l'anno, in \`anno_nascita\`). Le colonne con questi dati vengono
  eliminate al caricamento; un codice fiscale usato come codice_persona o codice_caso viene
  sostituito da un codice cifrato con una chiave tenuta fuori dal database.
- Caricamento: \`mev ingest alloggi.csv ospitalita.csv ...\` (anche più file insieme: i riferimenti
  tra file, per esempio il codice_alloggio di una permanenza, sono controllati su tutti i file della
  chiamata). Un modello lasciato vuoto, con la sola intestazione, viene rifiutato: carica solo i
  modelli compilati.
`;

function entitySection(entity: EntitySpec, project: Project): string {
  const rows = entity.columns.map(
    (column) =>
      `| ${[`\`${column.name}\``, column.required ? '**sì**' : 'no', typeText(column), allowedText(column, entity, project), column.description].map(cell).join(' | ')} |`,
  );
  return [
    `## ${entity.name}.csv — ${entity.label_it}`,
    '',
    `${entity.description} Chiave: ${entity.key.map((k) => `\`${k}\``).join(' + ')} (una seconda riga con la stessa chiave nello stesso file viene scartata; ricaricando un file, le righe con la stessa chiave vengono aggiornate).`,
    '',
    '| colonna | obbligatoria | tipo | valori ammessi | descrizione |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function typeText(column: ColumnSpec): string {
  switch (column.type) {
    case 'code':
      return 'codice (testo)';
    case 'text':
      return 'testo';
    case 'integer':
      return 'numero intero';
    case 'decimal':
      return 'numero decimale';
    case 'score':
      return 'punteggio';
    case 'date':
      return 'data';
    case 'boolean':
      return 'sì/no';
    case 'vocab':
      return `vocabolario \`${column.vocabulary}\``;
    case 'territory':
      return column.territory === 'comune' ? 'comune' : 'ambito territoriale';
    case 'waves':
      return 'elenco di ondate';
  }
}

function allowedText(column: ColumnSpec, entity: EntitySpec, project: Project): string {
  const parts: string[] = [];
  if (column.type === 'vocab' && column.vocabulary) {
    parts.push(
      vocabulary(column.vocabulary)
        .file.codes.map((c) => `\`${c.code}\` (${c.label_it}${c.class ? `; classe ${c.class}` : ''})`)
        .join(', '),
    );
  } else if (entity.name === 'valutazioni' && column.name === 'dimensione') {
    parts.push(`dimensioni dello strumento «${project.instrument.label_it}»: ${project.instrument.dimensions.map((d) => `\`${d.code}\` (${d.label_it})`).join(', ')}`);
  } else if (entity.name === 'collaborazione' && column.name === 'item') {
    parts.push(`codici degli item del questionario «${project.factors.label_it}»: ${project.factors.factors.flatMap((f) => f.items).map((i) => `\`${i}\``).join(', ')}`);
  } else if (column.type === 'territory' && column.territory === 'ambito') {
    parts.push(`${project.territory.ambitoLabels.join(', ')} (dal file del territorio; altri ambiti sono accettati e segnalati)`);
  } else if (column.type === 'territory') {
    parts.push(`nome o codice ISTAT di uno dei ${project.territory.file.comuni.length} comuni del file del territorio (altri comuni sono accettati e segnalati)`);
  } else if (column.type === 'integer' || column.type === 'decimal' || column.type === 'score') {
    const { min, max } = column.type === 'score' ? scoreRange(column, project) : { min: column.min, max: column.max };
    if (min !== undefined && max !== undefined) parts.push(`da ${number(min)} a ${number(max)}`);
    if (column.type === 'decimal') parts.push('es. `1.234,50`');
  } else if (column.type === 'date') {
    parts.push(column.event ? 'es. `31/12/2025`; non dopo il giorno del caricamento' : 'es. `31/12/2025`');
  } else if (column.type === 'boolean') {
    parts.push('`sì`, `no` (anche `vero`/`falso`, `1`/`0`)');
  } else if (column.type === 'waves') {
    parts.push('ondate separate da `|` (es. `2024|2025`); vuoto = tutte le ondate');
  }
  if (column.references) parts.push(`deve esistere in \`${column.references.entity}.${column.references.column}\``);
  if (column.pseudonymise) parts.push('un codice fiscale viene sostituito da un codice cifrato');
  return parts.join('; ') || '—';
}

function scoreRange(column: ColumnSpec, project: Project): { min: number | undefined; max: number | undefined } {
  if (column.scale === 'instrument') return { min: project.instrument.scale.min, max: project.instrument.scale.max };
  if (column.scale === 'collaboration') return { min: project.factors.scale.min, max: project.factors.scale.max };
  return { min: column.min, max: column.max };
}

const number = (n: number) => String(n).replace('.', ',');

/** Text inside a Markdown table cell: a `|` would end the cell, even inside a code span. */
const cell = (text: string) => text.replaceAll('|', '\\|');

function configSection(): string {
  return `## mev.config.json — la configurazione del progetto

\`mev init\` scrive un esempio da modificare (il formato JSON non ammette commenti: le spiegazioni
sono qui). Ogni chiave si può togliere: vale il valore predefinito indicato.

- \`project\`: \`name\` (nome del progetto nei report), \`funder\` (finanziatore), \`start\` e \`end\`
  (inizio e fine del progetto, \`aaaa-mm-gg\`; \`start\` è l'inizio del periodo \`--period progetto\`).
- \`follow_up\`: \`months\` (mesi dopo l'uscita in cui cade il follow-up, predefinito 6) e
  \`window_days\` (giorni di tolleranza prima e dopo quella data per un contatto valido, predefinito 60).
- \`thresholds\`: \`transfer_gap_days\` (giorni entro cui un nuovo ingresso è un trasferimento e non
  un nuovo percorso, predefinito 14), \`long_stay_months\` (permanenze più lunghe segnalate da
  \`mev check\`, predefinito 24), \`close_to_target\` (scarto entro cui un valore è «vicino» al
  target: 0,1 = 10 %).
- \`suppression\`: \`cariplo\` (soglia di oscuramento dei numeri piccoli nel report per il
  finanziatore, predefinita 5).
- \`framework\`: il quadro logico. \`goal_it\` / \`goal_en\` (obiettivo generale) e \`objectives\`:
  ogni obiettivo ha \`id\`, \`label_it\` (ed eventualmente \`label_en\`) e \`indicators\`, ciascuno
  con \`id\` (l'identificativo di un indicatore di mev, es. \`occupancy_rate\`), \`baseline\` (valore
  di partenza o \`null\`), \`target\` (i tassi sono frazioni: 0.85 = 85 %), \`direction\` (\`higher\`
  se più alto è meglio, \`lower\` altrimenti), \`horizon\` (entro quando, es. \`2027\`) e, se il target
  riguarda un sottogruppo, \`group\` (es. \`{"ambito": "Monza"}\`).
- Facoltative: \`territory\` (file JSON con ambiti e comuni, se non sono quelli della provincia di
  Monza e Brianza), \`instrument\` (strumento di valutazione: dimensioni e scala),
  \`collaboration_factors\` (item e fattori del questionario sulla collaborazione), \`notes\` (file
  Markdown con i commenti del valutatore, una sezione \`## id_indicatore\` per indicatore). I percorsi
  dei file sono relativi a mev.config.json.
`;
}
