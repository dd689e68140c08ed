import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Ambito { code: string; label: string; aliases: string[]; comuni: string[] }
interface Comune { istat: string; label: string; aliases: string[]; ambito: string }
interface Territorio { source: string; ambiti: Ambito[]; comuni: Comune[] }

const territorio = JSON.parse(
  readFileSync(new URL('../../schemas/data/territorio.json', import.meta.url), 'utf8'),
) as Territorio;

/** The matching key of the vocabularies: lowercase, no accents, runs of spaces/hyphens → "_". */
function normalise(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Every key (code, label, aliases) → the entries it names. A key naming two entries would make
 * matching ambiguous; an alias equal to its own label is only redundant, so entries are a Set.
 */
function keyIndex<T>(entries: T[], id: (e: T) => string, keys: (e: T) => string[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const key of keys(entry)) {
      const k = normalise(key);
      index.set(k, (index.get(k) ?? new Set()).add(id(entry)));
    }
  }
  return index;
}

const comuneIndex = keyIndex(territorio.comuni, (c) => c.istat, (c) => [c.istat, c.label, ...c.aliases]);
const ambitoIndex = keyIndex(territorio.ambiti, (a) => a.code, (a) => [a.code, a.label, ...a.aliases]);

function resolveComune(value: string): string[] {
  return [...(comuneIndex.get(normalise(value)) ?? [])];
}

function comuneByLabel(label: string): Comune {
  const found = territorio.comuni.find((c) => c.label === label);
  if (found === undefined) throw new Error(`no comune labelled ${label}`);
  return found;
}

describe('territorio', () => {
  it('says where its codes and memberships come from, and when they were checked', () => {
    expect(territorio.source).toMatch(/ISTAT/);
    expect(territorio.source).toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('lists the 55 comuni of the province with their ISTAT codes 108001–108055', () => {
    // No merger ever happened in the province: 50 comuni of l. 146/2004 (108001–108050) plus
    // the 5 moved from Milan by l. 183/2009 (108051–108055) = 55 consecutive codes.
    const expected = Array.from({ length: 55 }, (_, i) => String(108001 + i));
    const codes = territorio.comuni.map((c) => c.istat);
    expect(codes).toEqual(expected);
    for (const code of codes) expect(code).toMatch(/^108\d{3}$/);
  });

  it('gives known codes to known comuni', () => {
    const code = (label: string): string => comuneByLabel(label).istat;
    expect(code('Monza')).toBe('108033');
    expect(code('Desio')).toBe('108023');
    expect(code('Cesano Maderno')).toBe('108019');
    expect(code('Seveso')).toBe('108040');
    expect(code('Vimercate')).toBe('108050');
    expect(code('Busnago')).toBe('108051');
    expect(code('Lentate sul Seveso')).toBe('108054');
    expect(code('Roncello')).toBe('108055');
  });

  it('has the five ambiti of the province, which together hold all 55 comuni', () => {
    const sizes = Object.fromEntries(territorio.ambiti.map((a) => [a.code, a.comuni.length]));
    // 3 + 7 + 13 + 10 + 22 = 55
    expect(sizes).toEqual({ monza: 3, desio: 7, carate_brianza: 13, seregno: 10, vimercate: 22 });
  });

  it('puts every comune in exactly one ambito, the one its own entry names', () => {
    const ambitoCodes = new Set(territorio.ambiti.map((a) => a.code));
    const listedIn = new Map<string, string[]>();
    for (const ambito of territorio.ambiti) {
      for (const istat of ambito.comuni) listedIn.set(istat, [...(listedIn.get(istat) ?? []), ambito.code]);
    }
    for (const comune of territorio.comuni) {
      expect(ambitoCodes.has(comune.ambito), comune.label).toBe(true);
      expect(listedIn.get(comune.istat), comune.label).toEqual([comune.ambito]);
    }
    // and no ambito lists a code that is not a comune of the file
    expect([...listedIn.keys()].sort()).toEqual(territorio.comuni.map((c) => c.istat));
  });

  it('pins the memberships checked on a source', () => {
    const members = (code: string): string[] =>
      territorio.comuni.filter((c) => c.ambito === code).map((c) => c.label).sort();
    expect(members('monza')).toEqual(['Brugherio', 'Monza', 'Villasanta']);
    expect(members('desio')).toEqual(
      ['Bovisio-Masciago', 'Cesano Maderno', 'Desio', 'Limbiate', 'Muggiò', 'Nova Milanese', 'Varedo'],
    );
    expect(members('carate_brianza')).toEqual([
      'Albiate', 'Besana in Brianza', 'Biassono', 'Briosco', 'Carate Brianza', 'Lissone', 'Macherio',
      'Renate', 'Sovico', 'Triuggio', 'Vedano al Lambro', 'Veduggio con Colzano', 'Verano Brianza',
    ]);
    // Giussano is in the ambito of Seregno, not Carate Brianza (Comune di Seregno, 2022).
    for (const label of ['Barlassina', 'Giussano', 'Lentate sul Seveso', 'Meda', 'Seregno', 'Seveso']) {
      expect(comuneByLabel(label).ambito, label).toBe('seregno');
    }
  });

  it('keeps labels unique after normalisation', () => {
    const comuni = territorio.comuni.map((c) => normalise(c.label));
    const ambiti = territorio.ambiti.map((a) => normalise(a.label));
    expect(new Set(comuni).size).toBe(comuni.length);
    expect(new Set(ambiti).size).toBe(ambiti.length);
  });

  it('lets no code, label or alias name two entries of the same vocabulary', () => {
    for (const index of [comuneIndex, ambitoIndex]) {
      const ambiguous = [...index].filter(([, ids]) => ids.size > 1).map(([key]) => key);
      expect(ambiguous).toEqual([]);
    }
  });

  it('has clean aliases: non-empty, trimmed, not repeated within an entry', () => {
    for (const entry of [...territorio.comuni, ...territorio.ambiti]) {
      for (const alias of entry.aliases) expect(alias).toBe(alias.trim());
      expect(entry.aliases.every((a) => a.length > 0)).toBe(true);
      expect(new Set(entry.aliases).size, entry.label).toBe(entry.aliases.length);
    }
  });

  it('resolves the spellings found in real exports', () => {
    expect(resolveComune('Bovisio Masciago')).toEqual(['108010']);
    expect(resolveComune('BOVISIO-MASCIAGO')).toEqual(['108010']);
    expect(resolveComune('Muggio')).toEqual(['108034']);
    expect(resolveComune("MUGGIO'")).toEqual(['108034']);
    expect(resolveComune('Cornate d’Adda')).toEqual(['108053']);
    expect(resolveComune('Carate')).toEqual(['108015']);
    expect(resolveComune('108033')).toEqual(['108033']);
    expect([...(ambitoIndex.get(normalise('Ambito di Carate')) ?? [])]).toEqual(['carate_brianza']);
  });

  it('leaves out aliases that would be ambiguous outside the province', () => {
    // Cesano Boscone (MI), Vedano Olona (VA), Verano (BZ), Cavenago d'Adda (LO): these short
    // forms stay unknown, to be reported, rather than silently matched to a comune of MB.
    for (const shortForm of ['Cesano', 'Vedano', 'Verano', 'Cavenago', 'Ronco', 'Nova']) {
      expect(resolveComune(shortForm), shortForm).toEqual([]);
    }
  });
});
