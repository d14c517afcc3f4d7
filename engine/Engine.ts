// The engine process in one object: tracking hub, protocol receivers, HTTP/WebSocket server; start() and stop().
import { IDENTITY_MAPPING, AxisMapping } from '../camera-bridge/AxisMapping.ts';
import type { EngineClock } from '../camera-bridge/EngineClock.ts';
import { decodeFreeDPacket, DEFAULT_FREED_LENS_TABLE, type FreeDLensTable } from '../camera-bridge/freed/index.ts';
import { decodeOscPacket } from '../camera-bridge/osc/decodeOscPacket.ts';
import { createOpenTrackIoDecoder } from '../camera-bridge/opentrackio/createOpenTrackIoDecoder.ts';
import { TrackingHub } from '../camera-bridge/TrackingHub.ts';
import { UdpReceiver } from '../camera-bridge/UdpReceiver.ts';
import { IngestEndpoint } from '../camera-bridge/websocket/IngestEndpoint.ts';
import type { RoleTokens } from './auth/RoleTokens.ts';
import type { EngineConfig } from './config/EngineConfig.ts';
import { HttpServer } from './http/HttpServer.ts';
import { sendJson } from './http/sendJson.ts';
import type { Logger } from './log/createLogger.ts';

export const ENGINE_VERSION = '0.1.0';

export interface EngineOptions {
  config: EngineConfig;
  tokens: RoleTokens;
  log: Logger;
  clock: EngineClock;
  /** FreeD lens tables by camera id (`freed-1`); others use the default table. */
  freedLensTables?: ReadonlyMap<string, FreeDLensTable>;
}

export interface EnginePorts {
  http: number;
  osc: number;
  freed: number;
  opentrackio: number;
}

/** How often stale flags are re-evaluated until the frame clock (which does it per tick) drives them, s. */
const STALE_CHECK_INTERVAL_MS = 10;

export class Engine {
  readonly hub: TrackingHub;
  readonly http: HttpServer;
  readonly ingest: IngestEndpoint;
  readonly receivers: { osc: UdpReceiver; freed: UdpReceiver; opentrackio: UdpReceiver };
  private readonly options: EngineOptions;
  private readonly startedAtS: number;
  private staleTimer: NodeJS.Timeout | undefined;
  ports: EnginePorts | undefined;

  constructor(options: EngineOptions) {
    this.options = options;
    const { config, log, clock } = options;
    this.startedAtS = clock.nowS();
    this.hub = new TrackingHub({ clock, staleTimeoutS: config.staleTimeoutMs / 1000 });
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

    this.http = new HttpServer(options.tokens, log);
    this.http.get('/api/health', { handle: ({ res }) => sendJson(res, 200, this.health()) });
    this.http.get('/api/state', { roles: ['director', 'operator', 'designer', 'viewer', 'render'], handle: ({ res }) => sendJson(res, 200, this.state()) });
    this.http.upgrade({ path: '/ingest', roles: ['operator', 'director'], handle: (req, socket, head) => this.ingest.handleUpgrade(req, socket, head) });
  }

  async start(): Promise<EnginePorts> {
    const { config } = this.options;
    await Promise.all(Object.values(this.receivers).map((r) => r.listen()));
    const http = await this.http.listen(config.httpPort, config.host);
    this.ports = { http, osc: this.receivers.osc.port, freed: this.receivers.freed.port, opentrackio: this.receivers.opentrackio.port };
    this.staleTimer = setInterval(() => this.hub.checkStale(), STALE_CHECK_INTERVAL_MS);
    this.options.log.info({ ports: this.ports, host: config.host }, 'engine listening');
    return this.ports;
  }

  async stop(): Promise<void> {
    clearInterval(this.staleTimer);
    await this.ingest.close();
    await this.http.close();
    await Promise.all(Object.values(this.receivers).map((r) => r.close()));
    this.options.log.info('engine stopped');
  }

  health(): object {
    const nowS = this.options.clock.nowS();
    const sources = this.hub.health(nowS);
    const stale = sources.filter((s) => s.stale).length;
    return {
      status: sources.length > 0 && stale === sources.length ? 'degraded' : 'ok',
      version: ENGINE_VERSION,
      uptimeS: Math.round((nowS - this.startedAtS) * 1000) / 1000,
      fps: this.options.config.fps,
      ports: this.ports,
      tfjsBackend: null,
      staleTimeoutMs: this.options.config.staleTimeoutMs,
      sources,
      receivers: [...Object.values(this.receivers).map((r) => r.stats()), { protocol: 'ws', port: this.ports?.http, ...this.ingest.stats() }],
      unattributedRejections: Object.fromEntries([...this.hub.unattributed].map(([p, c]) => [p, c.toJSON()])),
    };
  }

  state(): object {
    const nowS = this.options.clock.nowS();
    return {
      t: nowS,
      cameras: this.hub.cameraIds().map((id) => {
        const s = this.hub.latestSample(id)!;
        return { ...s, position: [...s.position], rotation: [...s.rotation], stale: this.hub.isCameraStale(id, nowS) };
      }),
      subjects: this.hub.subjectList(),
    };
  }
}
