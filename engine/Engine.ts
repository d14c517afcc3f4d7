// The engine process in one object: tracking hub and receivers, frame clock, /live fan-out, HTTP pages and API.
import path from 'node:path';
import { z } from 'zod';
import { AxisMapping, IDENTITY_MAPPING } from '../camera-bridge/AxisMapping.ts';
import type { EngineClock } from '../camera-bridge/EngineClock.ts';
import { decodeFreeDPacket, DEFAULT_FREED_LENS_TABLE, type FreeDLensTable } from '../camera-bridge/freed/index.ts';
import { createOpenTrackIoDecoder } from '../camera-bridge/opentrackio/createOpenTrackIoDecoder.ts';
import { decodeOscPacket } from '../camera-bridge/osc/decodeOscPacket.ts';
import { TrackingHub } from '../camera-bridge/TrackingHub.ts';
import { UdpReceiver } from '../camera-bridge/UdpReceiver.ts';
import { IngestEndpoint } from '../camera-bridge/websocket/IngestEndpoint.ts';
import { ROLES, type RoleTokens } from './auth/RoleTokens.ts';
import { FrameSlack } from './clock/FrameSlack.ts';
import { FrameClock, type FrameTick } from './clock/FrameClock.ts';
import { frameRateFromFps } from './clock/FrameRate.ts';
import { RollingSummary } from './clock/RollingSummary.ts';
import type { EngineConfig } from './config/EngineConfig.ts';
import { FrameBuilder } from './frame/FrameBuilder.ts';
import { HttpServer } from './http/HttpServer.ts';
import { sendError, sendJson } from './http/sendJson.ts';
import { AuditLog, AuditQuerySchema } from './audit/AuditLog.ts';
import { Director } from './director/Director.ts';
import { MoveSpecSchema } from './protocol/MoveSpec.ts';
import type { SuggestionSource } from './director/SuggestionSource.ts';
import { loadSuggestionSource } from './director/loadSuggestionSource.ts';
import { WorkerSuggestionSource } from './director/worker/WorkerSuggestionSource.ts';
import { StaticFiles } from './http/StaticFiles.ts';
import { CommandRegistry } from './live/CommandRegistry.ts';
import { LiveServer } from './live/LiveServer.ts';
import type { Logger } from './log/createLogger.ts';
import { createOffAxisResult, offAxisProjection } from './projection/offAxisProjection.ts';
import type { HelloMessage, SceneRefWire, StageWire } from './protocol/LiveMessages.ts';
import { SceneLibrary, type SceneLibraryEvent } from './scene/SceneLibrary.ts';
import type { PointOfInterest } from './director/DirectorInput.ts';
import type { Vec3 } from '../camera-bridge/CameraSample.ts';
import { DEMO_SCENE, DEMO_SCENE_POIS } from './scene/demoScene.ts';
import type { Stage } from './stage/Stage.ts';
import { LIVE_PROTOCOL_VERSION } from './protocol/LiveMessages.ts';

export const ENGINE_VERSION = '0.1.0';


export interface EngineOptions {
  config: EngineConfig;
  stage: Stage;
  tokens: RoleTokens;
  log: Logger;
  clock: EngineClock;
  /** Built browser pages (vite output); default `dist/stage-ui` at the repository root. */
  uiDir?: string;
  /** FreeD lens tables by camera id (`freed-1`); others use the default table. */
  freedLensTables?: ReadonlyMap<string, FreeDLensTable>;
  /** The AI behind suggestions; default: the shipped TensorFlow.js model (loaded in `start`). */
  suggestionSource?: SuggestionSource;
  /** Scene files and their assets; defaults: the repository's `scenes/` and `assets/scenes/`. */
  scenesDir?: string;
  sceneAssetsDir?: string;
}

/** Clients preload a new scene for this long before every wall swaps to it on the same frame, s. */
export const SCENE_SWAP_DELAY_S = 1;
/** A hot-reloaded scene swaps sooner: the edit should show within a second. */
export const SCENE_RELOAD_SWAP_DELAY_S = 0.4;

export interface EnginePorts {
  http: number;
  osc: number;
  freed: number;
  opentrackio: number;
}

export const DEFAULT_UI_DIR = path.resolve(import.meta.dirname, '..', 'dist', 'stage-ui');
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export class Engine {
  readonly hub: TrackingHub;
  readonly http: HttpServer;
  readonly ingest: IngestEndpoint;
  readonly live: LiveServer;
  readonly commands: CommandRegistry;
  readonly frames: FrameBuilder;
  readonly frameClock: FrameClock;
  /** Background work (AI refreshes) runs here, in the middle of the frame, never right after the tick. */
  private readonly slack: FrameSlack;
  /** The suggestion source the engine started (and stops); undefined when one was passed in. */
  private ownSource: SuggestionSource | undefined;
  readonly receivers: { osc: UdpReceiver; freed: UdpReceiver; opentrackio: UdpReceiver };
  readonly stage: Stage;
  readonly audit: AuditLog;
  director: Director | undefined;
  scenes: SceneLibrary | undefined;
  /** What the walls show (or are about to, from `swapAtFrame`). */
  scene: SceneRefWire = { ...DEMO_SCENE, version: 0, swapAtFrame: 0 };
  /** Processing time of each tick (commands, sampling, projections, fan-out), ms. */
  readonly tickMs = new RollingSummary(1000);
  private readonly options: EngineOptions;
  private readonly startedAtS: number;
  private readonly stageWire: StageWire;
  ports: EnginePorts | undefined;

  constructor(options: EngineOptions) {
    this.options = options;
    const { config, log, clock, stage } = options;
    this.stage = stage;
    this.startedAtS = clock.nowS();
    this.hub = new TrackingHub({
      clock,
      staleTimeoutS: config.staleTimeoutMs / 1000,
      ...(stage.lockCameras && { allowedCameraIds: new Set(stage.cameras.map((c) => c.id)) }),
    });
    this.hub.on('stale', (s) => log.warn({ sourceId: s.sourceId }, 'tracking source stale'));
    this.hub.on('fresh', (s) => log.info({ sourceId: s.sourceId }, 'tracking source fresh'));

    const onReject = (protocol: string) => (reason: string, detail: string, sender?: { address: string; port: number }) =>
      log.debug({ protocol, reason, detail, sender: sender && `${sender.address}:${sender.port}` }, 'rejected');
    const onError = (protocol: string) => (err: Error) => log.error({ protocol, err }, 'receiver socket error');

    // Decoders emit each protocol's native frame; the hub applies the per-source axis mapping.
    const native = new AxisMapping(IDENTITY_MAPPING);
    const lensTables = options.freedLensTables ?? new Map<string, FreeDLensTable>();
    const host = config.host;
    this.receivers = {
      osc: new UdpReceiver({ protocol: 'osc', host, port: config.oscPort, hub: this.hub, decode: (buf) => decodeOscPacket(buf), onReject: onReject('osc'), onError: onError('osc') }),
      freed: new UdpReceiver({
        protocol: 'freed',
        host,
        port: config.freedPort,
        hub: this.hub,
        // Byte 1 is the camera number: pick that rig's lens table before decoding.
        decode: (buf) => decodeFreeDPacket(buf, native, lensTables.get(`freed-${buf[1]}`) ?? DEFAULT_FREED_LENS_TABLE),
        onReject: onReject('freed'),
        onError: onError('freed'),
      }),
      opentrackio: new UdpReceiver({
        protocol: 'opentrackio',
        host,
        port: config.otioPort,
        hub: this.hub,
        decode: createOpenTrackIoDecoder(native),
        onReject: onReject('opentrackio'),
        onError: onError('opentrackio'),
      }),
    };
    this.ingest = new IngestEndpoint({ hub: this.hub, onReject: onReject('ws') });

    this.audit = new AuditLog(config.dataDir, () => ({ tS: clock.nowS(), at: new Date() }));
    this.stageWire = toStageWire(stage);
    this.frames = new FrameBuilder(stage, this.hub);
    this.commands = new CommandRegistry(log);
    this.registerCommands();
    this.registerDirectorCommands();
    this.live = new LiveServer({
      nowS: () => clock.nowS(),
      wallIds: () => stage.walls.map((w) => w.id),
      hello: (client) => this.hello(client.id, client.role, client.director),
      onProtocolError: (client, reason) => log.debug({ clientId: client.id, reason }, 'bad /live message'),
    });
    this.frameClock = new FrameClock({
      rate: frameRateFromFps(config.fps),
      spinWindowMs: config.clockSpinMs,
      onTick: (tick) => this.onTick(tick),
      onError: (err) => log.error({ err }, 'frame tick failed'),
    });
    this.slack = new FrameSlack(this.frameClock);

    const pages = new StaticFiles(options.uiDir ?? DEFAULT_UI_DIR);
    this.http = new HttpServer(options.tokens, log);
    this.http.get('/api/health', { handle: ({ res }) => sendJson(res, 200, this.health()) });
    this.http.get('/api/state', { roles: ROLES, handle: ({ res }) => sendJson(res, 200, this.state()) });
    // Pages carry no data (everything comes over /live with a token), so they are public.
    this.http.get('/', { handle: ({ req, res }) => pages.serve(res, 'index.html', req.method) });
    this.http.get('/wall/:wallId', { handle: ({ req, res }) => pages.serve(res, 'wall/index.html', req.method) });
    this.http.get('/api/audit', {
      roles: ROLES,
      handle: ({ res, url }) => {
        const q = AuditQuerySchema.safeParse(Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k !== 'token')));
        if (!q.success) return sendError(res, 400, 'VP_ERR_BAD_QUERY', `${q.error.issues[0]!.path.join('.')}: ${q.error.issues[0]!.message}`);
        sendJson(res, 200, { records: this.audit.query(q.data) });
      },
    });
    this.http.get('/api/scenes', { roles: ROLES, handle: ({ res }) => sendJson(res, 200, { current: this.scene, scenes: this.sceneList() }) });
    // Scene files and assets are public like the pages: walls fetch them without their token.
    this.http.get('/scenes/:file', {
      handle: ({ res, params }) => {
        const id = /^([a-z0-9-]{1,40})\.json$/.exec(params.file ?? '')?.[1];
        const manifest = id ? this.scenes?.get(id) : undefined;
        if (!manifest) return sendError(res, 404, 'VP_ERR_NOT_FOUND', `no valid scene ${params.file}`);
        sendJson(res, 200, manifest);
      },
    });
    const sceneAssets = new StaticFiles(options.sceneAssetsDir ?? path.join(REPO_ROOT, 'assets', 'scenes'));
    this.http.get('/assets/scenes/*', { handle: ({ req, res, params }) => sceneAssets.serve(res, params.rest ?? '', req.method) });
    this.http.get('/favicon.ico', { handle: ({ res }) => void res.writeHead(204).end() });
    this.http.get('/assets/*', { handle: ({ req, res, params }) => pages.serve(res, `assets/${params.rest}`, req.method) });
    this.http.upgrade({ path: '/ingest', roles: ['operator', 'director'], handle: (req, socket, head) => this.ingest.handleUpgrade(req, socket, head) });
    this.http.upgrade({ path: '/live', roles: ROLES, handle: (req, socket, head, role) => this.live.handleUpgrade(req, socket, head, role) });
  }

  async start(): Promise<EnginePorts> {
    const { config, log, clock } = this.options;
    this.scenes = await SceneLibrary.open({
      scenesDir: this.options.scenesDir ?? path.join(REPO_ROOT, 'scenes'),
      assetsDir: this.options.sceneAssetsDir ?? path.join(REPO_ROOT, 'assets', 'scenes'),
    });
    for (const s of this.scenes.list().filter((x) => !x.valid)) log.warn({ scene: s.id, error: s.error }, 'scene file invalid');
    this.scenes.on((e) => this.onSceneFileEvent(e));
    this.scenes.watch();
    const source = this.options.suggestionSource ?? (this.ownSource = await this.loadSource());
    if (source) this.director = new Director({
      hub: this.hub,
      stage: this.stage,
      frames: this.frames,
      live: this.live,
      audit: this.audit,
      source,
      log,
      nowS: () => clock.nowS(),
      pois: this.scenePois(),
      slack: (fn) => this.slack.run(fn),
    });
    await Promise.all(Object.values(this.receivers).map((r) => r.listen()));
    const http = await this.http.listen(config.httpPort, config.host);
    this.ports = { http, osc: this.receivers.osc.port, freed: this.receivers.freed.port, opentrackio: this.receivers.opentrackio.port };
    this.frameClock.start();
    this.options.log.info({ ports: this.ports, host: config.host, fps: config.fps, stage: this.stage.name }, 'engine listening');
    return this.ports;
  }

  /** The AI director's model: in its worker thread, else (it could not start) on this thread, else none. */
  private async loadSource(): Promise<SuggestionSource | undefined> {
    const { config, log } = this.options;
    if (config.aiThread === 'worker') {
      try {
        return await WorkerSuggestionSource.start({ dataDir: config.dataDir, log });
      } catch (err) {
        log.warn({ err }, 'AI director worker thread did not start: running the model on the engine thread');
      }
    }
    try {
      return await loadSuggestionSource(log, config.dataDir);
    } catch (err) {
      // Tracking and walls still run; suggestion commands answer VP_ERR_NOT_READY.
      log.error({ err }, 'AI director model failed to load: no suggestions this session (run npm run train)');
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.frameClock.stop();
    await this.ownSource?.close?.();
    this.scenes?.close();
    await this.live.close();
    await this.ingest.close();
    await this.http.close();
    await Promise.all(Object.values(this.receivers).map((r) => r.close()));
    this.audit.close();
    this.options.log.info('engine stopped');
  }

  /** One frame: commands from the last interval, stale flags, camera sampling, projections, fan-out. */
  private onTick(tick: FrameTick): void {
    const t0 = process.hrtime.bigint();
    const nowS = this.options.clock.nowS();
    for (const queued of this.live.takeCommands()) {
      const ack = this.commands.execute(queued);
      if (ack instanceof Promise) void ack.then((a) => this.live.ack(queued.client, a));
      else this.live.ack(queued.client, ack);
    }
    this.hub.checkStale(nowS);
    this.director?.tick(nowS);
    this.live.publish(this.frames.build(tick.frame, tick.timeS, tick.timecode, nowS, this.director?.moveJson()));
    this.tickMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  private registerCommands(): void {
    const director = ['director'] as const;
    const operators = ['operator', 'director'] as const;
    this.commands.register('live.subscribe', {
      roles: ROLES,
      args: z.strictObject({ walls: z.union([z.literal('*'), z.array(z.string()).max(64)]).optional(), director: z.boolean().optional() }),
      run: ({ walls, director }, client) => {
        if (walls !== undefined && walls !== '*') {
          const unknown = walls.filter((w) => !this.stage.walls.some((s) => s.id === w));
          if (unknown.length) throw new Error(`VP_ERR_UNKNOWN_WALL: ${unknown.join(', ')}`);
        }
        if (walls !== undefined) client.walls = walls === '*' ? '*' : new Set(walls);
        if (director !== undefined) client.director = director;
      },
    });
    this.commands.register('camera.select', {
      roles: [...director, 'operator'],
      args: z.strictObject({ cameraId: z.string().min(1).max(64) }),
      run: ({ cameraId }) => {
        if (!this.hub.cameraIds().includes(cameraId)) throw new Error(`VP_ERR_UNKNOWN_CAMERA: ${cameraId}`);
        this.frames.activeCameraId = cameraId;
        this.live.broadcast({ type: 'event', name: 'camera.selected', data: { cameraId } });
      },
    });
    this.commands.register('camera.offset', {
      roles: operators,
      args: z.strictObject({ sourceId: z.string().min(1).max(140), latencyOffsetMs: z.number() }),
      run: ({ sourceId, latencyOffsetMs }) => this.hub.configureSource(sourceId, { latencyOffsetMs }),
    });
    this.commands.register('source.configure', {
      roles: operators,
      args: z.strictObject({ sourceId: z.string().min(1).max(140), patch: z.unknown() }),
      run: ({ sourceId, patch }) => this.hub.configureSource(sourceId, patch),
    });
  }

  private registerDirectorCommands(): void {
    const director = ['director'] as const;
    const d = () => {
      if (!this.director) throw new Error('VP_ERR_NOT_READY: the AI director is still loading');
      return this.director;
    };
    const empty = z.strictObject({});
    const Changes = MoveSpecSchema.partial().omit({ kind: true }).strict();
    this.commands.register('suggestion.accept', { roles: director, args: z.strictObject({ suggestionId: z.string().min(1).max(64) }), run: ({ suggestionId }, c) => d().accept(c, suggestionId) });
    this.commands.register('suggestion.reject', {
      roles: director,
      args: z.strictObject({ suggestionId: z.string().min(1).max(64), reason: z.string().max(500).optional() }),
      run: ({ suggestionId, reason }, c) => d().reject(c, suggestionId, reason),
    });
    this.commands.register('suggestion.adjust', {
      roles: director,
      args: z.strictObject({ suggestionId: z.string().min(1).max(64), changes: Changes, start: z.boolean().default(false) }),
      run: ({ suggestionId, changes, start }, c) => d().adjust(c, suggestionId, changes, start),
    });
    this.commands.register('move.start', { roles: director, args: z.strictObject({ spec: MoveSpecSchema }), run: ({ spec }, c) => d().startHumanMove(c, spec) });
    this.commands.register('move.pause', { roles: director, args: empty, run: (_a, c) => d().pause(c) });
    this.commands.register('move.resume', { roles: director, args: empty, run: (_a, c) => d().resume(c) });
    this.commands.register('move.abort', { roles: director, args: empty, run: (_a, c) => d().abort(c) });
    this.commands.register('move.reset', { roles: director, args: empty, run: (_a, c) => d().reset(c) });
    this.commands.register('move.scrub', { roles: director, args: z.strictObject({ progress: z.number().min(0).max(1) }), run: ({ progress }, c) => d().scrub(c, progress) });
    this.commands.register('move.speed', { roles: director, args: z.strictObject({ speed: z.number().min(0.1).max(4) }), run: ({ speed }, c) => d().speed(c, speed) });
    this.commands.register('move.adjust', { roles: director, args: z.strictObject({ changes: Changes }), run: ({ changes }, c) => d().adjustMove(c, changes) });
    this.commands.register('scene.load', {
      roles: ['designer', 'director'],
      args: z.strictObject({ sceneId: z.string().min(1).max(40) }),
      run: ({ sceneId }, c) => {
        const name = sceneId === DEMO_SCENE.id ? DEMO_SCENE.name : this.scenes?.get(sceneId)?.name;
        if (!name) throw new Error(`VP_ERR_UNKNOWN_SCENE: ${sceneId} is not a valid scene`);
        this.options.log.info({ sceneId, role: c.role, clientId: c.id }, 'scene switch');
        return this.switchScene(sceneId, name, SCENE_SWAP_DELAY_S);
      },
    });
    const Vec3Arg = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
    this.commands.register('scene.savePoints', {
      roles: ['designer'],
      args: z.strictObject({
        sceneId: z.string().min(1).max(40),
        pointsOfInterest: z.array(z.strictObject({ id: z.string(), name: z.string(), position: Vec3Arg, suggestedSubjectHeightFraction: z.number().optional() })).max(64),
        cameraMarks: z.array(z.strictObject({ id: z.string(), name: z.string(), position: Vec3Arg, lookAt: Vec3Arg, focalLengthMm: z.number().optional() })).max(64),
      }),
      run: async ({ sceneId, pointsOfInterest, cameraMarks }) => {
        if (!this.scenes?.get(sceneId)) throw new Error(`VP_ERR_UNKNOWN_SCENE: ${sceneId} cannot be saved`);
        // Validated again by the library against the full scene schema; written atomically with a .bak.
        const saved = await this.scenes.savePoints(sceneId, pointsOfInterest, cameraMarks);
        return { sceneId, pointsOfInterest: saved.pointsOfInterest.length, cameraMarks: saved.cameraMarks.length };
      },
    });
    this.commands.register('suggestion.refresh', { roles: [...director, 'designer'], args: empty, run: () => d().invalidate() });
  }

  /** Every wall swaps to `sceneId` on the same frame, `delayS` from now, after preloading it. */
  private switchScene(sceneId: string, name: string, delayS: number): SceneRefWire {
    const swapAtFrame = Math.max(0, this.live.frame) + Math.round(delayS * this.options.config.fps);
    this.scene = { id: sceneId, name, version: (this.scene.version ?? 0) + 1, swapAtFrame };
    this.director?.sceneChanged(this.scenePois());
    this.live.broadcast({ type: 'event', name: 'scene.loaded', data: this.scene });
    return this.scene;
  }

  /** Hot reload: an edit to the current scene reaches every client; an invalid edit keeps the old one and says why. */
  private onSceneFileEvent(e: SceneLibraryEvent): void {
    if (e.type === 'invalid') {
      this.options.log.warn({ scene: e.id, error: e.error }, 'scene edit invalid: keeping the previous version');
      this.live.broadcast({ type: 'event', name: 'scene.invalid', data: { id: e.id, error: e.error } });
      return;
    }
    if (e.id !== this.scene.id) return;
    if (!e.manifest) return; // deleted: keep showing what is loaded
    this.options.log.info({ scene: e.id }, 'scene changed on disk: reloading');
    this.switchScene(e.id, e.manifest.name, SCENE_RELOAD_SWAP_DELAY_S);
  }

  private scenePois(): PointOfInterest[] {
    if (this.scene.id === DEMO_SCENE.id) return DEMO_SCENE_POIS;
    return this.scenes?.get(this.scene.id)?.pointsOfInterest.map((p) => ({ ...p, position: [...p.position] as Vec3 })) ?? [];
  }

  private sceneList(): object[] {
    const demo = { id: DEMO_SCENE.id, name: DEMO_SCENE.name, description: 'Built-in procedural plaza', poisCount: DEMO_SCENE_POIS.length, valid: true };
    return [demo, ...(this.scenes?.list() ?? [])];
  }

  private hello(clientId: string, role: HelloMessage['role'], director: boolean): HelloMessage {
    return {
      type: 'hello',
      protocolVersion: LIVE_PROTOCOL_VERSION,
      clientId,
      role,
      fps: this.options.config.fps,
      frame: this.live.frame,
      stage: this.stageWire,
      scene: this.scene,
      activeCameraId: this.frames.activeCameraId,
      allowedCommands: this.commands.allowedFor(role),
      pois: this.scenePois().map(({ id, name, position }) => ({ id, name, position: [...position] })),
      suggestions: director ? (this.director?.latestSuggestions ?? null) : null,
    };
  }

  health(): object {
    const nowS = this.options.clock.nowS();
    const sources = this.hub.health(nowS);
    const renderNodes = this.live.renderNodes(nowS);
    const allStale = sources.length > 0 && sources.every((s) => s.stale);
    const clock = this.frameClock.stats();
    return {
      status: allStale || renderNodes.some((n) => !n.inSync) ? 'degraded' : 'ok',
      version: ENGINE_VERSION,
      uptimeS: Math.round((nowS - this.startedAtS) * 1000) / 1000,
      fps: this.options.config.fps,
      frame: this.live.frame,
      ports: this.ports,
      tfjsBackend: this.director?.backend ?? null,
      modelVersion: this.director?.modelVersion ?? null,
      director: this.director ? directorHealth(this.director) : null,
      staleTimeoutMs: this.options.config.staleTimeoutMs,
      activeCameraId: this.frames.activeCameraId,
      sources,
      receivers: [...Object.values(this.receivers).map((r) => r.stats()), { protocol: 'ws', port: this.ports?.http, ...this.ingest.stats() }],
      unattributedRejections: Object.fromEntries([...this.hub.unattributed].map(([p, c]) => [p, c.toJSON()])),
      frameClock: { ...clock, tickMs: this.tickMs.summarize() },
      live: { clients: this.live.clientCount, rejectedMessages: this.live.rejectedMessages },
      renderNodes,
    };
  }

  state(): object {
    const nowS = this.options.clock.nowS();
    return {
      t: nowS,
      frame: this.live.frame,
      activeCameraId: this.frames.activeCameraId,
      cameras: this.hub.cameraIds().map((id) => {
        const s = this.hub.latestSample(id)!;
        return { ...s, position: [...s.position], rotation: [...s.rotation], stale: this.hub.isCameraStale(id, nowS) };
      }),
      subjects: this.hub.subjectList(),
    };
  }
}

/** Refresh stats, and where the model runs: in its worker, also the inference time there and how often it restarted. */
function directorHealth(director: Director): Record<string, unknown> {
  const source = director.source;
  if (!(source instanceof WorkerSuggestionSource)) return { ...director.stats, thread: 'main' };
  return { ...director.stats, thread: 'worker', workerInferenceMs: source.lastInferenceMs, workerRestarts: source.restarts };
}

/** The stage as sent in `hello`, with each section's static outer-frustum matrices. */
function toStageWire(stage: Stage): StageWire {
  const off = createOffAxisResult();
  return {
    name: stage.name,
    outerViewpoint: [...stage.outerViewpoint],
    ...(stage.safeVolume && { safeVolume: { min: [...stage.safeVolume.min], max: [...stage.safeVolume.max] } }),
    cameras: stage.cameras.map((c) => ({ ...c })),
    walls: stage.walls.map((w) => ({
      id: w.id,
      type: w.type,
      resolutionPx: [...w.resolutionPx],
      sections: w.sections.map((s) => {
        const outer = offAxisProjection(s.pa, s.pb, s.pc, stage.outerViewpoint, 0.05, 2000, off);
        return {
          index: s.index,
          pa: [...s.pa],
          pb: [...s.pb],
          pc: [...s.pc],
          widthM: s.widthM,
          heightM: s.heightM,
          viewportPx: [...s.viewportPx],
          outer: outer ? { projection: [...outer.projection], view: [...outer.view] } : null,
        };
      }),
    })),
  };
}
