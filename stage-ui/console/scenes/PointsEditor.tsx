// Points editor (designer): the points of interest and camera marks of one scene file, read from
// `GET /scenes/<id>.json`, edited here (name, position in metres) and written back whole with `scene.savePoints`
// (the engine validates them again and keeps the previous file as `<id>.json.bak`).
import { useCallback, useEffect, useState } from 'react';
import { Quaternion, Vector3 } from 'three';
import { findCamera } from '../stage/frameLookup.ts';
import { useSession, useStore } from '../state/ConsoleContext.ts';
import type { ConsoleStore } from '../state/ConsoleStore.ts';
import { pushToast } from '../state/toasts.ts';
import { authFetch } from '../../live/pageToken.ts';
import './points.css';

type Vec3 = [number, number, number];
interface Poi {
  id: string;
  name: string;
  position: Vec3;
  suggestedSubjectHeightFraction?: number;
}
interface CameraMark {
  id: string;
  name: string;
  position: Vec3;
  lookAt: Vec3;
  focalLengthMm?: number;
}
interface Points {
  pointsOfInterest: Poi[];
  cameraMarks: CameraMark[];
}
type Load = { status: 'loading' } | { status: 'error'; reason: string } | { status: 'ok' };

/** Where a new point goes when no camera pose is known. */
const DEFAULT_NEW: Vec3 = [0, 1.5, -3];
/** A new point sits this far in front of the camera the preview starts from, m. */
const NEW_AHEAD_M = 3;

export const DEMO_SCENE_ID = 'demo';

export function PointsEditor({ sceneId }: { sceneId: string }) {
  const store = useStore();
  const session = useSession();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [points, setPoints] = useState<Points>({ pointsOfInterest: [], cameraMarks: [] });
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [reloadSeq, setReloadSeq] = useState(0);

  useEffect(() => {
    if (sceneId === DEMO_SCENE_ID) return;
    let stopped = false;
    setLoad({ status: 'loading' });
    setDirty(false);
    setResult(null);
    authFetch(`/scenes/${encodeURIComponent(sceneId)}.json`, { cache: 'no-store' })
      .then(async (res) => {
        if (stopped) return;
        if (!res.ok) return setLoad({ status: 'error', reason: `HTTP ${res.status}` });
        const body = (await res.json()) as { pointsOfInterest?: unknown; cameraMarks?: unknown };
        if (stopped) return;
        setPoints({ pointsOfInterest: parseList(body.pointsOfInterest, toPoi), cameraMarks: parseList(body.cameraMarks, toMark) });
        setLoad({ status: 'ok' });
      })
      .catch((err: Error) => !stopped && setLoad({ status: 'error', reason: err.message }));
    return () => {
      stopped = true;
    };
  }, [sceneId, reloadSeq]);

  const edit = useCallback((fn: (p: Points) => Points) => {
    setPoints(fn);
    setDirty(true);
    setResult(null);
  }, []);

  if (sceneId === DEMO_SCENE_ID) {
    return (
      <div className="points" data-testid="points-editor">
        <div className="dim" data-testid="points-demo">
          the built-in demo scene cannot be edited
        </div>
      </div>
    );
  }
  if (load.status === 'loading') return <div className="points dim" data-testid="points-editor">loading points…</div>;
  if (load.status === 'error') {
    return (
      <div className="points" data-testid="points-editor">
        <div className="status bad">points unavailable ({load.reason})</div>
      </div>
    );
  }

  const save = async () => {
    setSaving(true);
    const ack = await session.command('scene.savePoints', {
      sceneId,
      pointsOfInterest: points.pointsOfInterest.map((p) => ({
        id: p.id,
        name: p.name,
        position: p.position,
        ...(p.suggestedSubjectHeightFraction !== undefined ? { suggestedSubjectHeightFraction: p.suggestedSubjectHeightFraction } : {}),
      })),
      cameraMarks: points.cameraMarks.map((m) => ({ id: m.id, name: m.name, position: m.position, lookAt: m.lookAt, ...(m.focalLengthMm !== undefined ? { focalLengthMm: m.focalLengthMm } : {}) })),
    });
    setSaving(false);
    if (ack.ok) {
      const r = ack.result;
      const text = `saved ${sceneId}: ${r?.pointsOfInterest ?? points.pointsOfInterest.length} points, ${r?.cameraMarks ?? points.cameraMarks.length} marks`;
      pushToast(store, 'info', text);
      setResult({ ok: true, text });
      setDirty(false);
    } else {
      // The session already raised the error toast.
      setResult({ ok: false, text: ack.error ?? 'refused' });
    }
  };

  const addPoi = () =>
    edit((p) => ({ ...p, pointsOfInterest: [...p.pointsOfInterest, { id: uniqueId('poi', p.pointsOfInterest), name: 'New point', position: aheadOfCamera(store) }] }));
  const addMark = () =>
    edit((p) => {
      const pose = cameraPose(store);
      const position = pose ? round3(pose.position) : DEFAULT_NEW;
      const lookAt = pose ? round3(ahead(pose, 10)) : ([0, 1.5, -13] as Vec3);
      return { ...p, cameraMarks: [...p.cameraMarks, { id: uniqueId('mark', p.cameraMarks), name: 'New mark', position, lookAt }] };
    });

  return (
    <div className="points" data-testid="points-editor">
      <div className="kind">
        <div className="section-title">Points of interest</div>
        <button type="button" className="btn small" data-testid="poi-add" onClick={addPoi} title={`adds a point ${NEW_AHEAD_M} m in front of the active camera`}>
          + Point
        </button>
      </div>
      {points.pointsOfInterest.length === 0 && <div className="dim">no points of interest</div>}
      {points.pointsOfInterest.map((poi, i) => (
        <PointRow
          key={poi.id}
          testId={`poi-${i}`}
          item={poi}
          onChange={(next) => edit((p) => ({ ...p, pointsOfInterest: p.pointsOfInterest.map((q, k) => (k === i ? { ...q, ...next } : q)) }))}
          onDelete={() => edit((p) => ({ ...p, pointsOfInterest: p.pointsOfInterest.filter((_, k) => k !== i) }))}
        />
      ))}
      <div className="kind">
        <div className="section-title">Camera marks</div>
        <button type="button" className="btn small" data-testid="mark-add" onClick={addMark} title="adds a mark at the active camera, looking where it looks">
          + Mark
        </button>
      </div>
      {points.cameraMarks.length === 0 && <div className="dim">no camera marks</div>}
      {points.cameraMarks.map((mark, i) => (
        <PointRow
          key={mark.id}
          testId={`mark-${i}`}
          item={mark}
          onChange={(next) => edit((p) => ({ ...p, cameraMarks: p.cameraMarks.map((q, k) => (k === i ? { ...q, ...next } : q)) }))}
          onDelete={() => edit((p) => ({ ...p, cameraMarks: p.cameraMarks.filter((_, k) => k !== i) }))}
        />
      ))}
      <div className="bar">
        <button type="button" className="btn primary" data-testid="points-save" disabled={saving || !dirty} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn ghosted" data-testid="points-revert" disabled={saving || !dirty} onClick={() => setReloadSeq((n) => n + 1)}>
          Revert
        </button>
        <span className="grow" />
        <span className="dim">{dirty ? 'unsaved changes' : ''}</span>
      </div>
      <div className={`status${result ? (result.ok ? ' ok' : ' bad') : ''}`} data-testid="points-result">
        {result?.text ?? ''}
      </div>
    </div>
  );
}

function PointRow({ item, testId, onChange, onDelete }: { item: { id: string; name: string; position: Vec3 }; testId: string; onChange: (next: { name?: string; position?: Vec3 }) => void; onDelete: () => void }) {
  return (
    <div className="pt" data-testid={testId}>
      <div className="top">
        <input type="text" aria-label="name" data-testid="pt-name" value={item.name} maxLength={80} onChange={(e) => onChange({ name: e.target.value })} />
        <button type="button" className="btn small ghosted" data-testid="pt-delete" onClick={onDelete} title="delete">
          Delete
        </button>
      </div>
      <div className="ptid">{item.id}</div>
      <div className="xyz">
        {(['x', 'y', 'z'] as const).map((axis, k) => (
          <label key={axis}>
            {axis}
            <NumberField
              testId={`pt-${axis}`}
              value={item.position[k]!}
              onChange={(v) => {
                const position = [...item.position] as Vec3;
                position[k] = v;
                onChange({ position });
              }}
            />
          </label>
        ))}
      </div>
    </div>
  );
}

/** A metres field showing 2 decimals; keeps what is typed while it is being typed, commits every finite value. */
function NumberField({ value, onChange, testId }: { value: number; onChange: (v: number) => void; testId: string }) {
  const [text, setText] = useState(value.toFixed(2));
  useEffect(() => {
    setText((t) => (Number.parseFloat(t) === value ? t : value.toFixed(2)));
  }, [value]);
  return (
    <input
      type="number"
      step={0.01}
      data-testid={testId}
      aria-label={testId}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const v = Number.parseFloat(e.target.value);
        if (Number.isFinite(v)) onChange(Math.round(v * 100) / 100);
      }}
      onBlur={() => setText(value.toFixed(2))}
    />
  );
}

function cameraPose(store: ConsoleStore): { position: Vec3; rotation: [number, number, number, number] } | null {
  const frame = store.live.frame ?? store.get().frame;
  const cam = findCamera(frame, frame?.activeCameraId ?? null);
  return cam ? { position: cam.position, rotation: cam.rotation } : null;
}

function ahead(pose: { position: Vec3; rotation: [number, number, number, number] }, metres: number): Vec3 {
  const dir = new Vector3(0, 0, -1).applyQuaternion(new Quaternion().fromArray(pose.rotation));
  const p = new Vector3().fromArray(pose.position).addScaledVector(dir, metres);
  return [p.x, p.y, p.z];
}

/** A new point 3 m in front of the active camera (where the preview starts), else a default spot. */
function aheadOfCamera(store: ConsoleStore): Vec3 {
  const pose = cameraPose(store);
  return pose ? round3(ahead(pose, NEW_AHEAD_M)) : [...DEFAULT_NEW];
}

function round3(v: Vec3): Vec3 {
  return v.map((n) => Math.round(n * 100) / 100) as Vec3;
}

function uniqueId(prefix: string, list: { id: string }[]): string {
  const taken = new Set(list.map((x) => x.id));
  for (let n = 1; ; n++) if (!taken.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

function parseList<T>(v: unknown, to: (x: unknown) => T | null): T[] {
  return Array.isArray(v) ? v.map(to).filter((x): x is T => x !== null) : [];
}

function isVec3(v: unknown): v is Vec3 {
  return Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function toPoi(v: unknown): Poi | null {
  const o = v as Partial<Poi> | null;
  if (!o || typeof o.id !== 'string' || typeof o.name !== 'string' || !isVec3(o.position)) return null;
  const poi: Poi = { id: o.id, name: o.name, position: [...o.position] };
  if (typeof o.suggestedSubjectHeightFraction === 'number') poi.suggestedSubjectHeightFraction = o.suggestedSubjectHeightFraction;
  return poi;
}

function toMark(v: unknown): CameraMark | null {
  const o = v as Partial<CameraMark> | null;
  if (!o || typeof o.id !== 'string' || typeof o.name !== 'string' || !isVec3(o.position) || !isVec3(o.lookAt)) return null;
  const mark: CameraMark = { id: o.id, name: o.name, position: [...o.position], lookAt: [...o.lookAt] };
  if (typeof o.focalLengthMm === 'number') mark.focalLengthMm = o.focalLengthMm;
  return mark;
}
