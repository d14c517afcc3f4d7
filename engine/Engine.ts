// The engine process wired together: tracking in (receivers → hub), the frame clock's tick (commands → moves →
// AI director → frame composer → encoder → /live), the HTTP routes, scenes and the AI director's seams.
// Wiring only: each part lives in its own folder (see the README's Layout).
import path from 'node:path';
import { readTls } from './config/readTls.ts';
import { udpAllowlist } from './config/udpAllowlist.ts';
import { rejectLogger } from './log/rejectLogger.ts';
import { authCommands } from './server/commands/authCommands.ts';
import { AxisMapping, IDENTITY_MAPPING } from '../camera-bridge/AxisMapping.ts';
import type { EngineClock } from '../camera-bridge/EngineClock.ts';
import { createFreeDDecoder, DEFAULT_FREED_LENS_TABLE, type FreeDLensTable } from '../camera-bridge/freed/index.ts';
import { createOpenTrackIoDecoder } from '../camera-bridge/opentrackio/createOpenTrackIoDecoder.ts';
import { decodeOscPacket } from '../camera-bridge/osc/decodeOscPacket.ts';
import { MAX_EXTRAPOLATION_S as MAX_PREDICTION_S } from '../camera-bridge/PoseHistory.ts';
import { TrackingHub } from '../camera-bridge/TrackingHub.ts';
import { UdpReceiver, type DatagramDecoder, type UdpMulticastOptions } from '../camera-bridge/UdpReceiver.ts';
import { IngestEndpoint } from '../camera-bridge/websocket/IngestEndpoint.ts';
import { AuditLog } from './audit/AuditLog.ts';
import type { RoleTokens } from './auth/RoleTokens.ts';
import { FrameClock, type FrameTick } from './clock/FrameClock.ts';
import { frameRateFromFps } from './clock/FrameRate.ts';
import { FrameSlack } from './clock/FrameSlack.ts';
import { RollingSummary } from './clock/RollingSummary.ts';
import type { EngineConfig } from './config/EngineConfig.ts';
import { otioMulticastPlan } from './config/otioMulticast.ts';
import { DirectorSession } from './director/DirectorSession.ts';
import { loadSuggestionSource } from './director/loadSuggestionSource.ts';
import type { SuggestionSource } from './director/SuggestionSource.ts';
import { WorkerSuggestionSource } from './director/worker/WorkerSuggestionSource.ts';
import { FrameComposer } from './frame/FrameComposer.ts';
import { FrameEncoder } from './frame/FrameEncoder.ts';
import { createMoveSnapshot } from './frame/FrameSnapshot.ts';
import { HttpServer } from './http/HttpServer.ts';
import { CommandRegistry } from './live/CommandRegistry.ts';
import { LiveServer } from './live/LiveServer.ts';
import type { Logger } from './log/createLogger.ts';
import { CameraMoves } from './moves/CameraMoves.ts';
import { LIVE_PROTOCOL_VERSION, type HelloMessage, type SceneRefWire, type StageWire } from './protocol/LiveMessages.ts';
import type { EngineHealthWire } from './protocol/health.ts';
import { SceneLibrary } from './scene/SceneLibrary.ts';
import { cameraCommands } from './server/commands/cameraCommands.ts';
import { directorCommands } from './server/commands/directorCommands.ts';
import { liveCommands } from './server/commands/liveCommands.ts';
import { sceneCommands } from './server/commands/sceneCommands.ts';
import { createDirectorOutbox, createDirectorView } from './server/directorWiring.ts';
import { ENGINE_VERSION, engineHealth, engineState, type EnginePorts } from './server/engineReports.ts';
import { DEFAULT_UI_DIR, REPO_ROOT, registerHttpRoutes } from './server/httpRoutes.ts';
import { SceneControl } from './server/SceneControl.ts';
import { TakeControl } from './server/TakeControl.ts';
import { takeCommands } from './server/commands/takeCommands.ts';
import { toStageWire } from './server/stageWire.ts';
import type { Stage } from './stage/Stage.ts';

export { DEFAULT_UI_DIR, type EnginePorts };
export { ENGINE_VERSION } from './server/engineReports.ts';
export { SCENE_RELOAD_SWAP_DELAY_S, SCENE_SWAP_DELAY_S } from './server/SceneControl.ts';

export interface EngineOptions {
  config: EngineConfig;
  stage: Stage;
  tokens: RoleTokens;
  log: Logger;
  clock: EngineClock;
  /** Built browser pages (vite output); default `dist/stage-ui` at the repository root. */
  uiDir?: string;
  /** FreeD lens tables by camera id (`freed-1`); default: the stage cameras' `freedLensTable`s; others use the built-in table. */
  freedLensTables?: ReadonlyMap<string, FreeDLensTable>;
  /** The AI behind suggestions; default: the shipped TensorFlow.js model (loaded in `start`). */
  suggestionSource?: SuggestionSource;
  /** Scene files and their assets; defaults: the repository's `scenes/` and `assets/scenes/`. */
  scenesDir?: string;
  sceneAssetsDir?: string;
  /** Where a take's records go (default: its folder): tests point it at /dev/full for a disk that is full. */
  takeRecordsFile?: (takeId: string) => string;
}

export class Engine {
  readonly hub: TrackingHub;
  readonly http: HttpServer;
  readonly ingest: IngestEndpoint;
  readonly live: LiveServer;
  readonly commands: CommandRegistry;
  /** Every camera's move controller: the director starts moves, the composer adds their offsets. */
  readonly moves: CameraMoves;
  readonly frames: FrameComposer;
  private readonly encoder = new FrameEncoder();
  readonly frameClock: FrameClock;
  /** Background work (AI refreshes) runs here, in the middle of the frame, never right after the tick. */
  private readonly slack: FrameSlack;
  /** The suggestion source the engine started (and stops); undefined when one was passed in. */
  private ownSource: SuggestionSource | undefined;
  readonly receivers: { osc: UdpReceiver; freed: UdpReceiver; opentrackio: UdpReceiver };
  readonly stage: Stage;
  readonly audit: AuditLog;
  readonly scenes: SceneControl;
  readonly takes: TakeControl;
  private lastTimecode = '00:00:00:00';
  director: DirectorSession | undefined;
  /** Processing time of each tick (commands, sampling, projections, fan-out), ms. */
  readonly tickMs = new RollingSummary(1000);
  private readonly options: EngineOptions;
  private readonly startedAtS: number;
  private readonly stageWire: StageWire;
  ports: EnginePorts | undefined;
  /** The pan-stop test (`walls.calibration`). */
  readonly calibration = { grid: false };
  /** Frames meant for the screen `presentLeadS` after their tick; LEDs `displayDelayS` later still. */
  readonly timing: { presentLeadS: number; displayDelayS: number };

  constructor(options: EngineOptions) {
    this.options = options;
    const { config, log, clock, stage } = options;
    this.stage = stage;
    this.startedAtS = clock.nowS();
    this.hub = new TrackingHub({
      clock,
      staleTimeoutS: config.staleTimeoutMs / 1000,
      subjectStaleTimeoutS: config.subjectStaleMs / 1000,
      ...(stage.lockCameras && { allowedCameraIds: new Set(stage.cameras.map((c) => c.id)) }),
      sourceConfig: Object.fromEntries(stage.cameras.filter((c) => c.latencyOffsetMs !== undefined).map((c) => [`camera:${c.id}`, { latencyOffsetMs: c.latencyOffsetMs }])),
      sensorFor: (cameraId) => {
        const c = stage.cameras.find((cam) => cam.id === cameraId);
        return c && { widthMm: c.sensorWidthMm, heightMm: c.sensorHeightMm };
      },
    });
    this.hub.on('stale', (s) => log.warn({ sourceId: s.sourceId }, 'tracking source stale'));
    this.hub.on('fresh', (s) => log.info({ sourceId: s.sourceId }, 'tracking source fresh'));
    this.hub.on('removed', (s, cameraRemoved) => log.info({ sourceId: s.sourceId, cameraRemoved }, 'tracking source removed'));
    this.receivers = this.createReceivers();
    this.ingest = new IngestEndpoint({ hub: this.hub, onReject: rejectLogger(log, 'ws', () => this.options.clock.nowS()) });

    this.audit = new AuditLog(config.dataDir, () => ({ tS: clock.nowS(), at: new Date() }));
    this.stageWire = toStageWire(stage);
    this.moves = new CameraMoves({ safeVolume: stage.safeVolume, onEvent: (cameraId, e) => this.director?.onMoveEvent(cameraId, e) });
    this.takes = new TakeControl({
      dataDir: config.dataDir,
      fps: config.fps,
      log,
      context: () => ({ sceneId: this.scenes.current.id, stageName: stage.name, engineVersion: ENGINE_VERSION, modelVersion: this.director?.source.modelVersion ?? null }),
      now: () => ({ frame: this.live.frame, timecode: this.lastTimecode }),
      audit: (entry) => this.audit.append(entry),
      broadcast: (m) => this.live.broadcast(m),
      ...(options.takeRecordsFile && { recordsFile: options.takeRecordsFile }),
    });
    this.audit.onAppend = (record) => this.takes.onAudit(record);
    this.timing = { presentLeadS: config.presentLeadMs / 1000, displayDelayS: stage.displayDelayFrames / config.fps };
    this.frames = new FrameComposer({
      stage,
      hub: this.hub,
      offsets: this.moves,
      moves: { activeMove: (id, out) => this.director?.activeMove(id, out) ?? false },
      replay: this.takes,
      timing: this.timing,
    });
    this.live = new LiveServer({
      nowS: () => clock.nowS(),
      wallIds: () => stage.walls.map((w) => w.id),
      hello: (client) => this.hello(client.id, client.role, client.receivesDirectorTraffic),
      onProtocolError: (client, reason) => log.debug({ clientId: client.id, reason }, 'bad /live message'),
      onClientClosed: (client) => this.director?.releaseHolds(client.id),
      commandRateHz: config.commandRateHz,
    });
    const broadcast = this.live.broadcast.bind(this.live);
    this.scenes = new SceneControl({ fps: config.fps, log, currentFrame: () => this.live.frame, broadcast, onSceneChanged: (pois) => this.director?.sceneChanged(pois) });
    this.commands = new CommandRegistry(log, {
      ...liveCommands(() => stage.walls.map((w) => w.id)),
      ...cameraCommands({
        ...{ hub: this.hub, selection: this.frames, broadcast, frustums: this.frames.frustumSettings, stageCameraIds: stage.cameras.map((c) => c.id), calibration: this.calibration },
        moveUnderWay: (cameraId) => this.moveUnderWay(cameraId),
        record: (entry) => createDirectorOutbox(this.audit, this.live).record(entry),
      }),
      ...directorCommands(() => this.director),
      ...sceneCommands(this.scenes, log, (entry) => createDirectorOutbox(this.audit, this.live).record(entry)),
      ...takeCommands(this.takes),
      ...authCommands({ tokens: options.tokens, live: this.live, ingest: this.ingest, log }),
    });
    this.frameClock = new FrameClock({
      rate: frameRateFromFps(config.fps),
      spinWindowMs: config.clockSpinMs,
      onTick: (tick) => this.onTick(tick),
      onError: (err) => log.error({ err }, 'frame tick failed'),
    });
    this.slack = new FrameSlack(this.frameClock);

    this.http = new HttpServer(options.tokens, log, { allowedOrigins: config.allowedOrigins, tls: readTls(config), headersTimeoutMs: config.httpHeadersTimeoutMs });
    registerHttpRoutes(this.http, {
      uiDir: options.uiDir ?? DEFAULT_UI_DIR,
      sceneAssetsDir: options.sceneAssetsDir ?? path.join(REPO_ROOT, 'assets', 'scenes'),
      audit: this.audit,
      scenes: this.scenes,
      takes: this.takes,
      live: this.live,
      ingest: this.ingest,
      health: () => this.health(),
      state: () => this.state(),
    });
  }

  /** The status of the camera's move when it is running or paused (an operator's `source.remove` waits for it). */
  private moveUnderWay(cameraId: string): string | null {
    const move = createMoveSnapshot();
    if (!this.director?.activeMove(cameraId, move)) return null;
    return move.status === 'running' || move.status === 'paused' || move.status === 'aborting' ? move.status : null;
  }

  /** What the walls show (or are about to, from `swapAtFrame`). */
  get scene(): SceneRefWire {
    return this.scenes.current;
  }

  async start(): Promise<EnginePorts> {
    const { config, log, clock } = this.options;
    const library = await SceneLibrary.open({
      scenesDir: this.options.scenesDir ?? path.join(REPO_ROOT, 'scenes'),
      assetsDir: this.options.sceneAssetsDir ?? path.join(REPO_ROOT, 'assets', 'scenes'),
    });
    this.scenes.attach(library);
    library.watch();
    if (config.scene && !this.scenes.open(config.scene)) log.warn({ scene: config.scene }, 'VP_SCENE is not a valid scene: opening on the demo plaza');
    await this.takes.recover();
    const source = this.options.suggestionSource ?? (this.ownSource = await this.loadSource());
    // Said once here (a restarted worker would say it again); health carries it for as long as it holds.
    const fallback = source?.backendUnavailable;
    if (fallback) log.warn({ requested: fallback.requested, backend: source.backend, reason: fallback.reason }, `VP_TF_BACKEND=${fallback.requested} could not load (${fallback.reason}): the AI director runs on ${source.backend}`);
    if (source) {
      this.director = new DirectorSession({
        view: createDirectorView(this.hub, this.stage, this.frames),
        moves: this.moves,
        outbox: createDirectorOutbox(this.audit, this.live),
        source,
        log,
        nowS: () => clock.nowS(),
        pois: this.scenes.pois(),
        slack: (fn) => this.slack.run(fn),
        onStale: config.moveOnStale,
      });
    }
    await Promise.all(Object.values(this.receivers).map((r) => r.listen()));
    const http = await this.http.listen(config.httpPort, config.host);
    this.ports = { http, osc: this.receivers.osc.port, freed: this.receivers.freed.port, opentrackio: this.receivers.opentrackio.port };
    this.frameClock.start();
    log.info({ ports: this.ports, host: config.host, otioMulticast: otioMulticastPlan(config), fps: config.fps, stage: this.stage.name }, 'engine listening');
    return this.ports;
  }

  async stop(): Promise<void> {
    this.frameClock.stop();
    await this.takes.close();
    await this.ownSource?.close?.();
    this.scenes.library?.close();
    await this.live.close();
    await this.ingest.close();
    await this.http.close();
    await Promise.all(Object.values(this.receivers).map((r) => r.close()));
    this.audit.close();
    this.options.log.info('engine stopped');
  }

  health(): EngineHealthWire {
    return engineHealth({
      clock: this.options.clock,
      startedAtS: this.startedAtS,
      fps: this.options.config.fps,
      staleTimeoutMs: this.options.config.staleTimeoutMs,
      hub: this.hub,
      receivers: Object.values(this.receivers),
      ingest: this.ingest,
      live: this.live,
      http: this.http,
      frameClock: this.frameClock,
      tickMs: this.tickMs,
      ports: this.ports,
      activeCameraId: this.frames.activeCameraId,
      director: this.director,
      timing: this.timing,
      maxPredictionS: MAX_PREDICTION_S,
    });
  }

  state(): object {
    return engineState({ clock: this.options.clock, hub: this.hub, live: this.live, activeCameraId: this.frames.activeCameraId });
  }

  /** One frame: commands from the last interval, stale flags, moves, the AI's change check, the frame, fan-out. */
  private onTick(tick: FrameTick): void {
    const t0 = process.hrtime.bigint();
    const nowS = this.options.clock.nowS();
    for (const queued of this.live.takeCommands()) {
      const ack = this.commands.execute(queued);
      if (ack instanceof Promise) void ack.then((a) => this.live.ack(queued.client, a));
      else this.live.ack(queued.client, ack);
    }
    this.hub.checkStale(nowS);
    this.moves.update(nowS);
    this.director?.tick(nowS);
    const snap = this.frames.compose(tick.frame, tick.timeS, tick.timecode, nowS);
    this.takes.afterCompose(snap, this.scenes.current.id);
    snap.calibrationGrid = this.calibration.grid;
    this.lastTimecode = tick.timecode;
    this.live.publish(this.encoder.encode(snap));
    this.tickMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
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

  /** Decoders emit each protocol's native frame; the hub applies the per-source axis mapping. */
  private createReceivers(): Engine['receivers'] {
    const { config, log } = this.options;
    const native = new AxisMapping(IDENTITY_MAPPING);
    // The stage file's calibrations, unless a caller passes its own.
    const lensTables = this.options.freedLensTables ?? new Map<string, FreeDLensTable>(this.stage.cameras.flatMap((c) => (c.freedLensTable ? [[c.id, c.freedLensTable] as const] : [])));
    const allowlists = { osc: config.oscAllow, freed: config.freedAllow, opentrackio: config.otioAllow };
    const receiver = (protocol: 'osc' | 'freed' | 'opentrackio', port: number, decode: DatagramDecoder, multicast?: UdpMulticastOptions) =>
      new UdpReceiver({ protocol, host: config.host, port, hub: this.hub, decode, multicast, allowFrom: udpAllowlist(allowlists[protocol]), onReject: rejectLogger(log, protocol, () => this.options.clock.nowS()), onError: (err) => log.error({ protocol, err }, 'receiver socket error') });
    return {
      osc: receiver('osc', config.oscPort, (buf) => decodeOscPacket(buf)),
      // Byte 1 is the camera number: it picks that rig's lens table, and keys the pan that follows the field's overflow.
      freed: receiver('freed', config.freedPort, createFreeDDecoder(native, (n) => lensTables.get(`freed-${n}`) ?? DEFAULT_FREED_LENS_TABLE)),
      // OpenTrackIO senders multicast to 239.135.1.<sourceNumber> (the spec's recommendation; camdkit only does that).
      opentrackio: receiver('opentrackio', config.otioPort, createOpenTrackIoDecoder(native), otioMulticastPlan(config)),
    };
  }

  private hello(clientId: string, role: HelloMessage['role'], receivesDirectorTraffic: boolean): HelloMessage {
    return {
      type: 'hello',
      protocolVersion: LIVE_PROTOCOL_VERSION,
      clientId,
      role,
      fps: this.options.config.fps,
      frame: this.live.frame,
      stage: this.stageWire,
      scene: this.scenes.current,
      activeCameraId: this.frames.activeCameraId,
      timing: { ...this.timing },
      allowedCommands: this.commands.allowedFor(role),
      pois: this.scenes.pois().map(({ id, name, position }) => ({ id, name, position: [...position] })),
      suggestions: receivesDirectorTraffic ? (this.director?.latestSuggestions ?? null) : null,
    };
  }
}


