// A source's raw lens encoder counts as an operator reads them while calibrating: hex, with decimal for the stage file.
import type { SourceHealthWire } from './HealthWire.ts';

/** `0x8000 (32768)`: hex padded to four digits as encoder readouts show it, decimal as a stage file's lens table takes it. */
export function formatEncoderCount(raw: number): string {
  return `0x${raw.toString(16).toUpperCase().padStart(4, '0')} (${raw})`;
}

/** `zoom 0x8000 (32768) · focus 0x1200 (4608)`; null when the source sends no encoder counts (everything but FreeD). */
export function formatEncoders(encoders: SourceHealthWire['encoders']): string | null {
  if (!encoders || (encoders.zoom === null && encoders.focus === null)) return null;
  const part = (name: string, raw: number | null) => `${name} ${raw === null ? '—' : formatEncoderCount(raw)}`;
  return `${part('zoom', encoders.zoom)} · ${part('focus', encoders.focus)}`;
}
