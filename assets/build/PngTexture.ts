// Small generated textures, PNG-encoded (pngjs), for the sets' materials.
import { PNG } from 'pngjs';

export interface PngTexture {
  name: string;
  widthPx: number;
  heightPx: number;
  /** The encoded PNG file. */
  png: Uint8Array;
}

/** RGBA pixels, row 0 at the top (as glTF images are), written by `paint(x, y)` → [r, g, b] or [r, g, b, a], 0..255 sRGB. */
export function paintTexture(
  name: string,
  widthPx: number,
  heightPx: number,
  paint: (x: number, y: number) => readonly [number, number, number] | readonly [number, number, number, number],
  options: { alpha?: boolean } = {},
): PngTexture {
  const png = new PNG({ width: widthPx, height: heightPx });
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const c = paint(x, y);
      const i = (y * widthPx + x) * 4;
      png.data[i] = clampByte(c[0]);
      png.data[i + 1] = clampByte(c[1]);
      png.data[i + 2] = clampByte(c[2]);
      png.data[i + 3] = clampByte(c[3] ?? 255);
    }
  }
  // Fixed deflate settings: the bytes only depend on the pixels.
  const bytes = PNG.sync.write(png, { colorType: options.alpha ? 6 : 2, deflateLevel: 9, deflateStrategy: 3 });
  return { name, widthPx, heightPx, png: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}
