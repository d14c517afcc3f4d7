// city-rooftop-dusk's painted textures: the roof membrane, office and glass facades with lit and dark windows.
import { paintTexture, type PngTexture } from '../PngTexture.ts';
import { Random, ValueNoise } from '../random.ts';

/** The office facade texture holds OFFICE_CELLS × OFFICE_CELLS windows. */
export const OFFICE_CELLS = 32;

/** Roofing membrane with seams every metre, mottled and stained; 4 m per tile. */
export function roofTexture(rng: Random): PngTexture {
  const n = new ValueNoise(rng.int(0, 1e6));
  return paintTexture('roof-membrane', 256, 256, (x, y) => {
    const seam = x % 64 === 0 || y % 64 === 0 || (x + 1) % 64 === 0 ? 0.78 : 1;
    const mottle = 0.9 + 0.1 * n.fbm(x / 24, y / 24, 3) + 0.03 * n.at(x * 0.9, y * 0.9);
    const stain = 1 - 0.08 * Math.max(0, n.fbm(x / 70 + 10, y / 70, 2));
    const v = 120 * seam * mottle * stain;
    return [v * 1.02, v, v * 0.96];
  });
}

/** Office facade: 32 × 32 windows (16 px each) with spandrels and piers; lit windows, some with blinds, in the emissive map. */
export function officeTextures(rng: Random): { base: PngTexture; lit: PngTexture } {
  const cells = OFFICE_CELLS, px = 16;
  const lit = cellStates(rng, cells, cells, 0.42);
  const base = paintTexture('facade-office-base', cells * px, cells * px, (x, y) => {
    const cx = x % px, cy = y % px;
    if (cy < 4 || cx < 2) return cy === 3 ? [150, 144, 136] : [196, 188, 176]; // spandrel, pier (a shadow line under the slab)
    const s = lit[Math.floor(y / px) * cells + Math.floor(x / px)]!;
    return s.on ? [70, 62, 52] : [34, 40, 48];
  });
  const emissive = paintTexture('facade-office-lit', cells * px, cells * px, (x, y) => {
    const cx = x % px, cy = y % px;
    if (cy < 4 || cx < 2) return [0, 0, 0];
    const s = lit[Math.floor(y / px) * cells + Math.floor(x / px)]!;
    if (!s.on) return [0, 0, 0];
    const blind = s.blinds > 0 && cy - 4 < s.blinds ? 0.35 : 1; // blinds come down from the top
    const ceiling = 1 - (cy - 4) * 0.025; // brighter under the ceiling lights
    const k = s.brightness * blind * ceiling;
    return [s.color[0] * k, s.color[1] * k, s.color[2] * k];
  });
  return { base, lit: emissive };
}

/** Curtain wall: 16 bays × 32 floors (16 × 8 px each), continuous glass bands with thin mullions. */
export function glassTextures(rng: Random): { base: PngTexture; lit: PngTexture } {
  const cols = 16, rows = 32, w = 16, h = 8;
  const lit = cellStates(rng, cols, rows, 0.3);
  const base = paintTexture('facade-glass-base', cols * w, rows * h, (x, y) => {
    const cy = y % h, cx = x % w;
    if (cy < 2) return [44, 52, 60]; // spandrel panel
    if (cx === 0) return [70, 78, 86]; // mullion
    const shade = 0.9 + 0.1 * Math.sin(Math.floor(x / w) * 2.1 + Math.floor(y / h) * 1.3);
    return [66 * shade, 96 * shade, 118 * shade];
  });
  const emissive = paintTexture('facade-glass-lit', cols * w, rows * h, (x, y) => {
    const cy = y % h, cx = x % w;
    if (cy < 2 || cx === 0) return [0, 0, 0];
    const s = lit[Math.floor(y / h) * cols + Math.floor(x / w)]!;
    if (!s.on) return [0, 0, 0];
    const k = s.brightness * 0.8;
    return [s.color[0] * k, s.color[1] * k, s.color[2] * k];
  });
  return { base, lit: emissive };
}

interface WindowState {
  on: boolean;
  brightness: number;
  color: [number, number, number];
  /** Rows of blind from the top, 0 = none. */
  blinds: number;
}

/** Which windows are lit: whole floors tend to be on or off together (offices), with a scatter of single ones. */
function cellStates(rng: Random, cols: number, rows: number, share: number): WindowState[] {
  const out: WindowState[] = [];
  const warm: [number, number, number][] = [[255, 214, 150], [255, 196, 120], [255, 226, 180]];
  const cool: [number, number, number][] = [[214, 232, 255], [232, 240, 255]];
  for (let r = 0; r < rows; r++) {
    const floorLit = rng.chance(share) ? 0.8 : 0.12;
    const floorColor = rng.chance(0.6) ? rng.pick(warm) : rng.pick(cool);
    for (let c = 0; c < cols; c++) {
      const on = rng.chance(floorLit);
      out.push({
        on,
        brightness: rng.range(0.45, 1),
        color: rng.chance(0.8) ? floorColor : rng.pick(warm),
        blinds: rng.chance(0.3) ? rng.int(2, 8) : 0,
      });
    }
  }
  return out;
}
