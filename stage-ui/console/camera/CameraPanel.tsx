// Camera view: what the active camera (tracked + move offset) sees of the current scene, letterboxed to its aspect;
// while a suggestion is hovered or edited, the end pose of its path instead (marked PREVIEW).
import { Canvas } from '@react-three/fiber';
import { renderQuality } from '../../ui/renderQuality.ts';
import { RenderOnFrame } from '../../ui/RenderOnFrame.tsx';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { previewedSuggestion } from '../state/previewedSuggestion.ts';
import { CameraDriver } from './CameraDriver.tsx';
import { SceneContent } from '../stage/SceneContent.tsx';
import { useSceneEnvironment } from '../stage/useSceneEnvironment.ts';

export function CameraPanel() {
  const store = useStore();
  const quality = renderQuality();
  const connected = useConsole((s) => s.hello !== null);
  const aspect = useConsole((s) => s.frame?.cameras.find((c) => c.id === s.frame?.activeCameraId)?.aspect ?? 16 / 9);
  const info = useConsole((s) => {
    const cam = s.frame?.cameras.find((c) => c.id === s.frame?.activeCameraId);
    return cam ? `${cam.id} · ${cam.lens.focalLengthMm.toFixed(0)} mm · ${((cam.vFovRad * 180) / Math.PI).toFixed(1)}° v` : null;
  });
  const stale = useConsole((s) => s.frame?.cameras.find((c) => c.id === s.frame?.activeCameraId)?.stale ?? false);
  const preview = useConsole(previewedSuggestion);
  // The scene the walls show, so the camera view matches them.
  const env = useSceneEnvironment(useConsole((s) => s.hello?.scene.id));
  return (
    <section className="panel area-cam" data-testid="camera-view">
      <div className="view3d">
        <div className="camera-frame">
          <div className="aspect" style={{ ['--aspect' as string]: String(aspect) }}>
            {connected && (
              <Canvas frameloop="demand" dpr={quality.dpr} flat camera={{ fov: 40, near: 0.05, far: 2000, position: [0, 1.6, 4] }} gl={{ antialias: quality.antialias }}>
                {env && <SceneContent env={env} />}
                <CameraDriver live={store.live} />
                <RenderOnFrame listeners={store.live.onFrame} subscribe={store.subscribe} />
              </Canvas>
            )}
            <div className="thirds" />
            {preview && <div className="preview-border" />}
          </div>
        </div>
        <div className="overlay tl">
          <span className="hud">{info ?? 'no camera'}</span>
        </div>
        {preview && (
          <div className="overlay bl">
            <span className="hud ghost" data-testid="camera-preview">
              PREVIEW · end of {preview.kind}
            </span>
          </div>
        )}
        {stale && !preview && (
          <div className="overlay center">
            <span className="hud bad">TRACKING LOST</span>
          </div>
        )}
      </div>
    </section>
  );
}
