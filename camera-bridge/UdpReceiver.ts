// Wraps one UDP socket around a pure decoder: datagram in → hub updates, rejections counted, never a crash.
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { TrackingProtocol } from './CameraSample.ts';
import { RejectReason, type DecodeResult } from './DecodeResult.ts';
import { RejectCounts } from './SourceStats.ts';
import type { TrackingHub } from './TrackingHub.ts';

/** A decoder bound to whatever per-receiver state it needs (e.g. OpenTrackIO segment reassembly). */
export type DatagramDecoder = (datagram: Buffer, sender: dgram.RemoteInfo, receiveTimeS: number) => DecodeResult;

export interface UdpReceiverOptions {
  protocol: TrackingProtocol;
  host: string;
  /** 0 = any free port; read `port` after `listen()`. */
  port: number;
  decode: DatagramDecoder;
  hub: TrackingHub;
  /** Kernel receive buffer, bytes: absorbs bursts from many cameras while the event loop is busy. */
  receiveBufferBytes?: number;
  /** Called once per refused datagram (logging at debug level). */
  onReject?: (reason: RejectReason, detail: string, sender: dgram.RemoteInfo) => void;
  onError?: (err: Error) => void;
}

export interface ReceiverStats {
  protocol: TrackingProtocol;
  port: number;
  datagrams: number;
  bytes: number;
  decoded: number;
  pending: number;
  updates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  refusedByReason: Record<string, number>;
}

export class UdpReceiver {
  readonly protocol: TrackingProtocol;
  private readonly socket: dgram.Socket;
  private readonly options: UdpReceiverOptions;
  datagrams = 0;
  bytes = 0;
  /** Datagrams that decoded (their updates may still be refused by the hub, counted there per source). */
  decoded = 0;
  /** Valid fragments waiting for the rest of a message (OpenTrackIO segments). */
  pending = 0;
  /** Updates the hub took. */
  updates = 0;
  /** Datagrams the decoder refused, by reason. Invariant: datagrams = decoded + pending + rejected.total. */
  readonly rejected = new RejectCounts();
  /** Updates from decoded datagrams that the hub refused (unknown id, stale order…), by reason. */
  readonly refused = new RejectCounts();

  constructor(options: UdpReceiverOptions) {
    this.options = options;
    this.protocol = options.protocol;
    this.socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.socket.on('error', (err) => this.options.onError?.(err));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.socket.once('error', onError);
      this.socket.bind(this.options.port, this.options.host, () => {
        this.socket.off('error', onError);
        resolve();
      });
    });
    try {
      this.socket.setRecvBufferSize(this.options.receiveBufferBytes ?? 4 * 1024 * 1024);
    } catch {
      // The kernel may cap it (net.core.rmem_max); the default still works, just with less burst headroom.
    }
  }

  get port(): number {
    return (this.socket.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  stats(): ReceiverStats {
    return {
      protocol: this.protocol,
      port: this.port,
      datagrams: this.datagrams,
      bytes: this.bytes,
      decoded: this.decoded,
      pending: this.pending,
      updates: this.updates,
      rejected: this.rejected.total,
      rejectedByReason: this.rejected.toJSON(),
      refusedByReason: this.refused.toJSON(),
    };
  }

  /** Also used directly by benchmarks and fuzzers to drive the full path without a socket. */
  onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const receiveTimeS = this.options.hub.clock.nowS();
    this.datagrams++;
    this.bytes += msg.length;
    let result: DecodeResult;
    try {
      result = this.options.decode(msg, rinfo, receiveTimeS);
    } catch (err) {
      // A decoder bug must cost one datagram, not the process.
      result = { ok: false, reason: RejectReason.Malformed, detail: `decoder threw: ${(err as Error).message}` };
    }
    if (result.ok === 'pending') {
      this.pending++;
      return;
    }
    if (result.ok === false) {
      this.rejected.add(result.reason);
      this.options.onReject?.(result.reason, result.detail, rinfo);
      return;
    }
    this.decoded++;
    for (const update of result.updates) {
      const refused = this.options.hub.ingest(this.protocol, update, receiveTimeS);
      if (refused) {
        this.refused.add(refused.reason);
        this.options.onReject?.(refused.reason, refused.detail, rinfo);
      } else {
        this.updates++;
      }
    }
  }
}
