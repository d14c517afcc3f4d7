// camdkit's OpenTrackIO samples over real loopback UDP, through a UdpReceiver with the OpenTrackIO decoder into a TrackingHub.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AxisMapping, IDENTITY_MAPPING } from '../../camera-bridge/AxisMapping.ts';
import type { Quat } from '../../camera-bridge/CameraSample.ts';
import { RejectReason } from '../../camera-bridge/DecodeResult.ts';
import { ManualClock } from '../../camera-bridge/EngineClock.ts';
import { rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import { createOpenTrackIoDecoder, encodeOpenTrackIoPackets } from '../../camera-bridge/opentrackio/index.ts';
import { DEFAULT_SENSOR_MM, TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../camera-bridge/opentrackio/fixtures/${name}`, import.meta.url), 'utf8'));
const withStatic = fixture('recommended_static_example.json');
/** The recommended dynamic example as the static example's stream sends it between static blocks (camdkit gave each file its own sourceId). */
const dynamic = { ...fixture('recommended_dynamic_example.json'), sourceId: withStatic.sourceId };
const completeDynamic = fixture('complete_dynamic_example.json');

const A = Math.SQRT1_2;
const S2 = Math.SQRT2;
const view = (q: Quat) => rotateVec3(q, [0, 0, -1], [0, 0, 0]);
const upOf = (q: Quat) => rotateVec3(q, [0, 1, 0], [0, 0, 0]);

function expectVec(actual: readonly number[] | undefined, expected: readonly number[]) {
  expect(actual).toBeDefined();
  expected.forEach((e, i) => expect(actual![i], `component ${i}`).toBeCloseTo(e, 6));
}

interface Rig {
  clock: ManualClock;
  hub: TrackingHub;
  receiver: UdpReceiver;
  udp: UdpClient;
}
let rig: Rig | undefined;

/** The engine's wiring, minus the engine: decoder in the native frame, the hub maps Z-up to Y-up per source. */
async function startRig(): Promise<Rig> {
  const clock = new ManualClock(100);
  const hub = new TrackingHub({ clock });
  const receiver = new UdpReceiver({ protocol: 'opentrackio', host: '127.0.0.1', port: 0, hub, decode: createOpenTrackIoDecoder(new AxisMapping(IDENTITY_MAPPING)) });
  await receiver.listen();
  rig = { clock, hub, receiver, udp: createUdpClient() };
  return rig;
}

afterEach(async () => {
  await rig?.udp.close();
  await rig?.receiver.close();
  rig = undefined;
});

/** Sends a sample's datagrams and waits until the receiver has taken each, so the manual clock stamps them where we left it. */
async function deliver({ receiver, udp }: Rig, packets: Uint8Array[]): Promise<void> {
  for (const p of packets) {
    const target = receiver.datagrams + 1;
    await udp.send(p, receiver.port);
    for (let waitedMs = 0; receiver.datagrams < target; waitedMs += 5) {
      if (waitedMs > 2000) throw new Error(`receiver got ${receiver.datagrams} of ${target} datagrams`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
const packetsOf = (sample: unknown, sequenceNumber: number) => encodeOpenTrackIoPackets(sample, { sequenceNumber });
const healthOf = (hub: TrackingHub) => hub.health().find((h) => h.cameraId === 'otio-1');

describe('OpenTrackIO receiver over loopback UDP', () => {
  it('gives otio-1 its pose and focal length, with an assumed sensor until the stream sends a static block', async () => {
    const r = await startRig();
    await deliver(r, packetsOf(dynamic, 0));
    const first = r.hub.latestSample('otio-1');
    // Translation (1, 2, 3) Z-up → engine (1, 3, -2); pan 180 tilt 90 roll 45 looks straight up (see decodeOpenTrackIo.test.ts).
    expectVec(first?.position, [1, 3, -2]);
    expectVec(view(first!.rotation), [0, 1, 0]);
    expectVec(upOf(first!.rotation), [-A, 0, -A]);
    expect(first?.lens).toMatchObject({ focalLengthMm: 24.305, sensorWidthMm: DEFAULT_SENSOR_MM.widthMm });
    expect(healthOf(r.hub)?.sensorAssumed).toBe(true);

    r.clock.advance(1 / 24);
    await deliver(r, packetsOf(withStatic, 1));
    expect(healthOf(r.hub)?.sensorAssumed).toBe(false);
    expect(r.hub.latestSample('otio-1')?.lens).toMatchObject({ sensorWidthMm: 36, sensorHeightMm: 24 });

    // Between static blocks the decoder applies the cached one: still 36 × 24, still reported.
    r.clock.advance(1 / 24);
    await deliver(r, packetsOf(dynamic, 2));
    expect(healthOf(r.hub)).toMatchObject({ sensorAssumed: false, accepted: 3 });
    expect(r.hub.latestSample('otio-1')?.lens).toMatchObject({
      focalLengthMm: 24.305,
      sensorWidthMm: 36,
      sensorHeightMm: 24,
      distortion: { model: 'Brown-Conrady D-U', radial: [1, 2, 3], tangential: [1, 2] },
      distortionOverscan: 3.1,
      entrancePupilOffsetM: 0.123,
      projectionOffsetMm: [0.1, 0.2],
    });
  });

  it('processes a datagram that arrives twice once, and drops one that was overtaken', async () => {
    const r = await startRig();
    // Over one MTU, so two segments, numbered 7 and 8 as camdkit's sender numbers them; both arrive twice.
    const seven = packetsOf(completeDynamic, 7);
    expect(seven).toHaveLength(2);
    await deliver(r, [...seven, ...seven]);
    // The complete example's three-link chain (hand-worked in decodeOpenTrackIo.test.ts), mapped by the hub.
    const s = r.hub.latestSample('otio-1');
    expectVec(s?.position, [3 - 3 * S2, 5 + S2, -(4 + 2 * S2)]);
    expectVec(view(s!.rotation), [0.5, A, -0.5]);
    expect(s?.lens?.focalLengthMm).toBe(24.305);

    r.clock.advance(1 / 24);
    await deliver(r, packetsOf(completeDynamic, 12));
    r.clock.advance(0.01);
    await deliver(r, packetsOf(completeDynamic, 9)); // segments 9 and 10: sent before 12 and 13, arrived after

    const stats = r.receiver.stats();
    expect(stats.rejectedByReason).toEqual({ [RejectReason.Duplicate]: 1, [RejectReason.OutOfOrder]: 1 });
    expect(stats.decoded).toBe(2);
    // Refused at the door, so the hub never saw them: no "older than the newest" refusals, two samples taken.
    expect(stats.refusedByReason).toEqual({});
    expect(healthOf(r.hub)?.accepted).toBe(2);
  });
});
