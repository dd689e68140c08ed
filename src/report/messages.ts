/** Messages of `mev report` for the terminal (Italian, as every CLI message of mev). */
import { echo } from '../messages.js';

export const reportMessages = {
  unknownTemplate: (name: string, known: string[]) => `--template ${echo(name, 40)}: modello sconosciuto; usa ${known.join(' o ')} (es. --template valutazione)`,
  badLang: (lang: string) => `--lang ${echo(lang, 20)}: usa it o en`,
  notesMissing: (path: string) => `file delle note ${path} non trovato (indicato in "notes" nella configurazione)`,
  outNotHtml: (path: string) => `--out ${echo(path, 120)}: il report è un file HTML, usa un nome che finisce in .html (es. --out report.html)`,
  written: (path: string, charts: number, seconds: number) => `report scritto in ${path} (${charts} grafici, ${seconds.toFixed(1).replace('.', ',')} s)\n`,
  pdfWritten: (path: string) => `PDF (A4) scritto in ${path}\n`,
  chartsWritten: (dir: string, charts: number) => `grafici scritti in ${dir} (${charts} × SVG, PNG e specifica JSON)\n`,
  chartInvalid: (id: string, errors: string[]) => `attenzione: il grafico ${id} non rispetta lo schema di Vega: ${errors.slice(0, 2).join('; ')}\n`,
};
