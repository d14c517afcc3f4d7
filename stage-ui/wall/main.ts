// Wall render node page (`/wall/{wallId}?token=…&scale=0.25`): joins /live for its wall and draws every frame it gets.
import * as THREE from 'three';
import type { FrameMessage, HelloMessage, ServerMessage } from '../../engine/protocol/LiveMessages.ts';
import { LiveConnection, type ConnectionState } from '../live/LiveConnection.ts';
import { pageToken } from '../live/pageToken.ts';
import { FrameScheduler } from './FrameScheduler.ts';
import { PresentLog } from './PresentLog.ts';
import { SceneSwitcher } from '../scene/SceneSwitcher.ts';
import { WallRenderer, type WallLook } from './WallRenderer.ts';
import { WallTakeTally } from './WallTakeTally.ts';

// First: the join link's token leaves the address bar before anything can show or send the URL.
pageToken();
const params = new URL(location.href).searchParams;
const wallId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const scale = clamp(Number(params.get('scale') ?? 1), 0.05, 1);
const look: WallLook = {
  featherM: Number(params.get('feather') ?? 0.15),
  borderM: Number(params.get('border') ?? 0),
  borderColor: params.has('borderColor') ? new THREE.Color(params.get('borderColor')!) : null,
  gain: new THREE.Vector3(...(params.get('gain') ?? '1,1,1').split(',').map(Number).concat([1, 1, 1]).slice(0, 3)),
  identify: params.get('identify') === '1',
};
const showOverlay = params.get('debug') !== '0';

const canvas = document.getElementById('wall') as HTMLCanvasElement;
const overlay = document.getElementById('overlay') as HTMLDivElement;
overlay.hidden = !showOverlay;
const takeTally = new WallTakeTally(document.getElementById('wall-rec-tally') as HTMLDivElement);

let wall: WallRenderer | undefined;
let sceneStatus = '';
const scenes = new SceneSwitcher({
  onProgress: (ref, p) => {
    sceneStatus = `loading ${ref.id} ${p.totalBytes ? Math.round((100 * p.loadedBytes) / p.totalBytes) : 0}%`;
  },
  onError: (ref, err) => {
    sceneStatus = `scene ${ref.id} failed: ${err.message}`;
    console.error(err);
  },
});
let latest: FrameMessage | undefined;
const scheduler = new FrameScheduler<FrameMessage>();
const presentLog = new PresentLog();
/** Display refresh interval, ms (running mean of animation-frame spacing). */
let refreshMs = 1000 / 60;
let lastRafMs = 0;
let renderedFrame = -1;
let connection: ConnectionState = 'connecting';
let fps = 0;
let lastPresentMs = 0;
let meanPresentMs = 0;

/** Read by browser tests and operators' tooling: what this node last put on screen. */
const status: {
  wallId: string;
  frame: number;
  fps: number;
  connection: ConnectionState;
  scene: string;
  widthPx: number;
  heightPx: number;
  /** The drawn frame's take state: recording, and the index of the played take's frame (null: live tracking). */
  take: { recording: boolean; playbackIndex: number | null };
  /** The engine clock estimate: offset (engine − page, ms) and its error bound, ms. */
  clock: { offsetMs: number | null; errorMs: number | null };
  /** Frames due but never shown; refresh interval and the CPU time of a render call, ms (running means). */
  droppedFrames: number;
  refreshMs: number;
  renderMs: number;
  /** Every presented frame: number, when it reached the screen (Unix ms, this machine's clock), the first camera's focal length. */
  presentLog: () => { frames: number[]; atUnixMs: number[]; focalLengthMm: number[] };
} = {
  wallId,
  frame: -1,
  fps: 0,
  connection,
  scene: '',
  widthPx: 0,
  heightPx: 0,
  take: { recording: false, playbackIndex: null },
  clock: { offsetMs: null, errorMs: null },
  droppedFrames: 0,
  refreshMs,
  renderMs: 0,
  presentLog: () => presentLog.read(),
};
(window as unknown as { vantageWall: typeof status }).vantageWall = status;

const live = new LiveConnection({
  params: { wall: wallId },
  clockSync: true,
  onState: (s) => {
    connection = s;
    status.connection = s;
    updateOverlay();
  },
  onMessage: (m: ServerMessage) => {
    if (m.type === 'hello') onHello(m);
    else if (m.type === 'frame') {
      latest = m;
      scheduler.push(m);
    }
    else if (m.type === 'event' && m.name === 'scene.loaded') scenes.request(m.data as HelloMessage['scene']);
    else if (m.type === 'error') console.warn('engine:', m.reason);
  },
});

function onHello(hello: HelloMessage): void {
  const wallWire = hello.stage.walls.find((w) => w.id === wallId);
  if (!wallWire) {
    overlay.textContent = `unknown wall "${wallId}"`;
    overlay.classList.add('bad');
    return;
  }
  // A reconnect re-sends hello: rebuild only if the wall itself changed.
  if (!wall || wall.widthPx !== Math.round(wallWire.resolutionPx[0] * scale)) {
    wall?.dispose();
    wall = new WallRenderer(canvas, wallWire, new THREE.Scene(), scale, look);
    if (scenes.current) wall.setScene(scenes.current.scene, scenes.current.exposure, scenes.current.ledGain);
  }
  scenes.request(hello.scene);
  status.widthPx = wall.widthPx;
  status.heightPx = wall.heightPx;
  renderedFrame = -1;
  scheduler.reset();
}

function tick(nowMs: number): void {
  requestAnimationFrame(tick);
  if (lastRafMs > 0 && nowMs - lastRafMs > 0 && nowMs - lastRafMs < 100) refreshMs += 0.05 * (nowMs - lastRafMs - refreshMs);
  lastRafMs = nowMs;
  if (!wall) return;
  // What this callback draws reaches the screen about one refresh later: show the frame meant for then.
  const displayAtMs = nowMs + refreshMs;
  const displayAtS = live.clock.engineTimeS(displayAtMs);
  const frame = scheduler.pick(displayAtS);
  if (!frame) return;
  // Scene swaps happen at a frame boundary, the same engine frame on every wall.
  if (scenes.update(frame.frame) && scenes.current) {
    wall.setScene(scenes.current.scene, scenes.current.exposure, scenes.current.ledGain);
    status.scene = scenes.current.id;
    sceneStatus = '';
  }
  if (!scenes.current) return;
  wall.setFrame(frame);
  const renderStartMs = performance.now();
  wall.render();
  status.renderMs += 0.1 * (performance.now() - renderStartMs - status.renderMs);
  renderedFrame = frame.frame;
  const clockErrorMs = live.clock.errorMs;
  live.send({ type: 'presented', frame: frame.frame, ...(displayAtS !== null && { presentedAtS: displayAtS, clockErrorMs }) });
  presentLog.push(frame.frame, performance.timeOrigin + displayAtMs, frame.cameras[0]?.lens.focalLengthMm ?? 0);
  status.clock.offsetMs = live.clock.offsetMs;
  status.clock.errorMs = Number.isFinite(clockErrorMs) ? clockErrorMs : null;
  status.droppedFrames = scheduler.dropped;
  status.refreshMs = refreshMs;
  // Frames on screen per second from their mean interval: the same figure health's render-node row shows.
  const intervalMs = nowMs - lastPresentMs;
  if (lastPresentMs > 0 && intervalMs < 1000) {
    meanPresentMs = meanPresentMs === 0 ? intervalMs : meanPresentMs + 0.1 * (intervalMs - meanPresentMs);
    fps = 1000 / meanPresentMs;
  }
  lastPresentMs = nowMs;
  status.frame = frame.frame;
  status.fps = Math.round(fps);
  status.take.recording = !!frame.take?.recording;
  status.take.playbackIndex = frame.take?.playback?.index ?? null;
  updateOverlay(frame);
}
requestAnimationFrame(tick);

function updateOverlay(frame?: FrameMessage): void {
  if (!showOverlay && connection !== 'refused') return;
  const f = frame ?? latest;
  const lag = latest && renderedFrame >= 0 ? latest.frame - renderedFrame : 0;
  overlay.classList.toggle('bad', connection !== 'open');
  if (connection === 'refused') {
    // Shown even with debug=0: a wall that will never draw must say why, where the crew is looking.
    overlay.hidden = false;
    overlay.textContent = `wall ${wallId}: the engine refused this page\n${live.refusedReason}`;
    return;
  }
  overlay.textContent = [
    `wall ${wallId}  ${wall ? `${wall.widthPx}×${wall.heightPx}` : ''}`,
    `frame ${f?.frame ?? '–'}  ${f?.timecode ?? ''}`,
    `${Math.round(fps)} fps  lag ${lag}  ${connection}`,
    `clock ${status.clock.errorMs === null ? 'not synced' : `±${status.clock.errorMs.toFixed(2)} ms`}  dropped ${status.droppedFrames}`,
    `camera ${f?.activeCameraId ?? '–'}  scene ${scenes.current?.id ?? '–'}`,
    ...(sceneStatus ? [sceneStatus] : []),
  ].join('\n');
  takeTally.update(f?.take);
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : hi;
}
