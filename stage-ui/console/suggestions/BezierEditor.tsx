// Cubic-bezier easing editor: drag the two handles (or focus one and nudge it with the arrow keys); x is time (0..1),
// y is progress (may overshoot to -0.5..1.5). Named presets map to their CSS curves.
import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { EasingWire } from '../../../engine/protocol/LiveMessages.ts';

type Bezier = [number, number, number, number];

/** CSS equivalents of the engine's named easings ('cubic' ≈ a symmetric cubic in-out). */
export const NAMED_BEZIER: Record<Exclude<EasingWire, { bezier: unknown }>, Bezier> = {
  linear: [0, 0, 1, 1],
  'ease-in': [0.42, 0, 1, 1],
  'ease-out': [0, 0, 0.58, 1],
  'ease-in-out': [0.42, 0, 0.58, 1],
  cubic: [0.65, 0, 0.35, 1],
};

const PAD_PX = 14;
const Y_MIN = -0.5;
const Y_MAX = 1.5;

export function bezierOf(e: EasingWire): Bezier {
  return typeof e === 'string' ? NAMED_BEZIER[e] : [...e.bezier];
}

/** `sizePx`: the plot's side (0..1 in x), px. */
export function BezierEditor({ value, onChange, sizePx = 168 }: { value: EasingWire; onChange: (e: EasingWire) => void; sizePx?: number }) {
  const SIZE_PX = sizePx;
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<0 | 1 | null>(null);
  const b = bezierOf(value);
  const px = (x: number) => PAD_PX + x * SIZE_PX;
  const py = (y: number) => PAD_PX + ((Y_MAX - y) / (Y_MAX - Y_MIN)) * SIZE_PX;
  const set = (handle: 0 | 1, x: number, y: number) => {
    const next: Bezier = [...b];
    next[handle * 2] = round(Math.min(1, Math.max(0, x)));
    next[handle * 2 + 1] = round(Math.min(Y_MAX, Math.max(Y_MIN, y)));
    onChange({ bezier: next });
  };
  const fromPointer = (e: ReactPointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    const scale = r.width / (SIZE_PX + 2 * PAD_PX);
    return { x: ((e.clientX - r.left) / scale - PAD_PX) / SIZE_PX, y: Y_MAX - (((e.clientY - r.top) / scale - PAD_PX) / SIZE_PX) * (Y_MAX - Y_MIN) };
  };
  const handle = (i: 0 | 1) => {
    const hx = b[i * 2]!;
    const hy = b[i * 2 + 1]!;
    const ax = i === 0 ? 0 : 1;
    return (
      <g key={i}>
        <line x1={px(ax)} y1={py(ax)} x2={px(hx)} y2={py(hy)} stroke="#9aa7b8" strokeWidth={1.5} />
        <circle
          className="handle"
          cx={px(hx)}
          cy={py(hy)}
          r={9}
          fill={i === 0 ? '#ffb020' : '#5ce1e6'}
          stroke="#07090c"
          strokeWidth={2}
          tabIndex={0}
          data-own-keys
          aria-label={`handle ${i + 1}: ${hx.toFixed(2)}, ${hy.toFixed(2)} (arrow keys move it)`}
          onPointerDown={(e) => {
            drag.current = i;
            (e.target as Element).setPointerCapture(e.pointerId);
          }}
          onKeyDown={(e) => {
            const d = e.shiftKey ? 0.1 : 0.02;
            const moves: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
            const m = moves[e.key];
            if (!m) return;
            e.preventDefault();
            e.stopPropagation();
            set(i, hx + m[0], hy + m[1]);
          }}
        />
      </g>
    );
  };
  const full = SIZE_PX + 2 * PAD_PX;
  return (
    <svg
      ref={svg}
      width={full}
      height={full}
      viewBox={`0 0 ${full} ${full}`}
      data-testid="bezier-editor"
      onPointerMove={(e) => {
        if (drag.current === null) return;
        const p = fromPointer(e);
        set(drag.current, p.x, p.y);
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    >
      <rect x={px(0)} y={py(1)} width={SIZE_PX} height={py(0) - py(1)} fill="#111722" stroke="#262e3b" />
      <line x1={px(0)} y1={py(0)} x2={px(1)} y2={py(1)} stroke="#262e3b" strokeDasharray="4 4" />
      <path d={`M ${px(0)} ${py(0)} C ${px(b[0])} ${py(b[1])} ${px(b[2])} ${py(b[3])} ${px(1)} ${py(1)}`} fill="none" stroke="#e8edf3" strokeWidth={3} />
      {handle(0)}
      {handle(1)}
    </svg>
  );
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
