/**
 * The evaluator's comments (config `notes`): a Markdown file with one `## indicator_id` section
 * per indicator. Rendered with a deliberately small Markdown subset — paragraphs, `- ` lists,
 * **bold**, *italics* — on escaped text: a note can never inject markup, and a link is shown as
 * its text and address, never as something the page would load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Project } from '../config.js';
import { UserError } from '../errors.js';
import { escapeHtml, raw, type Html } from './html.js';
import { reportMessages } from './messages.js';

/** Sections of a notes text: heading (the indicator id) → Markdown body. */
export function parseNotes(text: string): Map<string, string> {
  const notes = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current !== null) notes.set(current, lines.join('\n').trim());
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1]!.trim();
      lines = [];
    } else if (current !== null) lines.push(line);
  }
  flush();
  return notes;
}

/** The notes of the project (empty when the config names no notes file). */
export function loadNotes(project: Project): Map<string, string> {
  const file = project.config.notes;
  if (!file) return new Map();
  const path = resolve(project.path ? dirname(project.path) : process.cwd(), file);
  if (!existsSync(path)) throw new UserError(reportMessages.notesMissing(path));
  return parseNotes(readFileSync(path, 'utf8'));
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, '$1<em>$2</em>');
}

/** The Markdown subset as HTML. */
export function markdownToHtml(markdown: string): Html {
  const out: string[] = [];
  for (const block of markdown.trim().split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((l) => /^[-*]\s+/.test(l))) {
      out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^[-*]\s+/, ''))}</li>`).join('')}</ul>`);
    } else {
      out.push(`<p>${inline(lines.join(' '))}</p>`);
    }
  }
  return raw(out.join('\n'));
}
