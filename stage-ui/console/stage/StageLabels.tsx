// Text labels over the stage view (cameras, talent, points of interest): plain DOM in the console's React tree,
// registered with a LabelProjector inside the canvas that moves them every animation frame through their elements'
// style (no React work per frame, no extra React root per label).
import { useCallback, useRef, type ReactNode } from 'react';
import type * as THREE from 'three';
import type { HelloMessage } from '../../../engine/protocol/LiveMessages.ts';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { findCamera, findSubject } from './frameLookup.ts';
import type { LabelAnchor, LabelAnchors } from './LabelProjector.tsx';

export function StageLabels({ anchors, pois }: { anchors: LabelAnchors; pois: HelloMessage['pois'] }) {
  const store = useStore();
  const cams = useConsole((s) => {
    const f = s.frame;
    return f?.cameras.map((c) => `${c.id}\t${c.stale ? 'stale' : c.id === f.activeCameraId ? 'active' : 'idle'}\t${c.lens.focalLengthMm.toFixed(0)}\t${c.color}`).join('\n') ?? '';
  });
  // Stale flips at human speed (after a second without a position): part of the key, so the label re-renders then.
  const subjects = useConsole((s) => s.frame?.subjects.map((x) => `${x.id}\t${x.stale ? 'stale' : 'live'}`).join('\n') ?? '');
  return (
    <div className="labels3d">
      {cams &&
        cams.split('\n').map((line) => {
          const [id = '', state = 'idle', focal = '', color = ''] = line.split('\t');
          return (
            <Label3D key={`cam:${id}`} anchors={anchors} id={`cam:${id}`} className={state} testId={`rig-${id}`} color={state === 'stale' ? undefined : color} locate={(out) => {
              const c = findCamera(store.live.frame, id);
              if (!c) return false;
              // The active camera's label above its rig, the others' below; labels that still meet are moved apart.
              out.set(c.position[0], c.position[1] + (state === 'active' ? 0.2 : -0.2), c.position[2]);
              return true;
            }}>
              {id}
              <span className="dim"> · {focal} mm</span>
              {state === 'stale' && ' · STALE'}
            </Label3D>
          );
        })}
      {subjects &&
        subjects.split('\n').map((line) => {
          const [id = '', state = 'live'] = line.split('\t');
          return (
            <Label3D key={`subject:${id}`} anchors={anchors} id={`subject:${id}`} className={state === 'stale' ? 'subject stale' : 'subject'} testId={`subject-${id}`} locate={(out) => {
              const s = findSubject(store.live.frame, id);
              if (!s) return false;
              out.set(s.position[0], Math.max(0, s.position[1]) + 1.95, s.position[2]);
              return true;
            }}>
              {id}
              {state === 'stale' && ' · STALE'}
            </Label3D>
          );
        })}
      {pois.map((p) => (
        <Label3D key={`poi:${p.id}`} anchors={anchors} id={`poi:${p.id}`} className="poi" testId={`poi-${p.id}`} locate={(out) => (out.set(p.position[0], p.position[1] + 0.45, p.position[2]), true)}>
          ◆ {p.name}
        </Label3D>
      ))}
    </div>
  );
}

function Label3D({ anchors, id, className, testId, color, locate, children }: { anchors: LabelAnchors; id: string; className: string; testId: string; color?: string | undefined; locate: (out: THREE.Vector3) => boolean; children: ReactNode }) {
  // The projector keeps calling the anchor it registered: route it to the latest closure.
  const latest = useRef(locate);
  latest.current = locate;
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      const anchor: LabelAnchor = { el, locate: (out) => latest.current(out), x: Number.NaN, y: Number.NaN, visible: false, shown: false, anchorXPx: 0, anchorYPx: 0, widthPx: 0, heightPx: 0, shiftYPx: 0 };
      // Its size for keeping labels apart, measured when its text changes (never read in the per-frame loop).
      const measure = () => ((anchor.widthPx = el.offsetWidth), (anchor.heightPx = el.offsetHeight));
      const observer = new ResizeObserver(measure);
      observer.observe(el);
      measure();
      anchors.set(id, anchor);
      return () => {
        observer.disconnect();
        if (anchors.get(id) === anchor) anchors.delete(id);
      };
    },
    [anchors, id],
  );
  return (
    <div ref={ref} className={`label3d ${className}`} data-testid={testId} style={{ visibility: 'hidden', ...(color && { borderLeftColor: color }) }}>
      {children}
    </div>
  );
}
