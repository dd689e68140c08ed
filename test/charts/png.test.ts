import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dejaVuFontFiles, svgToPng } from '../../src/charts/png.js';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which follows the 8-byte signature and 8 bytes of chunk header. */
function dimensions(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const frame = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" viewBox="0 0 200 50"><rect width="200" height="50" fill="white"/>${body}</svg>`;
const withText = frame('<text x="10" y="30" font-family="&quot;DejaVu Sans&quot;, Arial, sans-serif" font-size="14px" fill="#000">Posti occupati 1.234,5</text>');
const withoutText = frame('');

describe('png', () => {
  it('resolves the bundled DejaVu Sans files', () => {
    const files = dejaVuFontFiles();
    expect(files[0]).toMatch(/dejavu-fonts-ttf[/\\]ttf[/\\]DejaVuSans\.ttf$/);
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('writes a PNG at twice the SVG size by default', () => {
    const png = svgToPng(withText);
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(png.length).toBeGreaterThan(500);
    // 200 × 50 at scale 2 → 400 × 100.
    expect(dimensions(png)).toEqual({ width: 400, height: 100 });
    expect(dimensions(svgToPng(withText, { scale: 1 }))).toEqual({ width: 200, height: 50 });
  });

  it('renders text with the bundled font (no system fonts needed)', () => {
    // Without a usable font resvg drops text silently, and the two images would be identical.
    const a = svgToPng(withText);
    const b = svgToPng(withoutText);
    expect(a.equals(b)).toBe(false);
    expect(a.length).toBeGreaterThan(b.length + 500);
  });

  it('renders a generic sans-serif family with DejaVu Sans too', () => {
    const generic = frame('<text x="10" y="30" font-family="sans-serif" font-size="14px">Posti</text>');
    expect(svgToPng(generic).equals(svgToPng(withoutText))).toBe(false);
  });

  it('rejects a scale that is not a positive number', () => {
    expect(() => svgToPng(withText, { scale: 0 })).toThrow(/positive/);
    expect(() => svgToPng(withText, { scale: Number.NaN })).toThrow(/positive/);
  });
});
