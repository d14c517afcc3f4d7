// Where every decoded update lands: merges partial updates, maps axes, compensates latency, filters jitter,
// keeps a short history per camera and per-source health, and flags sources and subjects that go stale.
import { EventEmitter } from 'node:events';
import { CameraLens, DEFAULT_SENSOR_MM } from './CameraLens.ts';
import type { CameraSample, CameraUpdate, LensSample, Quat, SubjectUpdate, TrackingProtocol, TrackingUpdate, Vec3 } from './CameraSample.ts';
import { RejectReason, reject, type Rejection } from './DecodeResult.ts';
import type { EngineClock } from './EngineClock.ts';
import { EngineStalls } from './EngineStalls.ts';
import { SubjectTracker, type SubjectState } from './SubjectTracker.ts';
import { copyQuat, isUnitQuat, normalizeQuat } from './math/quaternion.ts';
import { copyVec3 } from './math/vec3.ts';
import { createPoseAt, PoseHistory, type PoseAt } from './PoseHistory.ts';
import { SourceConfigPatchSchema, sourceIdOf, type SourceConfig, type SourceConfigPatch } from './SourceConfig.ts';
import { RejectCounts } from './SourceStats.ts';
import { sourceHealth, type SourceHealth } from './sourceHealth.ts';
import { applySourcePatch, createTrackingSource, type TrackingSource } from './TrackingSource.ts';

export interface TrackingHubOptions {
  clock: EngineClock;
  /** A source with no good sample for this long is stale, s. */
  staleTimeoutS?: number;
  /** A subject with no position for this long is stale (left out of the AI director's input), s. */
  subjectStaleTimeoutS?: number;
  /** When set, only these camera ids are accepted (stage config locks the list). */
  allowedCameraIds?: ReadonlySet<string>;
  /** Bound on distinct cameras and subjects so garbage ids cannot grow memory. */
  maxCameras?: number;
  maxSubjects?: number;
  /** Sender timestamps further than this from our wall clock are ignored (unsynchronised sender), s. */
  maxClockSkewS?: number;
  /**
   * Initial per-source settings, by protocol (`freed`), by camera (`camera:freed-1`, every protocol's source of it)
   * or by source id (`osc:cam1`), applied in that order.
   */
  sourceConfig?: Record<string, SourceConfigPatch>;
  /**
   * The sensor to assume for a camera whose source reports a focal length but no sensor (OpenTrackIO before its
   * first static block): the stage's configured one; undefined = the Super 35 default. Reported as `sensorAssumed`.
   */
  sensorFor?: (cameraId: string) => { widthMm: number; heightMm: number } | undefined;
}

export { DEFAULT_SENSOR_MM } from './CameraLens.ts';

export type { SourceHealth } from './sourceHealth.ts';
export type { TrackingSource } from './TrackingSource.ts';

interface CameraState {
  readonly cameraId: string;
  readonly history: PoseHistory;
  /** Newest filtered sample (mutated in place). */
  readonly latest: CameraSample;
  hasPose: boolean;
  readonly lens: CameraLens;
}

export interface TrackingHubEvents {
  sample: [CameraSample, TrackingSource];
  subject: [SubjectState];
  stale: [TrackingSource];
  fresh: [TrackingSource];
  /** An operator removed the source; `cameraRemoved` when it was its camera's last one. */
  removed: [TrackingSource, boolean];
  subjectStale: [SubjectState];
  subjectFresh: [SubjectState];
}

const SANE_POSITION_M = 10_000;

export class TrackingHub extends EventEmitter<TrackingHubEvents> {
  readonly clock: EngineClock;
  readonly staleTimeoutS: number;
  private readonly allowedCameraIds: ReadonlySet<string> | undefined;
  private readonly maxCameras: number;
  private readonly maxClockSkewS: number;
  private readonly initialConfig: Record<string, SourceConfigPatch>;
  private readonly sensorFor: (cameraId: string) => { widthMm: number; heightMm: number } | undefined;
  private readonly sources = new Map<string, TrackingSource>();
  private readonly cameras = new Map<string, CameraState>();
  private readonly subjects: SubjectTracker;
  private readonly posedCameraIds: string[] = [];
  /** Gaps between stale checks longer than half the timeout: the engine stalled, and that silence is not the rigs'. */
  readonly stalls: EngineStalls;
  /** Hub refusals we could not attribute to a source (unknown ids, bad subjects), by protocol. */
  readonly unattributed = new Map<TrackingProtocol, RejectCounts>();

  private readonly _position: Vec3 = [0, 0, 0]; // incoming position, mapped then filtered in place
  private readonly _rotation: Quat = [0, 0, 0, 1]; // incoming rotation, mapped then filtered in place

  constructor(options: TrackingHubOptions) {
    super();
    this.clock = options.clock;
    this.staleTimeoutS = options.staleTimeoutS ?? 0.1;
    this.stalls = new EngineStalls(this.staleTimeoutS / 2);
    this.allowedCameraIds = options.allowedCameraIds;
    this.maxCameras = options.maxCameras ?? 64;
    this.subjects = new SubjectTracker(options.subjectStaleTimeoutS ?? 1, options.maxSubjects ?? 64);
    this.maxClockSkewS = options.maxClockSkewS ?? 10;
    this.initialConfig = options.sourceConfig ?? {};
    this.sensorFor = options.sensorFor ?? (() => undefined);
  }

  /**
   * Apply one decoded update received at engine time `receiveTimeS`.
   * Returns a rejection (already counted) when the update is refused; the last good pose is kept.
   */
  ingest(protocol: TrackingProtocol, update: TrackingUpdate, receiveTimeS: number): Rejection | undefined {
    return update.kind === 'camera' ? this.ingestCamera(protocol, update, receiveTimeS) : this.ingestSubject(protocol, update, receiveTimeS);
  }

  private countUnattributed(protocol: TrackingProtocol, reason: RejectReason): void {
    let counts = this.unattributed.get(protocol);
    if (!counts) {
      counts = new RejectCounts();
      this.unattributed.set(protocol, counts);
    }
    counts.add(reason);
  }

  /** Pose of `cameraId` at engine time `tS` (interpolated/extrapolated); undefined before its first pose. */
  sampleCamera(cameraId: string, tS: number, out: PoseAt = createPoseAt()): PoseAt | undefined {
    return this.cameras.get(cameraId)?.history.sampleAt(tS, out);
  }

  /** Newest filtered sample of a camera (a live object: copy it to keep it). */
  latestSample(cameraId: string): CameraSample | undefined {
    const cam = this.cameras.get(cameraId);
    return cam?.hasPose ? cam.latest : undefined;
  }

  /** Cameras that have a pose, in registration order. A live view kept up to date by the hub: per-frame code reads it without allocating. */
  cameraIds(): readonly string[] {
    return this.posedCameraIds;
  }

  /** Tracked talent, stale or not, in first-seen order. A live view (see cameraIds); its entries are the hub's own state. */
  subjectList(): readonly SubjectState[] {
    return this.subjects.list();
  }

  /** A subject with no position for this long is stale, s. */
  get subjectStaleTimeoutS(): number {
    return this.subjects.staleTimeoutS;
  }

  source(sourceId: string): TrackingSource | undefined {
    return this.sources.get(sourceId);
  }

  sourceList(): TrackingSource[] {
    return [...this.sources.values()];
  }

  /** Operator tuning, applied from the next sample on. Throws a ZodError on a bad patch. */
  configureSource(sourceId: string, patch: unknown): SourceConfig {
    const source = this.sources.get(sourceId);
    if (!source) throw new Error(`VP_ERR_UNKNOWN_SOURCE: no source ${sourceId}`);
    const parsed = SourceConfigPatchSchema.parse(patch);
    applySourcePatch(source, parsed);
    return source.config;
  }

  /**
   * An operator removes a dead source: it leaves health, and when it was its camera's last source the camera leaves
   * the frames (rig, label, frustum) until it reports again. A source still delivering is refused: its next sample
   * would bring it back, so removing it would only hide a live rig for a moment.
   */
  removeSource(sourceId: string, nowS = this.clock.nowS()): { sourceId: string; cameraId: string; cameraRemoved: boolean } {
    const source = this.sources.get(sourceId);
    if (!source) throw new Error(`VP_ERR_UNKNOWN_SOURCE: no source ${sourceId}`);
    if (!this.isSilent(source, nowS)) throw new Error(`VP_ERR_SOURCE_LIVE: ${sourceId} sent a sample ${Math.round((nowS - source.stats.lastSeenS) * 1000)} ms ago; only a stale source can be removed`);
    const { cameraId } = source;
    const cameraRemoved = this.isOnlySourceOfCamera(sourceId);
    this.sources.delete(sourceId);
    if (cameraRemoved) {
      this.cameras.delete(cameraId);
      const at = this.posedCameraIds.indexOf(cameraId);
      if (at >= 0) this.posedCameraIds.splice(at, 1);
    }
    this.emit('removed', source, cameraRemoved);
    return { sourceId, cameraId, cameraRemoved };
  }

  /** Whether the source is its camera's only one (removing it takes the camera off the stage); false for an unknown one. */
  isOnlySourceOfCamera(sourceId: string): boolean {
    const source = this.sources.get(sourceId);
    if (!source) return false;
    for (const s of this.sources.values()) if (s !== source && s.cameraId === source.cameraId) return false;
    return true;
  }

  /** A camera is stale when none of its sources delivered within the timeout. */
  isCameraStale(cameraId: string, nowS = this.clock.nowS()): boolean {
    for (const s of this.sources.values()) if (s.cameraId === cameraId && !this.isSilent(s, nowS)) return false;
    return true;
  }

  /** A subject is stale when no position arrived within the subject timeout; an unknown subject is stale too. */
  isSubjectStale(subjectId: string, nowS = this.clock.nowS()): boolean {
    return this.subjects.isStale(subjectId, nowS);
  }

  /**
   * Flip stale flags; call every tick. Emits `stale` (sources) and `subjectStale` on transitions; `fresh` and
   * `subjectFresh` come from the next good update.
   */
  checkStale(nowS = this.clock.nowS()): void {
    this.stalls.check(nowS);
    for (const source of this.sources.values()) {
      const stale = this.isSilent(source, nowS);
      if (stale && !source.stale) {
        source.stale = true;
        this.emit('stale', source);
      }
    }
    this.subjects.checkStale(nowS, (s) => this.emit('subjectStale', s));
  }

  health(nowS = this.clock.nowS()): SourceHealth[] {
    return this.sourceList().map((s) => sourceHealth(s, nowS, this.staleTimeoutS, this.isSilent(s, nowS), this.isSensorAssumed(s.cameraId)));
  }

  /** Silent for longer than the stale timeout, not counting the engine's own last stall (EngineStalls). */
  private isSilent(source: TrackingSource, nowS: number): boolean {
    return this.stalls.silentS(source.stats.lastSeenS, nowS) > this.staleTimeoutS;
  }

  /** The camera's lens has an assumed sensor (no source has reported one yet). */
  isSensorAssumed(cameraId: string): boolean {
    const cam = this.cameras.get(cameraId);
    return cam?.lens.sensorAssumed ?? false;
  }

  private ingestCamera(protocol: TrackingProtocol, u: CameraUpdate, receiveTimeS: number): Rejection | undefined {
    const cam = this.cameraFor(u.cameraId);
    if (!cam) return this.refuse(protocol, RejectReason.UnknownId, `camera ${u.cameraId} is not on the stage or the camera limit is reached`);
    const source = this.sourceFor(protocol, u.cameraId);

    if (u.position && !finiteAll(u.position)) return this.refuse(protocol, RejectReason.NotFinite, 'position is not finite', source);
    if (u.rotation && !finiteAll(u.rotation)) return this.refuse(protocol, RejectReason.NotFinite, 'rotation is not finite', source);
    if (u.position && u.position.some((v) => Math.abs(v) > SANE_POSITION_M)) return this.refuse(protocol, RejectReason.OutOfRange, 'position beyond 10 km', source);
    if (u.rotation && !isUnitQuat(u.rotation)) return this.refuse(protocol, RejectReason.NotUnitQuaternion, 'rotation is not a unit quaternion', source);

    // Latency: trust the sender's timestamp only when its clock agrees with ours.
    const ageS = this.senderAgeS(u.sourceTimeUnixS, receiveTimeS);
    const tS = receiveTimeS - (ageS ?? 0) - source.config.latencyOffsetMs / 1000;

    if (u.lens) cam.lens.merge(u.lens, this.sensorFor(cam.cameraId) ?? DEFAULT_SENSOR_MM);
    if (u.status !== undefined) source.status = u.status;
    if (u.encoders) {
      const e = (source.encoders ??= { zoom: null, focus: null });
      if (u.encoders.zoom !== undefined) e.zoom = u.encoders.zoom;
      if (u.encoders.focus !== undefined) e.focus = u.encoders.focus;
    }
    if (u.timecode !== undefined) cam.latest.timecode = u.timecode;

    if (u.position || u.rotation) {
      const p = this._position;
      const q = this._rotation;
      // A partial pose (position only, or rotation only) completes from the last pose.
      if (u.position) source.mapping.mapPosition(u.position, p);
      else copyVec3(cam.latest.position, p);
      if (u.rotation) normalizeQuat(source.mapping.mapRotation(u.rotation, q), q);
      else copyQuat(cam.latest.rotation, q);

      if (cam.hasPose && tS <= cam.history.latestTimeS) {
        // Reordered or duplicate datagram: the newer pose already won.
        return this.refuse(protocol, RejectReason.OutOfRange, 'sample older than the newest one', source);
      }
      source.filter.apply(tS, p, q);
      cam.history.push(tS, p, q);
      copyVec3(p, cam.latest.position);
      copyQuat(q, cam.latest.rotation);
      cam.latest.tS = tS;
      if (!cam.hasPose) this.notePosed(cam);
      cam.hasPose = true;
    } else if (!u.lens && u.status === undefined && u.timecode === undefined) {
      return this.refuse(protocol, RejectReason.BadArgs, 'update carries no pose, lens or status', source);
    }

    cam.latest.sourceId = source.sourceId;
    if (cam.lens.current) cam.latest.lens = cam.lens.current;
    source.stats.recordArrival(receiveTimeS, ageS, u.position !== undefined || u.rotation !== undefined);
    if (source.stale) {
      source.stale = false;
      this.emit('fresh', source);
    }
    if (cam.hasPose) this.emit('sample', cam.latest, source);
    return undefined;
  }

  private ingestSubject(protocol: TrackingProtocol, u: SubjectUpdate, receiveTimeS: number): Rejection | undefined {
    if (!finiteAll(u.position)) return this.refuse(protocol, RejectReason.NotFinite, 'subject position is not finite');
    if (u.position.some((v) => Math.abs(v) > SANE_POSITION_M)) return this.refuse(protocol, RejectReason.OutOfRange, 'subject position beyond 10 km');
    const tS = receiveTimeS - (this.senderAgeS(u.sourceTimeUnixS, receiveTimeS) ?? 0);
    const updated = this.subjects.update(u.subjectId, u.position, tS, receiveTimeS);
    if (!updated) return this.refuse(protocol, RejectReason.UnknownId, 'subject limit reached');
    const s = updated.state;
    if (updated.wasStale) this.emit('subjectFresh', s);
    this.emit('subject', s);
    return undefined;
  }

  /**
   * How old the sample was when it arrived, by the sender's clock against ours at the moment of arrival (not of this
   * call: decoding takes a varying few µs, and in a burst that jitter reordered samples stamped µs apart).
   */
  private senderAgeS(sourceTimeUnixS: number | undefined, receiveTimeS: number): number | undefined {
    if (sourceTimeUnixS === undefined || !Number.isFinite(sourceTimeUnixS)) return undefined;
    const ageS = this.clock.unixNowS() - (this.clock.nowS() - receiveTimeS) - sourceTimeUnixS;
    return Math.abs(ageS) <= this.maxClockSkewS ? ageS : undefined;
  }

  private refuse(protocol: TrackingProtocol, reason: RejectReason, detail: string, source?: TrackingSource): Rejection {
    if (source) source.stats.reject(reason, detail, this.clock.nowS());
    else this.countUnattributed(protocol, reason);
    return reject(reason, detail);
  }

  /** Keeps `posedCameraIds` in registration order (a camera may register with a lens before its first pose). */
  private notePosed(cam: CameraState): void {
    const order = [...this.cameras.keys()];
    const rank = order.indexOf(cam.cameraId);
    let at = this.posedCameraIds.length;
    while (at > 0 && order.indexOf(this.posedCameraIds[at - 1]!) > rank) at--;
    this.posedCameraIds.splice(at, 0, cam.cameraId);
  }

  private cameraFor(cameraId: string): CameraState | undefined {
    let cam = this.cameras.get(cameraId);
    if (cam) return cam;
    if (this.allowedCameraIds && !this.allowedCameraIds.has(cameraId)) return undefined;
    if (this.cameras.size >= this.maxCameras) return undefined;
    cam = {
      cameraId,
      history: new PoseHistory(),
      latest: { sourceId: '', cameraId, tS: 0, position: [0, 0, 0], rotation: [0, 0, 0, 1] },
      hasPose: false,
      lens: new CameraLens(),
    };
    this.cameras.set(cameraId, cam);
    return cam;
  }

  private sourceFor(protocol: TrackingProtocol, cameraId: string): TrackingSource {
    const sourceId = sourceIdOf(protocol, cameraId);
    let source = this.sources.get(sourceId);
    if (!source) {
      source = createTrackingSource(protocol, cameraId, this.staleTimeoutS, this.initialConfig);
      this.sources.set(sourceId, source);
    }
    return source;
  }
}

function finiteAll(v: readonly number[]): boolean {
  for (const x of v) if (!Number.isFinite(x)) return false;
  return true;
}
