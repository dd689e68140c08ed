/**
 * PNG rasterising of chart SVGs (for `--charts DIR`) with resvg. Fonts come from the bundled
 * dejavu-fonts-ttf package, never from the system, so text renders identically on hosts
 * without fonts (CI containers) and matches the SVG's first font choice, "DejaVu Sans".
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export interface PngOptions {
  /** Zoom factor over the SVG's own size; 2 gives about 190 dpi on an A4 page. */
  scale?: number;
}

export const defaultPngScale = 2;

const fontFileNames = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];

let fontFilesCache: string[] | undefined;

/** Absolute paths of the bundled DejaVu Sans faces, resolved through the package itself. */
export function dejaVuFontFiles(): string[] {
  if (!fontFilesCache) {
    const packageJson = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    const dir = join(dirname(packageJson), 'ttf');
    fontFilesCache = fontFileNames.map((name) => join(dir, name));
  }
  return fontFilesCache;
}

export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const scale = options.scale ?? defaultPngScale;
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`PNG scale must be a positive number, got ${scale}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontFiles: dejaVuFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
