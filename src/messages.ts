/**
 * Every message a user reads on the terminal, as functions, in one place (Italian: the users are
 * Italian evaluators). An error says what failed, what was expected, and an example; it echoes at
 * most 200 characters of input.
 */

export function echo(value: string, max = 200): string {
  const clean = value.replace(/[\r\n\t]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

const list = (items: string[]) => items.map((i) => `«${echo(i, 60)}»`).join(', ');

// Database and config
export const dbMissing = (path: string) => `database ${path} non trovato: crealo con «mev ingest FILE...» o indica --db PERCORSO`;
export const dbLocked = (path: string) => `database ${path} in uso da un altro processo mev: attendi che finisca e riprova`;
export const dbUnreadable = (path: string, detail: string) => `${path} non è un database mev leggibile (${echo(detail, 120)})`;
export const configMissing = (path: string) => `file di configurazione ${path} non trovato`;
export const configInvalid = (path: string, detail: string) => `configurazione ${path} non valida: ${echo(detail)}`;
export const keyMismatch = (keyPath: string) =>
  `la chiave ${keyPath} non è quella usata per questo database (contiene già codici cifrati con un'altra chiave): usa la chiave originale (MEV_KEY_FILE) per non trasformare una persona in due`;
export const keyUnreadable = (keyPath: string, detail: string) => `chiave ${keyPath} non leggibile: ${echo(detail, 120)}`;

// Files
export const fileNotFound = (file: string) => `${file}: file non trovato`;
export const fileIsDirectory = (file: string) => `${file}: è una cartella, non un file CSV`;
export const fileEmpty = (file: string) => `${file}: file vuoto`;
export const fileOnlyHeader = (file: string) => `${file}: contiene solo l'intestazione, nessuna riga di dati`;
export const fileBinary = (file: string, kind: string | null) =>
  `${file}: non è un file di testo${kind ? ` (sembra ${kind})` : ''}: esporta i dati in CSV (es. da Excel: Salva con nome → CSV UTF-8)`;
export const fileNoDelimiter = (file: string) => `${file}: intestazione con una sola colonna: atteso un CSV separato da «;», «,» o tabulazione`;
export const fileUnknownHeader = (file: string, header: string[]) =>
  `${file}: intestazione non riconosciuta (${list(header.slice(0, 8))}${header.length > 8 ? ', …' : ''}): non corrisponde a nessuna entità; indica l'entità con --as oppure le colonne con --mapping`;
export const fileAmbiguous = (file: string, candidates: string[]) =>
  `${file}: l'intestazione può essere di più entità (${candidates.join(', ')}): indica quale con --as ENTITÀ`;
export const fileMissingColumns = (file: string, entity: string, missing: string[]) =>
  `${file}: mancano le colonne obbligatorie di «${entity}»: ${missing.join(', ')} (es. intestazione: ${missing.join(';')};...)`;
export const fileDuplicateColumn = (file: string, column: string, headers: string[]) =>
  `${file}: più colonne corrispondono a «${column}» (${list(headers)}): tienine una o usa --mapping`;
export const fileUnterminatedQuote = (file: string, line: number) =>
  `${file}: virgolette non chiuse alla riga ${line}: il resto del file non è leggibile; correggi la riga e riesporta`;
export const fileUnreadable = (file: string, detail: string) => `${file}: non leggibile come CSV (${echo(detail, 160)})`;
export const unknownEntity = (name: string, known: string[]) => `entità «${echo(name, 40)}» sconosciuta: usa una di ${known.join(', ')}`;
export const mappingInvalid = (file: string, detail: string) => `mapping ${file} non valido: ${echo(detail)} (es. {"columns": {"Cod. Ospite": "codice_persona"}, "values": {"destinazione_uscita": {"Albergo": "altra_accoglienza"}}})`;
export const replaceNotInCall = (entity: string) => `--replace ${entity}: nessun file di «${entity}» in questa chiamata: aggiungi il file completo da sostituire`;
export const strictRejected = (count: number) => `--strict: ${count} righe scartate, nessuna modifica al database`;
export const outOfMemory = (detail: string) => `memoria insufficiente per questa operazione (${echo(detail, 120)}): aumenta MEV_MEMORY_LIMIT (es. MEV_MEMORY_LIMIT=2GB)`;

// Ingest summary
export const summaryLine = (s: { file: string; entity: string; read: number; inserted: number; updated: number; unchanged: number; rejectedRows: number }) =>
  `${s.file} → ${s.entity}: ${s.read} righe lette, ${s.inserted + s.updated + s.unchanged} caricate (${s.inserted} nuove, ${s.updated} aggiornate, ${s.unchanged} invariate), ${s.rejectedRows} scartate`;
export const summaryReason = (line: number, column: string | null, reason: string) => `  riga ${line}${column ? ` [${column}]` : ''}: ${reason}`;
export const summaryMoreReasons = (count: number) => `  … e altri ${count} problemi: vedi la tabella rejected_rows o «mev check»`;
export const droppedIdentifierColumns = (headers: string[]) => `  colonne con dati identificativi eliminate senza salvarle: ${list(headers)}`;
export const ignoredColumns = (headers: string[]) => `  colonne non previste ignorate: ${list(headers)}`;
export const redactedValues = (count: number) => `  ${count} valori con dati identificativi (codice fiscale, e-mail, telefono) oscurati`;
export const hashedCodes = (count: number) => `  ${count} codici con forma di dato identificativo sostituiti da un codice cifrato`;
export const unclassifiedValues = (column: string, values: string[]) => `  ${column}: valori fuori vocabolario caricati come non_classificato: ${list(values.slice(0, 5))}${values.length > 5 ? ', …' : ''}`;
export const replaced = (entity: string, count: number) => `  --replace ${entity}: ${count} righe precedenti sostituite`;
export const danglingAfterReplace = (entity: string, count: number) => `  attenzione: ${count} righe di «${entity}» fanno riferimento a codici non più presenti dopo --replace`;
export const ingestDone = (db: string, files: number) => `database ${db} aggiornato (${files} file)`;

// sql, export, init
const SQL_READ_ONLY = 'il database è aperto in sola lettura: mev sql non può modificare dati né accedere a file';
export const sqlRefused = (kind: string, index: number, count: number) =>
  `istruzione ${kind}${count > 1 ? ` (la ${index}ª di ${count})` : ''} non ammessa: ${SQL_READ_ONLY}; sono ammesse solo interrogazioni (SELECT, WITH, FROM, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN)`;
export const sqlDenied = (detail: string) => `${SQL_READ_ONLY} (${echo(detail, 160)})`;
export const sqlError = (detail: string) => `errore nella query SQL: ${echo(detail)}`;
export const sqlEmpty = () => `nessuna istruzione SQL nella query (es. mev sql "SELECT * FROM alloggi LIMIT 10"; senza query elenca le tabelle)`;
export const sqlRowCount = (rows: string, count: number) => `(${rows} ${count === 1 ? 'riga' : 'righe'})`;
export const sqlTableCut = (shown: string, total: string) => `mostrate le prime ${shown} righe su ${total}: per averle tutte usa --format csv o --format json`;
export const sqlListKindTable = 'tabella';
export const sqlListKindView = 'vista';
export const exportOutNotDirectory = (dir: string) => `--out ${dir}: esiste ed è un file, non una cartella: indica una cartella (viene creata se manca)`;
export const exportCannotWrite = (path: string, detail: string) => `impossibile scrivere ${path}: ${echo(detail, 160)}`;
export const exportWrote = (file: string, rows: string, count: number) => `  ${file}: ${rows} ${count === 1 ? 'riga' : 'righe'}`;
export const exportDone = (dir: string, files: number, format: string) => `esportate ${files} tabelle e viste in ${dir} (formato ${format})`;
export const initConfigExists = (path: string, added: number) =>
  `${path} esiste già e non è stato sovrascritto${added === 1 ? ' (aggiunto 1 modello mancante)' : added > 1 ? ` (aggiunti ${added} modelli mancanti)` : ''}: per ricominciare sposta o rinomina il file, oppure scegli un'altra cartella (mev init CARTELLA)`;
export const initWrote = (path: string) => `  scritto ${path}`;
export const initKept = (path: string) => `  già presente, non modificato: ${path}`;
export const initDone = (dir: string) =>
  `progetto preparato in ${dir}: modifica mev.config.json, compila i modelli in modelli/ (vedi modelli/LEGGIMI.md) e carica quelli compilati con «mev ingest FILE...»`;
export const initNotDirectory = (dir: string) => `${dir}: esiste ed è un file, non una cartella`;

// Progress line (src/progress.ts): the phase now running.
export const progressReading = (file: string) => `lettura e verifica di ${file}`;
export const progressWriting = (file: string, rows: string) => `scrittura di ${file}: ${rows} righe`;
export const progressSaving = () => 'salvataggio del database';
export const progressBase = () => 'relazioni di base (percorsi, follow-up, punteggi)';
export const progressIndicator = (index: number, total: number, id: string) => `indicatore ${index} di ${total}: ${id}`;
export const progressCheck = (index: number, total: number, id: string) => `controllo ${index} di ${total}: ${id}`;
export const progressReportStep = (step: string) => `report: ${step}`;

const delimiterName = (d: string) => (d === '\t' ? 'tabulazione' : d);
/**
 * A header written with one delimiter and data rows with another (a file put together by hand):
 * said as such, rather than "one column" or every row rejected (review: robustness corpus).
 */
export const delimiterMismatch = (file: string, header: string, data: string) =>
  `${file}: l'intestazione è separata da «${delimiterName(header)}» ma le righe di dati da «${delimiterName(data)}»: riesporta il file con un solo separatore`;
