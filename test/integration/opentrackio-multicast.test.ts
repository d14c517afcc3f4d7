// OpenTrackIO multicast into a running engine, on loopback only: joined groups arrive once each, other groups do
// not, unicast still does. Every datagram leaves a socket bound to 127.0.0.1 with its multicast interface set to
// 127.0.0.1, and every join names 127.0.0.1: nothing reaches or joins any other interface.
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeOpenTrackIoPackets, buildOpenTrackIoSample } from '../../camera-bridge/opentrackio/index.ts';
import { openTrackIoGroupFor } from '../../camera-bridge/opentrackio/multicastGroups.ts';
import { MulticastJoinError, UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';

const LOOPBACK = '127.0.0.1';
/** Long enough for a duplicate or a stray datagram on loopback to have been handled, ms. */
const SETTLE_MS = 50;

let te: TestEngine;
let sender: dgram.Socket;
let sequenceNumber = 0;

beforeAll(async () => {
  te = await startTestEngine({ host: LOOPBACK, otioSources: [1, 2], otioMulticastIf: LOOPBACK });
  sender = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sender.bind(0, LOOPBACK, resolve));
  sender.setMulticastInterface(LOOPBACK);
  sender.setMulticastTTL(0); // never past this host, whatever the routing table says
});
afterAll(async () => {
  await new Promise<void>((resolve) => sender.close(() => resolve()));
  await te.close();
});

/** Sends source `sourceNumber` at OpenTrackIO Z-up position (x, y, z) m to `address`; resolves with the packet count. */
async function sendPose(sourceNumber: number, x: number, y: number, z: number, address: string): Promise<number> {
  const sample = buildOpenTrackIoSample({ sourceNumber, transforms: [{ translation: { x, y, z }, rotation: { pan: 0, tilt: 0, roll: 0 } }] });
  const packets = encodeOpenTrackIoPackets(sample, { sequenceNumber });
  sequenceNumber += packets.length;
  for (const p of packets) {
    await new Promise<void>((resolve, reject) => sender.send(p, te.ports.opentrackio, address, (err) => (err ? reject(err) : resolve())));
  }
  return packets.length;
}

const position = (cameraId: string) => waitFor(() => te.engine.hub.latestSample(cameraId)?.position, 2000, `${cameraId} in the hub`);
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

describe('OpenTrackIO multicast', () => {
  it('receives each joined group once, as otio-<sourceNumber> with the sent pose', async () => {
    const before = te.engine.receivers.opentrackio.datagrams;
    const sent = (await sendPose(1, -1, 3, 2, openTrackIoGroupFor(1))) + (await sendPose(2, 0.5, -2, 1.5, openTrackIoGroupFor(2)));
    // Engine frame (x, y, z) = (X, Z, −Y).
    const [p1, p2] = [await position('otio-1'), await position('otio-2')];
    expect(p1[0]).toBeCloseTo(-1, 5);
    expect(p1[1]).toBeCloseTo(2, 5);
    expect(p1[2]).toBeCloseTo(-3, 5);
    expect(p2[0]).toBeCloseTo(0.5, 5);
    expect(p2[1]).toBeCloseTo(1.5, 5);
    expect(p2[2]).toBeCloseTo(2, 5);
    await settle();
    expect(te.engine.receivers.opentrackio.datagrams - before).toBe(sent); // no datagram twice
  });

  it('still receives unicast on the host address', async () => {
    await sendPose(5, 4, 1, 0.25, LOOPBACK);
    const p = await position('otio-5');
    expect(p[0]).toBeCloseTo(4, 5);
    expect(p[1]).toBeCloseTo(0.25, 5);
    expect(p[2]).toBeCloseTo(-1, 5);
  });

  it('ignores a group it did not join', async () => {
    const before = te.engine.receivers.opentrackio.datagrams;
    await sendPose(3, 1, 1, 1, openTrackIoGroupFor(3));
    // A unicast datagram sent after it, once handled, shows the group's would have been too.
    const marker = await sendPose(6, 0, 0, 0, LOOPBACK);
    await position('otio-6');
    await settle();
    expect(te.engine.hub.latestSample('otio-3')).toBeUndefined();
    expect(te.engine.receivers.opentrackio.datagrams - before).toBe(marker);
  });

  it('reports the groups and the interface in /api/health', async () => {
    const { body } = await te.getJson('/api/health');
    expect(body.receivers.find((r: any) => r.protocol === 'opentrackio')).toMatchObject({ multicastGroups: ['239.135.1.1', '239.135.1.2'], multicastInterface: LOOPBACK });
    expect(body.receivers.find((r: any) => r.protocol === 'osc').multicastGroups).toBeUndefined();
  });

  it('fails listen() with an error naming the group and the interface when a join fails', async () => {
    // 127.0.0.9 is a loopback address, not a multicast group: the bind succeeds and the membership is refused.
    const receiver = new UdpReceiver({ protocol: 'opentrackio', host: LOOPBACK, port: 0, hub: te.engine.hub, decode: () => ({ ok: 'pending' }), multicast: { groups: ['127.0.0.9'], interfaceAddress: LOOPBACK } });
    try {
      const err = await receiver.listen().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(MulticastJoinError);
      expect(err).toMatchObject({ code: 'VP_ERR_MULTICAST_JOIN', group: '127.0.0.9', interfaceAddress: LOOPBACK });
      expect((err as Error).message).toMatch(/^cannot join multicast group 127\.0\.0\.9 on interface 127\.0\.0\.1: /);
      expect(receiver.stats().multicastGroups).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });
});
