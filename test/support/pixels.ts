// Pixel statistics of PNG screenshots: is the image blank, how much did it change between two frames.
import { PNG } from 'pngjs';

export interface PixelStats {
  width: number;
  height: number;
  /** Standard deviation of luma over all pixels, 0..255: ~0 means a flat (blank) image. */
  lumaStdDev: number;
  meanRgb: [number, number, number];
}

export function pixelStats(png: Buffer): PixelStats {
  const img = PNG.sync.read(png);
  const n = img.width * img.height;
  let sum = 0;
  let sumSq = 0;
  const rgb: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const r = img.data[i * 4]!, g = img.data[i * 4 + 1]!, b = img.data[i * 4 + 2]!;
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += y;
    sumSq += y * y;
    rgb[0] += r;
    rgb[1] += g;
    rgb[2] += b;
  }
  const mean = sum / n;
  return { width: img.width, height: img.height, lumaStdDev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), meanRgb: rgb.map((c) => c / n) as [number, number, number] };
}

/** Fraction of pixels (0..1) whose RGB differs by more than `threshold` in any channel. */
export function changedFraction(a: Buffer, b: Buffer, threshold = 24): number {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return 1;
  const n = x.width * x.height;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (Math.abs(x.data[o]! - y.data[o]!) > threshold || Math.abs(x.data[o + 1]! - y.data[o + 1]!) > threshold || Math.abs(x.data[o + 2]! - y.data[o + 2]!) > threshold) changed++;
  }
  return changed / n;
}
