// Drives N simulated rigs along CameraPath at a fixed rate, with optional jitter noise and dropouts, into any sink.
import { unixNowHiResS } from '../EngineClock.ts';
import { cameraPathAt, createPathPose, type PathPose, type PathStyle } from './CameraPath.ts';

export interface SimFrame {
  cameraId: string;
  /** Simulation time since start, s. */
  tS: number;
  /** Wall-clock time of the measurement, Unix s (what a real tracker would stamp). */
  unixTimeS: number;
  pose: PathPose;
}

export interface SimulatorOptions {
  cameras: number;
  rateHz: number;
  style: PathStyle;
  /** Per rig, overriding `style` (two operators: a dolly and a handheld). */
  styles?: readonly PathStyle[];
  /** Standard deviation of added position noise, m (tracker jitter). */
  noiseM?: number;
  /** Probability per second of a dropout (the rig stops sending for `dropoutS`). */
  dropoutPerS?: number;
  dropoutS?: number;
  cameraIdPrefix?: string;
  /** Deterministic noise for tests; defaults to Math.random. */
  random?: () => number;
  send: (frame: SimFrame) => void;
}

export class Simulator {
  private readonly options: SimulatorOptions;
  private readonly poses: PathPose[];
  private readonly dropUntilS: number[];
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private startNs = 0n;
  private tick = 0;
  sent = 0;

  constructor(options: SimulatorOptions) {
    if (!(options.rateHz > 0 && options.rateHz <= 2000)) throw new RangeError('rateHz must be in (0, 2000]');
    if (!(Number.isInteger(options.cameras) && options.cameras >= 1 && options.cameras <= 64)) throw new RangeError('cameras must be 1..64');
    this.options = options;
    this.poses = Array.from({ length: options.cameras }, createPathPose);
    this.dropUntilS = new Array<number>(options.cameras).fill(-1);
    this.random = options.random ?? Math.random;
  }

  cameraId(index: number): string {
    return `${this.options.cameraIdPrefix ?? 'cam'}${index + 1}`;
  }

  start(): void {
    if (this.timer) return;
    this.startNs = process.hrtime.bigint();
    this.tick = 0;
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Emit every camera's sample for simulation time `tS` (public so tests can step by hand). */
  step(tS: number, unixTimeS = unixNowHiResS()): void {
    const { noiseM = 0, dropoutPerS = 0, dropoutS = 0.5 } = this.options;
    const dt = 1 / this.options.rateHz;
    for (let i = 0; i < this.poses.length; i++) {
      if (tS < this.dropUntilS[i]!) continue;
      if (dropoutPerS > 0 && this.random() < dropoutPerS * dt) {
        this.dropUntilS[i] = tS + dropoutS;
        continue;
      }
      const pose = cameraPathAt(tS, { style: this.options.styles?.[i] ?? this.options.style, index: i }, this.poses[i]!);
      if (noiseM > 0) for (let k = 0; k < 3; k++) pose.position[k] = pose.position[k]! + noiseM * this.gaussian();
      this.options.send({ cameraId: this.cameraId(i), tS, unixTimeS, pose });
      this.sent++;
    }
  }

  private schedule(): void {
    // Absolute deadlines from the start time: timer lateness never accumulates into drift.
    const periodNs = 1e9 / this.options.rateHz;
    const elapsedNs = Number(process.hrtime.bigint() - this.startNs);
    const delayMs = Math.max(0, (this.tick * periodNs - elapsedNs) / 1e6);
    this.timer = setTimeout(() => {
      const tS = (this.tick * periodNs) / 1e9;
      this.tick++;
      this.step(tS);
      // Skip ticks we are hopelessly behind on instead of bursting them.
      const nowTick = Math.floor(Number(process.hrtime.bigint() - this.startNs) / periodNs);
      if (nowTick > this.tick + 10) this.tick = nowTick;
      if (this.timer) this.schedule();
    }, delayMs);
  }

  private gaussian(): number {
    // Box-Muller
    const u = 1 - this.random();
    const v = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
