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
import { FrameClock, type FrameTick } from './clock/FrameClock.ts';
import { frameRateFromFps } from './clock/FrameRate.ts';
import { RollingSummary } from './clock/RollingSummary.ts';
import type { EngineConfig } from './config/EngineConfig.ts';
import { FrameBuilder } from './frame/FrameBuilder.ts';
import { HttpServer } from './http/HttpServer.ts';
import { sendError, sendJson } from './http/sendJson.ts';
import { AuditLog, AuditQuerySchema } from './audit/AuditLog.ts';
import { Director } from './director/Director.ts';
import { MoveSpecSchema } from './director/MoveSpec.ts';
import type { SuggestionSource } from './director/SuggestionSource.ts';
import { loadSuggestionSource } from './director/loadSuggestionSource.ts';
import { StaticFiles } from './http/StaticFiles.ts';
import { CommandRegistry } from './live/CommandRegistry.ts';
import { LiveServer } from './live/LiveServer.ts';
import type { Logger } from './log/createLogger.ts';
import { createOffAxisResult, offAxisProjection } from './projection/offAxisProjection.ts';
import type { HelloMessage, StageWire } from './protocol/LiveMessages.ts';
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
}

export interface EnginePorts {
  http: number;
  osc: number;
  freed: number;
  opentrackio: number;
}

export const DEFAULT_UI_DIR = path.resolve(import.meta.dirname, '..', 'dist', 'stage-ui');

export class Engine {
  readonly hub: TrackingHub;
  readonly http: HttpServer;
  readonly ingest: IngestEndpoint;
  readonly live: LiveServer;
  readonly commands: CommandRegistry;
  readonly frames: FrameBuilder;
  readonly frameClock: FrameClock;
  readonly receivers: { osc: UdpReceiver; freed: UdpReceiver; opentrackio: UdpReceiver };
  readonly stage: Stage;
  readonly audit: AuditLog;
  director: Director | undefined;
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
      hello: (client) => this.hello(client.id, client.role),
      onProtocolError: (client, reason) => log.debug({ clientId: client.id, reason }, 'bad /live message'),
    });
    this.frameClock = new FrameClock({
      rate: frameRateFromFps(config.fps),
      onTick: (tick) => this.onTick(tick),
      onError: (err) => log.error({ err }, 'frame tick failed'),
    });

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
    this.http.get('/favicon.ico', { handle: ({ res }) => void res.writeHead(204).end() });
    this.http.get('/assets/*', { handle: ({ req, res, params }) => pages.serve(res, `assets/${params.rest}`, req.method) });
    this.http.upgrade({ path: '/ingest', roles: ['operator', 'director'], handle: (req, socket, head) => this.ingest.handleUpgrade(req, socket, head) });
    this.http.upgrade({ path: '/live', roles: ROLES, handle: (req, socket, head, role) => this.live.handleUpgrade(req, socket, head, role) });
  }

  async start(): Promise<EnginePorts> {
    const { config, log, clock } = this.options;
    let source = this.options.suggestionSource;
    if (!source) {
      try {
        source = await loadSuggestionSource(log, config.dataDir);
      } catch (err) {
        // Tracking and walls still run; suggestion commands answer VP_ERR_NOT_READY.
        log.error({ err }, 'AI director model failed to load: no suggestions this session (run npm run train)');
      }
    }
    if (source) this.director = new Director({
      hub: this.hub,
      stage: this.stage,
      frames: this.frames,
      live: this.live,
      audit: this.audit,
      source,
      log,
      nowS: () => clock.nowS(),
      pois: DEMO_SCENE_POIS,
    });
    await Promise.all(Object.values(this.receivers).map((r) => r.listen()));
    const http = await this.http.listen(config.httpPort, config.host);
    this.ports = { http, osc: this.receivers.osc.port, freed: this.receivers.freed.port, opentrackio: this.receivers.opentrackio.port };
    this.frameClock.start();
    this.options.log.info({ ports: this.ports, host: config.host, fps: config.fps, stage: this.stage.name }, 'engine listening');
    return this.ports;
  }

  async stop(): Promise<void> {
    this.frameClock.stop();
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
    for (const queued of this.live.takeCommands()) this.live.ack(queued.client, this.commands.execute(queued));
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
      args: z.strictObject({ walls: z.union([z.literal('*'), z.array(z.string()).max(64)]) }),
      run: ({ walls }, client) => {
        if (walls !== '*') {
          const unknown = walls.filter((w) => !this.stage.walls.some((s) => s.id === w));
          if (unknown.length) throw new Error(`VP_ERR_UNKNOWN_WALL: ${unknown.join(', ')}`);
        }
        client.walls = walls === '*' ? '*' : new Set(walls);
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
    this.commands.register('suggestion.refresh', { roles: [...director, 'designer'], args: empty, run: () => d().invalidate() });
  }

  private hello(clientId: string, role: HelloMessage['role']): HelloMessage {
    return {
      type: 'hello',
      protocolVersion: LIVE_PROTOCOL_VERSION,
      clientId,
      role,
      fps: this.options.config.fps,
      frame: this.live.frame,
      stage: this.stageWire,
      scene: DEMO_SCENE,
      activeCameraId: this.frames.activeCameraId,
      allowedCommands: this.commands.allowedFor(role),
      pois: DEMO_SCENE_POIS.map(({ id, name, position }) => ({ id, name, position: [...position] })),
      suggestions: this.director?.latestSuggestions ?? null,
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
      director: this.director?.stats ?? null,
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
