// studio-talk-show's painted textures: the studio floor, the night-skyline translight and the screens' show graphic.
import { paintTexture, type PngTexture } from '../PngTexture.ts';
import { Random, ValueNoise } from '../random.ts';

/** Polished dark studio floor: 1 m tiles with fine seams and a faint mottle; 2 m per texture tile. */
export function floorTexture(rng: Random): PngTexture {
  const n = new ValueNoise(rng.int(0, 1e6));
  return paintTexture('studio-floor', 256, 256, (x, y) => {
    const seam = x % 128 === 0 || y % 128 === 0 ? 0.55 : 1;
    const tile = ((x >> 7) + (y >> 7)) % 2 === 0 ? 1 : 0.88;
    const v = 46 * seam * tile * (0.95 + 0.05 * n.fbm(x / 20, y / 20, 2));
    return [v * 0.95, v, v * 1.12];
  });
}

/** The translight: a city at night across the river, under a deep blue sky with a last glow; 1024 × 342 (3:1). */
export function skylineTexture(rng: Random): PngTexture {
  const w = 1024, h = 342;
  const noise = new ValueNoise(rng.int(0, 1e6));
  const waterline = 282;
  // Building silhouettes, back row to front row: far ones shorter and dimmer (haze), a few towers with spires.
  const rows: { left: number; right: number; top: number; lit: number; tone: number; spire: boolean }[] = [];
  for (const [rowTop, spread, count, tone] of [[205, 45, 90, 0.45], [225, 38, 60, 0.7], [248, 22, 40, 1]] as const) {
    let x = -20;
    for (let k = 0; k < count && x < w; k++) {
      const bw = rng.range(10, 34) * (tone === 1 ? 1.4 : 1);
      const tower = rng.chance(0.1);
      const top = rowTop - rng.range(0, spread) - (tower ? rng.range(40, 90) : 0);
      rows.push({ left: x, right: x + bw, top, lit: rng.range(0.1, 0.35), tone, spire: tower && rng.chance(0.5) });
      x += bw + rng.range(-4, 3);
    }
  }
  const hash = (a: number, b: number, c: number) => {
    const v = Math.sin(a * 127.1 + b * 311.7 + c * 74.7) * 43758.5453;
    return v - Math.floor(v);
  };
  const sky = (y: number): [number, number, number] => {
    const t = y / waterline; // 0 top … 1 horizon
    const glow = Math.pow(t, 4);
    return [8 + 110 * glow, 12 + 56 * glow, 40 + 70 * glow];
  };
  const pixel = (x: number, y: number): [number, number, number] => {
    if (y >= waterline) {
      // River: the skyline's lights, smeared by ripples.
      const mirrorY = waterline - 1 - (y - waterline) * 1.6;
      const wobble = Math.round(3 * noise.at(x / 9, y * 0.9));
      const [r, g, b] = pixel(Math.min(w - 1, Math.max(0, x + wobble)), Math.max(0, mirrorY));
      const k = 0.3 * (0.8 + 0.2 * noise.at(x / 4, y));
      return [r * k + 3, g * k + 6, b * k + 14];
    }
    for (let i = rows.length - 1; i >= 0; i--) {
      const b = rows[i]!;
      const mid = (b.left + b.right) / 2;
      if (b.spire && Math.abs(x - mid) < 1 && y >= b.top - 30 && y < b.top) return y < b.top - 28 ? [255, 60, 40] : [30, 34, 48];
      if (x < b.left || x >= b.right || y < b.top) continue;
      // Windows: 1 × 2 px in 2 × 3 px cells; whole floors on or off more often than not.
      const cx = Math.floor((x - b.left) / 2), cy = Math.floor((y - b.top) / 3);
      const inWindow = Math.floor(x - b.left) % 2 === 0 && Math.floor(y - b.top) % 3 !== 0 && y > b.top + 2;
      const floorOn = hash(cy, i, 3) < b.lit * 2;
      if (inWindow && floorOn && hash(cx, cy, i) < 0.55) {
        const warm = hash(cx + 1, cy, i + 7) < 0.75;
        const k = b.tone * (0.6 + 0.4 * hash(cx, cy + 5, i));
        return warm ? [255 * k, 200 * k, 120 * k] : [190 * k, 215 * k, 255 * k];
      }
      const base = 10 + 14 * (1 - b.tone);
      return [base, base + 3, base + 12];
    }
    return sky(y);
  };
  return paintTexture('skyline-translight', w, h, (x, y) => pixel(x, y));
}

/** The show's screen graphic: a magenta-to-blue field with rings and a bold bar, like a show logo card. */
export function showGraphicTexture(rng: Random): PngTexture {
  const w = 512, h = 288;
  const cx = w * 0.5, cy = h * 0.5;
  const sparkle = new ValueNoise(rng.int(0, 1e6));
  return paintTexture('show-graphic', w, h, (x, y) => {
    const t = x / w;
    let r = 150 * (1 - t) + 30 * t, g = 20 * (1 - t) + 60 * t, b = 120 * (1 - t) + 200 * t;
    const d = Math.hypot(x - cx, (y - cy) * 1.1);
    const ring = Math.abs(((d / 18) % 1) - 0.5) < 0.06 && d < 130 ? 0.5 : 0;
    r += 255 * ring * 0.4;
    g += 255 * ring * 0.4;
    b += 255 * ring * 0.5;
    if (Math.abs(y - cy) < 22 && Math.abs(x - cx) < 150) [r, g, b] = [250, 245, 235]; // title bar
    if (Math.abs(y - cy) < 14 && Math.abs(x - cx) < 140 && Math.floor(x / 16) % 2 === 0 && Math.abs(y - cy) < 8) [r, g, b] = [40, 30, 90]; // "lettering"
    const s = sparkle.at(x * 0.7, y * 0.7);
    if (s > 0.82) [r, g, b] = [r + 60, g + 60, b + 60];
    return [r, g, b];
  });
}
