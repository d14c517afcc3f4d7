// The last 60 s of a source's rate (green, left scale from 0) and latency (amber, own scale) on a small canvas,
// redrawn once per health poll.
import { useEffect, useRef } from 'react';
import { HISTORY_SAMPLES, ringIndex, type SourceSeries } from './HealthHistory.ts';

const RATE = '#3ddc84';
const LATENCY = '#ffc53d';

export function Sparkline({ series, version }: { series: SourceSeries | undefined; version: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !series) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(c.clientWidth * dpr));
    const h = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const g = c.getContext('2d');
    if (!g) return;
    g.clearRect(0, 0, w, h);
    // Grid: a line every 10 s.
    g.strokeStyle = 'rgba(255,255,255,0.06)';
    g.lineWidth = 1;
    for (let k = 1; k < 6; k++) {
      const x = Math.round((k / 6) * w) + 0.5;
      g.beginPath();
      g.moveTo(x, 0);
      g.lineTo(x, h);
      g.stroke();
    }
    drawSeries(g, series, series.rate, w, h, RATE, dpr);
    drawSeries(g, series, series.latency, w, h, LATENCY, dpr);
  }, [series, version]);
  return <canvas ref={canvas} className="spark" aria-label="rate and latency, last 60 s" />;
}

function drawSeries(g: CanvasRenderingContext2D, s: SourceSeries, values: Float32Array, w: number, h: number, color: string, dpr: number): void {
  let max = 0;
  for (let i = 0; i < s.count; i++) {
    const v = values[ringIndex(s, i)]!;
    if (Number.isFinite(v)) max = Math.max(max, v);
  }
  if (max <= 0) return;
  const top = max * 1.15;
  const pad = 3 * dpr;
  g.strokeStyle = color;
  g.lineWidth = 1.5 * dpr;
  g.beginPath();
  let pen = false;
  // Newest sample at the right edge; the plot fills from the right as history accumulates.
  for (let i = 0; i < s.count; i++) {
    const v = values[ringIndex(s, i)]!;
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const x = w - ((s.count - 1 - i) / (HISTORY_SAMPLES - 1)) * w;
    const y = h - pad - (v / top) * (h - 2 * pad);
    if (pen) g.lineTo(x, y);
    else g.moveTo(x, y);
    pen = true;
  }
  g.stroke();
}
