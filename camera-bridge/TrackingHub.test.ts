import { describe, expect, it } from 'vitest';
import type { CameraUpdate, SubjectUpdate } from './CameraSample.ts';
import { RejectReason } from './DecodeResult.ts';
import { ManualClock } from './EngineClock.ts';
import { DEFAULT_POSE_FILTER } from './filter/PoseFilter.ts';
import { TrackingHub } from './TrackingHub.ts';

const RAW = { filter: { ...DEFAULT_POSE_FILTER, enabled: false } };

function subject(subjectId: string, x: number): SubjectUpdate {
  return { kind: 'subject', subjectId, position: [x, 0, 0] };
}

function cam(cameraId: string, x: number, extra: Partial<CameraUpdate> = {}): CameraUpdate {
  return { kind: 'camera', cameraId, position: [x, 1, 2], rotation: [0, 0, 0, 1], ...extra };
}

describe('TrackingHub', () => {
  it('registers a camera on its first valid sample and returns its latest pose', () => {
    const clock = new ManualClock(10);
    const hub = new TrackingHub({ clock, sourceConfig: { osc: RAW } });
    expect(hub.ingest('osc', cam('A', 0.5), clock.nowS())).toBeUndefined();
    expect(hub.cameraIds()).toEqual(['A']);
    expect(hub.latestSample('A')).toMatchObject({ sourceId: 'osc:A', cameraId: 'A', tS: 10, position: [0.5, 1, 2] });
  });

  it('ages a sample by our clock at its arrival, not when the hub gets to it: decode time does not reorder a burst', () => {
    const clock = new ManualClock(10);
    const hub = new TrackingHub({ clock, sourceConfig: { osc: RAW } });
    const unixAt = (tS: number) => clock.unixOffsetS + tS;
    expect(hub.ingest('osc', cam('A', 0, { sourceTimeUnixS: unixAt(10) }), 10)).toBeUndefined();
    // The next one, stamped 20 µs later, arrived at 10.00002 and took 50 µs to decode: still 20 µs newer.
    clock.timeS = 10.00007;
    expect(hub.ingest('osc', cam('A', 0.01, { sourceTimeUnixS: unixAt(10.00002) }), 10.00002)).toBeUndefined();
    expect(hub.latestSample('A')!.tS).toBeCloseTo(10.00002, 5);
  });

  it("does not count the engine's own stall as a source's silence: no stale and fresh again on every stall", () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock, staleTimeoutS: 0.1 });
    const events: string[] = [];
    hub.on('stale', (s) => events.push(`stale ${s.sourceId}`));
    hub.on('fresh', (s) => events.push(`fresh ${s.sourceId}`));
    const check = (tS: number) => ((clock.timeS = tS), hub.checkStale());
    hub.ingest('osc', cam('A', 0), 0);
    check(0.02);
    check(0.04);
    // The engine stalls for 0.3 s (checks 0.04 → 0.34); the rig's samples wait in the socket meanwhile.
    check(0.34);
    expect(hub.isCameraStale('A')).toBe(false); // silent 0.04 s while listening
    expect(hub.health()[0]!.stale).toBe(false);
    hub.ingest('osc', cam('A', 0.1), 0.341);
    // A rig that really stops after the stall is flagged once the timeout has passed while listening.
    for (const t of [0.36, 0.38, 0.4, 0.42, 0.44]) check(t);
    expect(hub.isCameraStale('A')).toBe(false);
    check(0.46);
    expect(hub.isCameraStale('A')).toBe(true);
    expect(events).toEqual(['stale osc:A']);
    expect(hub.stalls.count).toBe(1);
  });

  it('keeps a source that was dead before a stall stale through it', () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock, staleTimeoutS: 0.1 });
    hub.ingest('osc', cam('A', 0), 0);
    for (const t of [0.05, 0.1, 0.15, 0.2]) hub.checkStale(t);
    expect(hub.isCameraStale('A', 0.2)).toBe(true);
    hub.checkStale(0.5); // stalled 0.2 → 0.5: silent 0.2 s while listening, still past the timeout
    expect(hub.isCameraStale('A', 0.5)).toBe(true);
    expect(hub.health(0.5)[0]!.stale).toBe(true);
  });

  it("removes a dead source; with its camera's last source the camera leaves too, until it reports again", () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock, staleTimeoutS: 0.1, sourceConfig: { osc: RAW, freed: RAW } });
    const removed: string[] = [];
    hub.on('removed', (s, cameraRemoved) => removed.push(`${s.sourceId} ${cameraRemoved}`));
    hub.ingest('osc', cam('A', 0), 0);
    hub.ingest('freed', cam('A', 0.1), 0.01);
    hub.ingest('osc', cam('B', 1), 0.02);
    clock.timeS = 0.05;
    expect(() => hub.removeSource('osc:B')).toThrow('VP_ERR_SOURCE_LIVE: osc:B sent a sample 30 ms ago; only a stale source can be removed');
    expect(() => hub.removeSource('osc:nope')).toThrow(/^VP_ERR_UNKNOWN_SOURCE/);
    clock.timeS = 1;
    // A has a second source: only the OSC one goes, and A stays on the stage.
    expect(hub.removeSource('osc:A')).toEqual({ sourceId: 'osc:A', cameraId: 'A', cameraRemoved: false });
    expect(hub.cameraIds()).toEqual(['A', 'B']);
    expect(hub.removeSource('osc:B')).toEqual({ sourceId: 'osc:B', cameraId: 'B', cameraRemoved: true });
    expect(hub.cameraIds()).toEqual(['A']);
    expect(hub.latestSample('B')).toBeUndefined();
    expect(hub.health().map((h) => h.sourceId)).toEqual(['freed:A']);
    expect(removed).toEqual(['osc:A false', 'osc:B true']);
    // B reports again: a fresh source and camera, with no history from before.
    hub.ingest('osc', cam('B', 2), 1.5);
    expect(hub.cameraIds()).toEqual(['A', 'B']);
    expect(hub.health().find((h) => h.sourceId === 'osc:B')).toMatchObject({ accepted: 1, stale: false });
    expect(hub.sampleCamera('B', 1.5)?.position).toEqual([2, 1, 2]);
  });

  it('goes stale after the timeout with no samples and fresh on the next good one', () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock, staleTimeoutS: 0.1 });
    const events: string[] = [];
    hub.on('stale', (s) => events.push(`stale ${s.sourceId}`));
    hub.on('fresh', (s) => events.push(`fresh ${s.sourceId}`));
    hub.ingest('osc', cam('A', 0), 0);
    clock.timeS = 0.099;
    hub.checkStale();
    expect(hub.health()[0]!.stale).toBe(false);
    clock.timeS = 0.101;
    hub.checkStale();
    hub.checkStale(); // a second check must not repeat the event
    expect(hub.health()[0]!.stale).toBe(true);
    hub.ingest('osc', cam('A', 0.1), clock.nowS());
    expect(hub.health()[0]!.stale).toBe(false);
    expect(events).toEqual(['stale osc:A', 'fresh osc:A']);
  });

  it('a bad sample is counted by reason and the last good pose is kept', () => {
    const clock = new ManualClock(1);
    const hub = new TrackingHub({ clock, sourceConfig: { ws: RAW } });
    hub.ingest('ws', cam('A', 1), 1);
    clock.advance(0.01);
    expect(hub.ingest('ws', cam('A', NaN), clock.nowS())?.reason).toBe(RejectReason.NotFinite);
    expect(hub.ingest('ws', cam('A', 2, { rotation: [0, 0, 0, 3] }), clock.nowS())?.reason).toBe(RejectReason.NotUnitQuaternion);
    expect(hub.ingest('ws', cam('A', 1e6), clock.nowS())?.reason).toBe(RejectReason.OutOfRange);
    expect(hub.latestSample('A')!.position).toEqual([1, 1, 2]);
    expect(hub.health()[0]!.rejected).toEqual({ VP_ERR_NOT_FINITE: 1, VP_ERR_NOT_UNIT_QUATERNION: 1, VP_ERR_OUT_OF_RANGE: 1 });
  });

  it('shifts sample time by the latency offset and by a trusted sender timestamp', () => {
    const clock = new ManualClock(5, 1_700_000_000);
    const hub = new TrackingHub({ clock, sourceConfig: { 'osc:A': { latencyOffsetMs: 40 } } });
    hub.ingest('osc', cam('A', 0), 5);
    expect(hub.latestSample('A')!.tS).toBeCloseTo(4.96, 9);
    // Sender says the pose is 20 ms old: 5.1 - 0.02 - 0.04
    clock.timeS = 5.1;
    hub.ingest('osc', cam('A', 0, { sourceTimeUnixS: clock.unixNowS() - 0.02 }), 5.1);
    expect(hub.latestSample('A')!.tS).toBeCloseTo(5.04, 6); // Unix-seconds doubles carry ~1e-7 s rounding
    expect(hub.health()[0]!.latencyMs).toBeCloseTo(20, 3);
    // A sender clock an hour off is ignored rather than trusted.
    clock.timeS = 5.2;
    hub.ingest('osc', cam('A', 0, { sourceTimeUnixS: clock.unixNowS() - 3600 }), 5.2);
    expect(hub.latestSample('A')!.tS).toBeCloseTo(5.16, 6);
  });

  it('merges lens-only updates into the camera and completes partial poses from the last one', () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock, sourceConfig: { osc: RAW } });
    hub.ingest('osc', { kind: 'camera', cameraId: 'A', lens: { focalLengthMm: 35 } }, 0);
    expect(hub.latestSample('A')).toBeUndefined(); // no pose yet
    hub.ingest('osc', { kind: 'camera', cameraId: 'A', lens: { sensorWidthMm: 24.89 } }, 0.01);
    hub.ingest('osc', cam('A', 3), 0.02);
    expect(hub.latestSample('A')!.lens).toEqual({ focalLengthMm: 35, sensorWidthMm: 24.89 });
    hub.ingest('osc', { kind: 'camera', cameraId: 'A', rotation: [0, Math.SQRT1_2, 0, Math.SQRT1_2] }, 0.03);
    expect(hub.latestSample('A')!.position).toEqual([3, 1, 2]);
    expect(hub.latestSample('A')!.rotation[1]).toBeCloseTo(Math.SQRT1_2, 9);
  });

  it('maps FreeD/OpenTrackIO native Z-up poses into the engine frame by default', () => {
    const hub = new TrackingHub({ clock: new ManualClock(0), sourceConfig: { freed: RAW } });
    hub.ingest('freed', { kind: 'camera', cameraId: 'freed-1', position: [1, 2, 3], rotation: [0, 0, 0, 1] }, 0);
    expect(hub.latestSample('freed-1')!.position).toEqual([1, 3, -2]);
  });

  it('interpolates between samples at a requested time', () => {
    const hub = new TrackingHub({ clock: new ManualClock(0), sourceConfig: { osc: RAW } });
    hub.ingest('osc', cam('A', 0), 1);
    hub.ingest('osc', cam('A', 1), 1.1);
    expect(hub.sampleCamera('A', 1.05)!.position[0]).toBeCloseTo(0.5, 9);
  });

  it('refuses cameras outside a locked list and beyond the camera limit', () => {
    const locked = new TrackingHub({ clock: new ManualClock(0), allowedCameraIds: new Set(['A']) });
    expect(locked.ingest('osc', cam('B', 0), 0)?.reason).toBe(RejectReason.UnknownId);
    const limited = new TrackingHub({ clock: new ManualClock(0), maxCameras: 2 });
    limited.ingest('osc', cam('A', 0), 0);
    limited.ingest('osc', cam('B', 0), 0);
    expect(limited.ingest('osc', cam('C', 0), 0)?.reason).toBe(RejectReason.UnknownId);
    expect(limited.unattributed.get('osc')?.total).toBe(1);
  });

  it('estimates subject velocity', () => {
    const hub = new TrackingHub({ clock: new ManualClock(0) });
    hub.ingest('osc', { kind: 'subject', subjectId: 's', position: [0, 0, 0] }, 0);
    hub.ingest('osc', { kind: 'subject', subjectId: 's', position: [0.5, 0, 0] }, 0.5);
    expect(hub.subjectList()[0]!.velocity).toEqual([1, 0, 0]);
  });

  it('a subject goes stale after the default 1 s without a position and fresh on the next one, one event per transition', () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock });
    const events: string[] = [];
    hub.on('subjectStale', (s) => events.push(`stale ${s.subjectId}`));
    hub.on('subjectFresh', (s) => events.push(`fresh ${s.subjectId}`));
    hub.ingest('osc', subject('ana', 0), 0);
    const ana = hub.subjectList()[0]!;
    clock.timeS = 1;
    hub.checkStale();
    expect(ana.stale).toBe(false);
    expect(hub.isSubjectStale('ana')).toBe(false);
    clock.timeS = 1.001;
    expect(hub.isSubjectStale('ana')).toBe(true); // between ticks, before checkStale flips the flag
    expect(ana.stale).toBe(false);
    hub.checkStale();
    hub.checkStale(); // a second check must not repeat the event
    expect(ana.stale).toBe(true);
    expect(hub.subjectList()).toEqual([ana]); // still listed, flagged
    hub.ingest('osc', subject('ana', 2), clock.nowS());
    expect(ana.stale).toBe(false);
    expect(hub.isSubjectStale('ana')).toBe(false);
    hub.checkStale();
    expect(events).toEqual(['stale ana', 'fresh ana']);
  });

  it('uses a custom subject timeout, independent of the camera source timeout', () => {
    const clock = new ManualClock(0);
    const hub = new TrackingHub({ clock, staleTimeoutS: 0.1, subjectStaleTimeoutS: 0.3 });
    hub.ingest('osc', cam('A', 0), 0);
    hub.ingest('osc', subject('ana', 0), 0);
    hub.checkStale(0.2);
    expect(hub.health()[0]!.stale).toBe(true);
    expect(hub.subjectList()[0]!.stale).toBe(false);
    hub.checkStale(0.301);
    expect(hub.subjectList()[0]!.stale).toBe(true);
    expect(hub.isSubjectStale('nobody', 0)).toBe(true);
  });

  it('times a subject from when its position arrived, not the sender timestamp', () => {
    const clock = new ManualClock(5, 1_700_000_000);
    const hub = new TrackingHub({ clock });
    // Measured 0.8 s before it arrived: still fresh for a full timeout after arrival.
    hub.ingest('osc', { ...subject('ana', 0), sourceTimeUnixS: clock.unixNowS() - 0.8 }, 5);
    expect(hub.subjectList()[0]!.tS).toBeCloseTo(4.2, 6);
    expect(hub.isSubjectStale('ana', 5.9)).toBe(false);
  });

  it('restarts velocity when a subject comes back after going stale', () => {
    const hub = new TrackingHub({ clock: new ManualClock(0) });
    hub.ingest('osc', subject('ana', 0), 0);
    hub.ingest('osc', subject('ana', 0.5), 0.5);
    hub.checkStale(2);
    hub.ingest('osc', subject('ana', 3), 2); // 2.5 m in 1.5 s is a gap, not a walk
    expect(hub.subjectList()[0]!.velocity).toEqual([0, 0, 0]);
    hub.ingest('osc', subject('ana', 3.5), 2.5);
    expect(hub.subjectList()[0]!.velocity).toEqual([1, 0, 0]);
  });

  it('reports rate and jitter from arrival times', () => {
    const hub = new TrackingHub({ clock: new ManualClock(0), staleTimeoutS: 1 });
    for (let i = 0; i < 100; i++) hub.ingest('osc', cam('A', i * 0.001), i * 0.01);
    const h = hub.health(0.99)[0]!;
    expect(h.rateHz).toBeCloseTo(100, 6);
    expect(h.jitterMs).toBeCloseTo(0, 6);
  });

  it('validates operator tuning patches', () => {
    const hub = new TrackingHub({ clock: new ManualClock(0) });
    hub.ingest('osc', cam('A', 0), 0);
    expect(hub.configureSource('osc:A', { latencyOffsetMs: 25 }).latencyOffsetMs).toBe(25);
    expect(() => hub.configureSource('osc:A', { latencyOffsetMs: 'soon' })).toThrow();
    expect(() => hub.configureSource('osc:A', { axisMapping: ['x', 'y', '-z'] })).toThrow();
    expect(() => hub.configureSource('osc:nope', {})).toThrow(/UNKNOWN_SOURCE/);
  });
});

describe('TrackingHub lens sensors and per-camera settings', () => {
  const pose = { position: [0, 1.6, 4] as [number, number, number], rotation: [0, 0, 0, 1] as [number, number, number, number] };

  it('assumes the stage sensor (else Super 35) for a focal length without one, and says so until a source reports it', () => {
    const clock = new ManualClock();
    const hub = new TrackingHub({ clock, sensorFor: (id) => (id === 'otio-1' ? { widthMm: 36, heightMm: 24 } : undefined) });
    hub.ingest('opentrackio', { kind: 'camera', cameraId: 'otio-1', ...pose, lens: { focalLengthMm: 24.305 } }, clock.nowS());
    hub.ingest('opentrackio', { kind: 'camera', cameraId: 'otio-2', ...pose, lens: { focalLengthMm: 50 } }, clock.nowS());
    expect(hub.latestSample('otio-1')!.lens).toMatchObject({ focalLengthMm: 24.305, sensorWidthMm: 36, sensorHeightMm: 24 });
    expect(hub.latestSample('otio-2')!.lens).toMatchObject({ focalLengthMm: 50, sensorWidthMm: 24.89, sensorHeightMm: 18.66 });
    expect(hub.health().map((h) => [h.cameraId, h.sensorAssumed])).toEqual([['otio-1', true], ['otio-2', true]]);
    // The static block arrives: its width replaces the assumed sensor, and the assumed height goes with it.
    clock.advance(0.01);
    hub.ingest('opentrackio', { kind: 'camera', cameraId: 'otio-1', ...pose, lens: { focalLengthMm: 24.305, sensorWidthMm: 23.76 } }, clock.nowS());
    expect(hub.latestSample('otio-1')!.lens).toEqual({ focalLengthMm: 24.305, sensorWidthMm: 23.76 });
    expect(hub.health().find((h) => h.cameraId === 'otio-1')!.sensorAssumed).toBe(false);
    // Later samples without it keep the reported sensor.
    clock.advance(0.01);
    hub.ingest('opentrackio', { kind: 'camera', cameraId: 'otio-1', ...pose, lens: { focalLengthMm: 30 } }, clock.nowS());
    expect(hub.latestSample('otio-1')!.lens).toEqual({ focalLengthMm: 30, sensorWidthMm: 23.76 });
  });

  it('applies a camera\'s settings to each of its sources, under the source\'s own', () => {
    const clock = new ManualClock();
    const hub = new TrackingHub({ clock, sourceConfig: { 'camera:cam1': { latencyOffsetMs: 40 }, 'ws:cam1': { latencyOffsetMs: 10 } } });
    hub.ingest('osc', { kind: 'camera', cameraId: 'cam1', ...pose }, clock.nowS());
    hub.ingest('ws', { kind: 'camera', cameraId: 'cam1', ...pose }, clock.nowS() + 0.01);
    hub.ingest('osc', { kind: 'camera', cameraId: 'cam2', ...pose }, clock.nowS());
    expect(Object.fromEntries(hub.health().map((h) => [h.sourceId, h.latencyOffsetMs]))).toEqual({ 'osc:cam1': 40, 'ws:cam1': 10, 'osc:cam2': 0 });
  });

  it('keeps the last raw encoder counts per source for calibration', () => {
    const clock = new ManualClock();
    const hub = new TrackingHub({ clock });
    hub.ingest('freed', { kind: 'camera', cameraId: 'freed-1', ...pose, encoders: { zoom: 0x8000, focus: 0x1200 } }, clock.nowS());
    expect(hub.health()[0]!.encoders).toEqual({ zoom: 0x8000, focus: 0x1200 });
  });
});
