// Scenes (designer): the library from `GET /api/scenes` when the engine has it, live switch (`scene.load`, confirmed
// with a second click) and a console-only free-fly preview that never touches the walls.
import { useEffect, useState } from 'react';
import type { SceneRefWire } from '../../../engine/protocol/LiveMessages.ts';
import { useCan, useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { authFetch } from '../../live/pageToken.ts';
import { PointsEditor } from './PointsEditor.tsx';

type Library = { status: 'loading' } | { status: 'unavailable' } | { status: 'error'; reason: string } | { status: 'ok'; scenes: SceneRefWire[] };

/** A live scene switch needs a second click within this long. */
const CONFIRM_MS = 4000;

export function ScenesPanel() {
  const store = useStore();
  const session = useSession();
  const canLoad = useCan('scene.load');
  const canSavePoints = useCan('scene.savePoints');
  const current = useConsole((s) => s.hello?.scene ?? null);
  const helloSeq = useConsole((s) => s.hello);
  const stageMode = useConsole((s) => s.stageMode);
  const previewId = useConsole((s) => s.previewSceneId);
  const [library, setLibrary] = useState<Library>({ status: 'loading' });
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    authFetch('/api/scenes', { cache: 'no-store' })
      .then(async (res) => {
        if (stopped) return;
        if (res.status === 404) return setLibrary({ status: 'unavailable' });
        if (!res.ok) return setLibrary({ status: 'error', reason: `HTTP ${res.status}` });
        const body = (await res.json()) as unknown;
        const list = Array.isArray(body) ? body : (body as { scenes?: unknown }).scenes;
        setLibrary({ status: 'ok', scenes: Array.isArray(list) ? list.filter(isSceneRef) : [] });
      })
      .catch((err: Error) => !stopped && setLibrary({ status: 'error', reason: err.message }));
    return () => {
      stopped = true;
    };
  }, [helloSeq]);

  useEffect(() => {
    if (!confirming) return;
    const t = setTimeout(() => setConfirming(null), CONFIRM_MS);
    return () => clearTimeout(t);
  }, [confirming]);

  const previewing = (id: string) => stageMode === 'scene-preview' && previewId === id;
  const togglePreview = (id: string) => store.set(previewing(id) ? { stageMode: 'stage', previewSceneId: null } : { stageMode: 'scene-preview', previewSceneId: id });
  const load = async (scene: SceneRefWire) => {
    if (confirming !== scene.id) return setConfirming(scene.id);
    setConfirming(null);
    await session.command('scene.load', { sceneId: scene.id });
  };

  const scenes = library.status === 'ok' ? library.scenes : current ? [current] : [];
  // The points editor works on the scene being previewed, else the one on the walls.
  const editedId = (stageMode === 'scene-preview' ? previewId : null) ?? current?.id ?? null;
  const editedName = scenes.find((s) => s.id === editedId)?.name ?? editedId;
  return (
    <div className="panel-body" data-testid="scenes-panel">
      <div className="section-title" style={{ marginTop: 0 }}>
        On the walls
      </div>
      {scenes.map((scene) => {
        const isCurrent = scene.id === current?.id;
        return (
          <div key={scene.id} className={`scene-row${isCurrent ? ' current' : ''}`} data-testid={`scene-${scene.id}`}>
            <div className="grow">
              <div className="name">{scene.name}</div>
              <div className="id">
                {scene.id}
                {isCurrent && ' · live'}
              </div>
            </div>
            <button type="button" className={`btn${previewing(scene.id) ? ' active' : ''}`} data-testid="scene-preview" onClick={() => togglePreview(scene.id)} title="fly through it here; the walls do not change">
              {previewing(scene.id) ? 'End preview' : 'Preview'}
            </button>
            {canLoad && !isCurrent && (
              <button type="button" className={`btn ${confirming === scene.id ? 'danger' : 'primary'}`} data-testid="scene-load" onClick={() => void load(scene)}>
                {confirming === scene.id ? 'Confirm: load on walls' : 'Load live'}
              </button>
            )}
          </div>
        );
      })}
      {library.status === 'unavailable' && (
        <div className="empty" style={{ minHeight: 140 }} data-testid="scenes-unavailable">
          <strong>Scene library arrives with issue 6</strong>
          <span>the walls show the built-in demo scene until then; you can already preview it here</span>
        </div>
      )}
      {library.status === 'error' && <div className="empty" style={{ minHeight: 100 }}>scene list unavailable ({library.reason})</div>}
      {library.status === 'loading' && <div className="dim">loading scenes…</div>}
      {canSavePoints && editedId && (
        <>
          <div className="section-title" data-testid="points-title">
            Points · {editedName}
            {stageMode === 'scene-preview' && previewId ? ' (previewed)' : ' (on the walls)'}
          </div>
          <PointsEditor key={editedId} sceneId={editedId} />
        </>
      )}
    </div>
  );
}

function isSceneRef(v: unknown): v is SceneRefWire {
  return typeof v === 'object' && v !== null && typeof (v as SceneRefWire).id === 'string' && typeof (v as SceneRefWire).name === 'string';
}
