/**
 * Windows-1252, decoded by hand: Node 20's TextDecoder('windows-1252') silently drops the bytes
 * 0x80–0x9F (`€ ’ “ ” – …`) — the very characters that tell this encoding from Latin-1 — and
 * DuckDB's latin-1 reader turns them into control characters. Bytes outside 0x80–0x9F are the
 * same code points as in Latin-1; the five bytes Windows-1252 leaves undefined map to the C1
 * control of the same value, as the WHATWG Encoding Standard does.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const C1 = /[\u0080-\u009f]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(C1, (ch) => String.fromCharCode(HIGH[ch.charCodeAt(0) - 0x80]!));
}

/** The inverse, for tests and templates: characters outside Windows-1252 throw. */
export function encodeWindows1252(text: string): Buffer {
  const reverse = new Map(HIGH.map((cp, i) => [cp, 0x80 + i]));
  return Buffer.from(
    [...text].map((ch) => {
      const cp = ch.codePointAt(0)!;
      const byte = cp >= 0x80 && cp <= 0x9f ? undefined : cp < 0x100 ? cp : reverse.get(cp);
      if (byte === undefined) throw new RangeError(`not encodable in windows-1252: ${ch}`);
      return byte;
    }),
  );
}

/** A decoder with TextDecoder's interface for the encodings mev reads. */
export function decoderFor(encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string } {
  if (encoding === 'windows-1252') return { decode: (bytes) => (bytes ? decodeWindows1252(bytes) : '') };
  return new TextDecoder(encoding);
}
