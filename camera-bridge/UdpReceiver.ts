// Wraps a UDP socket (plus one per multicast group on a specific host) around a pure decoder: datagram in → hub
// updates, rejections counted, never a crash.
import dgram from 'node:dgram';
import type { AddressInfo, BlockList } from 'node:net';
import type { TrackingProtocol } from './CameraSample.ts';
import { RejectReason, type DecodeResult } from './DecodeResult.ts';
import { LastRejection, RejectCounts } from './SourceStats.ts';
import type { TrackingHub } from './TrackingHub.ts';

/** A decoder bound to whatever per-receiver state it needs (e.g. OpenTrackIO segment reassembly). */
export type DatagramDecoder = (datagram: Buffer, sender: dgram.RemoteInfo, receiveTimeS: number) => DecodeResult;

/** The IPv4 wildcard: a socket bound to it also receives the groups it joins, so it needs no group sockets. */
const WILDCARD_HOST = '0.0.0.0';
const DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export interface UdpMulticastOptions {
  /** IPv4 groups to join, e.g. OpenTrackIO's `239.135.1.<sourceNumber>`. */
  groups: readonly string[];
  /** Local address of the interface to join on; undefined = the kernel's choice (the default route's interface). */
  interfaceAddress?: string;
}

export interface UdpReceiverOptions {
  protocol: TrackingProtocol;
  host: string;
  /** 0 = any free port; read `port` after `listen()`. */
  port: number;
  decode: DatagramDecoder;
  hub: TrackingHub;
  /** Groups to receive on the same port, besides unicast to host:port (IGMP joins; see `listen`). */
  multicast?: UdpMulticastOptions;
  /** Kernel receive buffer, bytes: absorbs bursts from many cameras while the event loop is busy. */
  receiveBufferBytes?: number;
  /** Senders to take datagrams from; others are dropped and counted (VP_ERR_SOURCE_NOT_ALLOWED). Undefined = any. */
  allowFrom?: BlockList;
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
  /** The newest refusal (decoder or hub) with its reason and sender, or null. */
  lastRejection: { reason: string; detail: string; ageMs: number } | null;
  /** Multicast groups joined (absent when none). */
  multicastGroups?: string[];
  /** Interface the groups were joined on; absent with groups = the kernel's default interface. */
  multicastInterface?: string;
}

/** A membership or group socket that could not be set up: `listen()` rejects with it, naming group and interface. */
export class MulticastJoinError extends Error {
  override name = 'MulticastJoinError';
  readonly code = 'VP_ERR_MULTICAST_JOIN';
  constructor(
    readonly group: string,
    readonly interfaceAddress: string | undefined,
    cause: Error,
  ) {
    super(`cannot join multicast group ${group} on interface ${interfaceAddress ?? '(kernel default)'}: ${cause.message}`, { cause });
  }
}

export class UdpReceiver {
  readonly protocol: TrackingProtocol;
  /** Unicast to host:port; on the wildcard host it also carries the multicast memberships. */
  private readonly socket: dgram.Socket;
  /** One per group, bound to group:port, when the host is a specific address (empty on the wildcard). */
  private readonly groupSockets: dgram.Socket[] = [];
  /** Groups whose membership succeeded, in join order. */
  private readonly joined: string[] = [];
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
  /** The newest refusal by decoder or hub, with its reason and sender, for health. */
  readonly lastRejection = new LastRejection();

  constructor(options: UdpReceiverOptions) {
    this.options = options;
    this.protocol = options.protocol;
    this.socket = this.createSocket(false);
  }

  /**
   * Binds host:port, then joins the groups. On the wildcard host the one socket joins them all. On a specific
   * address that socket cannot receive multicast (the destination is not its address), so each group gets its own
   * socket bound to group:port: Linux hands it only that group's datagrams, so none arrives twice. reuseAddr lets
   * other receivers on this machine (camdkit's, a recorder) bind the same group and port.
   */
  async listen(): Promise<void> {
    await this.bind(this.socket, this.options.port, this.options.host);
    const multicast = this.options.multicast;
    if (!multicast) return;
    const { interfaceAddress } = multicast;
    for (const group of multicast.groups) {
      try {
        if (this.options.host === WILDCARD_HOST) {
          this.socket.addMembership(group, interfaceAddress);
        } else {
          const socket = this.createSocket(true);
          this.groupSockets.push(socket);
          await this.bind(socket, this.port, group);
          socket.addMembership(group, interfaceAddress);
        }
      } catch (err) {
        throw new MulticastJoinError(group, interfaceAddress, err as Error);
      }
      this.joined.push(group);
    }
  }

  get port(): number {
    return (this.socket.address() as AddressInfo).port;
  }

  /** Closes every socket; the kernel drops the memberships (IGMP leave) with them. */
  async close(): Promise<void> {
    await Promise.all([this.socket, ...this.groupSockets].map(closeSocket));
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
      lastRejection: this.lastRejection.toJSON(this.options.hub.clock.nowS()),
      ...(this.joined.length > 0 && { multicastGroups: [...this.joined], multicastInterface: this.options.multicast?.interfaceAddress }),
    };
  }

  /** Also used directly by benchmarks and fuzzers to drive the full path without a socket. */
  onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const receiveTimeS = this.options.hub.clock.nowS();
    this.datagrams++;
    this.bytes += msg.length;
    let result: DecodeResult;
    const allow = this.options.allowFrom;
    if (allow && !allow.check(rinfo.address, rinfo.family === 'IPv6' ? 'ipv6' : 'ipv4')) {
      // Before decoding: a stranger's datagram costs a lookup, never a parse.
      this.rejected.add(RejectReason.SourceNotAllowed);
      this.noteRejection(RejectReason.SourceNotAllowed, `sender ${rinfo.address} is not in this receiver's allowlist`, rinfo, receiveTimeS);
      return;
    }
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
      this.noteRejection(result.reason, result.detail, rinfo, receiveTimeS);
      return;
    }
    this.decoded++;
    for (const update of result.updates) {
      const refused = this.options.hub.ingest(this.protocol, update, receiveTimeS);
      if (refused) {
        this.refused.add(refused.reason);
        this.noteRejection(refused.reason, refused.detail, rinfo, receiveTimeS);
      } else {
        this.updates++;
      }
    }
  }

  private noteRejection(reason: RejectReason, detail: string, rinfo: dgram.RemoteInfo, atS: number): void {
    this.lastRejection.note(reason, `${detail} (from ${rinfo.address}:${rinfo.port})`, atS);
    this.options.onReject?.(reason, detail, rinfo);
  }

  private createSocket(reuseAddr: boolean): dgram.Socket {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr });
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    return socket;
  }

  /** A bind failure rejects `listen()`; only later errors go to `onError`, so each is reported once. */
  private async bind(socket: dgram.Socket, port: number, address: string): Promise<void> {
    await bindSocket(socket, port, address);
    socket.on('error', (err) => this.options.onError?.(err));
    try {
      socket.setRecvBufferSize(this.options.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER_BYTES);
    } catch {
      // The kernel may cap it (net.core.rmem_max); the default still works, just with less burst headroom.
    }
  }
}

function bindSocket(socket: dgram.Socket, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function closeSocket(socket: dgram.Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed: close() throws rather than calling back twice
    }
  });
}
