// Encodes simulator frames in each tracking protocol and sends them to an engine over real sockets.
import dgram from 'node:dgram';
import { Bundle, encode } from 'node-osc';
import WebSocket from 'ws';
import type { TrackingProtocol } from '../CameraSample.ts';
import { encodeFreeD } from '../freed/index.ts';
import { quatFromPanTiltRollYUp } from '../math/quaternion.ts';
import type { SimFrame } from './Simulator.ts';
import { simFrameToOpenTrackIo } from './simFrameToOpenTrackIo.ts';

export type SimProtocol = Exclude<TrackingProtocol, 'sim'>;

export interface SimSender {
  send(frame: SimFrame): void;
  close(): Promise<void>;
  /** Datagrams/messages that failed to go out (socket errors, WebSocket not open). */
  errors: number;
}

export interface SimTarget {
  host: string;
  port: number;
  /** Operator token for `/ingest`. */
  token?: string;
}

const SENSOR_WIDTH_MM = 24.89;

/** Engine frame → FreeD/OpenTrackIO Z-up frame: the inverse of (X, Y, Z) → (X, Z, -Y). */
export function engineToZUp(p: readonly number[]): [number, number, number] {
  return [p[0]!, -p[2]!, p[1]!];
}

export async function createSimSender(protocol: SimProtocol, target: SimTarget): Promise<SimSender> {
  if (protocol === 'ws') return createWsSender(target);
  const socket = dgram.createSocket('udp4');
  const sender: SimSender = {
    errors: 0,
    send(frame) {
      const buf = encodeFrame(protocol, frame);
      socket.send(buf, target.port, target.host, (err) => {
        if (err) sender.errors++;
      });
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
  return sender;
}

let otioSequence = 0;

/** One frame as the bytes of one datagram in `protocol`. */
export function encodeFrame(protocol: Exclude<SimProtocol, 'ws'>, frame: SimFrame): Uint8Array {
  const { pose } = frame;
  switch (protocol) {
    case 'osc': {
      const q = quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);
      const f = (value: number) => ({ type: 'float', value });
      const bundle = new Bundle(
        frame.unixTimeS,
        [`/camera/${frame.cameraId}/pose`, ...[...pose.position, ...q].map(f)],
        [`/camera/${frame.cameraId}/lens`, f(pose.focalLengthMm), f(SENSOR_WIDTH_MM), f(pose.focusM), f(2.8)],
      );
      return encode(bundle);
    }
    case 'freed': {
      const [x, y, z] = engineToZUp(pose.position);
      const cameraNumber = Number(/(\d+)$/.exec(frame.cameraId)?.[1] ?? 1) & 0xff;
      return encodeFreeD({
        cameraNumber,
        // Engine pan/roll are about +Y/+Z; FreeD's pan turns right and roll is about its forward axis.
        panDeg: -pose.panDeg,
        tiltDeg: pose.tiltDeg,
        rollDeg: -pose.rollDeg,
        xMm: x * 1000,
        yMm: y * 1000,
        zMm: z * 1000,
        zoomRaw: Math.round(((pose.focalLengthMm - 30) / 15) * 65535) & 0xffff,
        focusRaw: 32768,
      });
    }
    case 'opentrackio':
      return simFrameToOpenTrackIo(frame, otioSequence++ & 0xffff);
  }
}

async function createWsSender(target: SimTarget): Promise<SimSender> {
  const url = `ws://${target.host}:${target.port}/ingest${target.token ? `?token=${encodeURIComponent(target.token)}` : ''}`;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`/ingest refused: HTTP ${res.statusCode} (is the operator token right?)`)));
  });
  const sender: SimSender = {
    errors: 0,
    send(frame) {
      if (ws.readyState !== WebSocket.OPEN) {
        sender.errors++;
        return;
      }
      const { pose } = frame;
      const q = quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, [0, 0, 0, 1]);
      ws.send(
        JSON.stringify({
          type: 'camera',
          id: frame.cameraId,
          t: frame.unixTimeS,
          position: pose.position,
          rotation: q,
          lens: { focalLengthMm: pose.focalLengthMm, sensorWidthMm: SENSOR_WIDTH_MM, focusM: pose.focusM },
        }),
      );
    },
    close: async () => {
      ws.close();
      await new Promise<void>((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve())));
    },
  };
  return sender;
}
