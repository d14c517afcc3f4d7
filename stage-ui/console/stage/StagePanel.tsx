// Stage view panel: the live LED volume in 3D (orbit, fly or follow the active camera), or a console-only free-fly
// preview of the scene. A legend explains the colours; the toolbar shows the navigation keys.
import { Canvas, useFrame } from '@react-three/fiber';
import { useMemo, type ReactNode } from 'react';
import { renderQuality } from '../../ui/renderQuality.ts';
import { RenderOnFrame } from '../../ui/RenderOnFrame.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import type { StageWire } from '../../../engine/protocol/LiveMessages.ts';
import type { LiveRefs, NavMode, StageMode } from '../state/ConsoleStore.ts';
import { FlyControls } from './FlyControls.tsx';
import { FollowCamera } from './FollowCamera.tsx';
import { LabelProjector, type LabelAnchors } from './LabelProjector.tsx';
import { OrbitHome } from './OrbitHome.tsx';
import { ScenePreview } from './ScenePreview.tsx';
import { StageScene } from './StageScene.tsx';
import { StageLabels } from './StageLabels.tsx';
import { StageCameras } from './StageCameras.tsx';
import { StageLegend } from './StageLegend.tsx';

/** Before the first fit (OrbitHome): front-right of the volume's open side. */
const START_POSITION: [number, number, number] = [9, 7, 14];

const NAV_OPTIONS = [
  { key: 'orbit', label: <>Orbit <kbd>1</kbd></>, title: 'drag to orbit, right-drag to pan, wheel to zoom' },
  { key: 'fly', label: <>Fly <kbd>2</kbd></>, title: 'hold the mouse on the view: drag to look, WASD to fly, Q/E down/up, Shift faster' },
  { key: 'follow', label: <>Follow <kbd>3</kbd></>, title: 'ride behind the active camera' },
] as const;

const HINTS: Record<NavMode, string> = {
  orbit: 'drag orbit · right-drag pan · wheel zoom',
  fly: 'hold mouse: drag look · WASD fly · Q/E · Shift',
  follow: 'following the active camera',
};

export function StagePanel() {
  const store = useStore();
  const quality = renderQuality();
  const anchors = useMemo<LabelAnchors>(() => new Map(), []);
  const hello = useConsole((s) => s.hello);
  const refusedReason = useConsole((s) => (s.connection.state === 'refused' ? s.connection.refusedReason : undefined));
  const navMode = useConsole((s) => s.navMode);
  const stageMode = useConsole((s) => s.stageMode);
  // The scene being previewed (picked in the Scenes panel) or, by default, the one on the walls.
  const sceneName = useConsole((s) => s.previewSceneId ?? s.hello?.scene.name ?? '');
  const ghostKind = useConsole((s) => (s.hoveredSuggestionId ? (s.suggestions?.suggestions.find((x) => x.id === s.hoveredSuggestionId)?.kind ?? null) : null));
  const effectiveNav: NavMode = stageMode === 'scene-preview' ? 'fly' : navMode;
  const modes: { key: StageMode; label: ReactNode; title: string }[] = [
    { key: 'stage', label: 'Stage', title: 'the live LED volume' },
    { key: 'scene-preview', label: <>Scene preview <kbd>P</kbd></>, title: 'fly through the scene in this console only: the walls are not touched' },
  ];
  return (
    <section className="panel area-stage" data-testid="stage-view">
      <div className="view3d">
        {hello ? (
          <Canvas frameloop="demand" dpr={quality.dpr} flat camera={{ position: START_POSITION, fov: 40, near: 0.05, far: 2000 }} gl={{ antialias: quality.antialias }}>
            {stageMode === 'stage' ? <StageScene hello={hello} /> : <ScenePreview live={store.live} />}
            <Navigation mode={effectiveNav} live={store.live} stage={hello.stage} />
            <RenderOnFrame listeners={store.live.onFrame} subscribe={store.subscribe} />
            <RenderCounter live={store.live} />
            <LabelProjector anchors={anchors} />
          </Canvas>
        ) : (
          <div className="empty" data-testid="stage-empty">
            {refusedReason ? (
              <>
                <strong className="refused">The engine refused this console</strong>
                <span data-testid="refused-reason">{refusedReason}</span>
              </>
            ) : (
              <>
                <strong>Waiting for the engine</strong>
                <span>the stage appears as soon as the console is connected</span>
              </>
            )}
          </div>
        )}
        {hello && stageMode === 'stage' && <StageLabels anchors={anchors} pois={hello.pois} />}
        {hello && refusedReason && (
          <div className="refused-banner" role="alert">
            <strong>Disconnected by the engine</strong> <span data-testid="refused-reason">{refusedReason}</span>
          </div>
        )}
        <div className="stage-toolbar">
          <Segmented options={modes} value={stageMode} onChange={(m) => store.set({ stageMode: m })} testId="stage-mode" />
          <Segmented options={NAV_OPTIONS.map((o) => ({ ...o, disabled: stageMode === 'scene-preview' && o.key !== 'fly' }))} value={effectiveNav} onChange={(m) => store.set({ navMode: m })} testId="nav-mode" />
          <span className="hud stage-hint">{HINTS[effectiveNav]}</span>
        </div>
        {stageMode === 'scene-preview' && (
          <div className="overlay bc">
            <span className="hud big warn" data-testid="preview-banner">
              PREVIEW · {sceneName} · walls not affected
            </span>
          </div>
        )}
        {stageMode === 'stage' && ghostKind && (
          <div className="overlay br">
            <span className="hud ghost big">Ghost: {ghostKind}</span>
          </div>
        )}
        {stageMode === 'stage' && hello && <StageLegend />}
        {stageMode === 'stage' && hello && <StageCameras />}
      </div>
    </section>
  );
}

function Navigation({ mode, live, stage }: { mode: NavMode; live: LiveRefs; stage: StageWire }) {
  if (mode === 'fly') return <FlyControls live={live} />;
  if (mode === 'follow') return <FollowCamera live={live} />;
  return <OrbitHome stage={stage} />;
}

function RenderCounter({ live }: { live: LiveRefs }) {
  useFrame(() => {
    live.stageRenders++;
  });
  return null;
}
