// Pure decoder for `/ingest` WebSocket JSON frames: one text frame → one update or a typed rejection.
import { z } from 'zod';
import type { TrackingUpdate } from '../CameraSample.ts';
import { RejectReason, reject, type DecodeResult } from '../DecodeResult.ts';

export const MAX_INGEST_MESSAGE_BYTES = 16 * 1024;

const finite = z.number().finite();
const Id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'id must be 1-64 of [A-Za-z0-9_.-]');
const Position = z.tuple([finite, finite, finite]);
const Rotation = z
  .tuple([finite, finite, finite, finite])
  .refine((q) => Math.abs(Math.hypot(...q) - 1) <= 1e-3, { message: 'rotation must be a unit quaternion [x, y, z, w]', params: { code: RejectReason.NotUnitQuaternion } });

const Lens = z.strictObject({
  focalLengthMm: finite.positive().max(2000),
  sensorWidthMm: finite.positive().max(100),
  focusM: finite.positive().optional(),
  iris: finite.positive().optional(),
  zoom: finite.min(0).max(1).optional(),
});

export const IngestMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('camera'),
    id: Id,
    /** Sender's Unix time of the measurement, s (like an OSC timetag). */
    t: finite.positive().optional(),
    timecode: z.string().regex(/^\d{2}:\d{2}:\d{2}[:;.]\d{2,3}$/).optional(),
    position: Position,
    rotation: Rotation,
    lens: Lens.optional(),
  }),
  z.strictObject({
    type: z.literal('subject'),
    id: Id,
    t: finite.positive().optional(),
    position: Position,
  }),
]);
export type IngestMessage = z.infer<typeof IngestMessageSchema>;

export function decodeIngestMessage(text: string): DecodeResult {
  if (text.length > MAX_INGEST_MESSAGE_BYTES) return reject(RejectReason.TooLong, `message over ${MAX_INGEST_MESSAGE_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return reject(RejectReason.BadJson, (err as Error).message);
  }
  const parsed = IngestMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    const quaternion = issue.code === 'custom' && (issue as { params?: { code?: string } }).params?.code === RejectReason.NotUnitQuaternion;
    return reject(quaternion ? RejectReason.NotUnitQuaternion : RejectReason.Schema, `${where}: ${issue.message}`);
  }
  const m = parsed.data;
  const update: TrackingUpdate =
    m.type === 'camera'
      ? {
          kind: 'camera',
          cameraId: m.id,
          position: m.position,
          rotation: m.rotation,
          ...(m.t !== undefined && { sourceTimeUnixS: m.t }),
          ...(m.timecode !== undefined && { timecode: m.timecode }),
          ...(m.lens && { lens: m.lens }),
        }
      : { kind: 'subject', subjectId: m.id, position: m.position, ...(m.t !== undefined && { sourceTimeUnixS: m.t }) };
  return { ok: true, updates: [update] };
}
