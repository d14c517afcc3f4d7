import { describe, expect, it } from 'vitest';
import { RejectReason } from '../DecodeResult.ts';
import { decodeIngestMessage } from './decodeIngestMessage.ts';

describe('decodeIngestMessage', () => {
  it('decodes a camera frame with lens and sender time', () => {
    const r = decodeIngestMessage(
      JSON.stringify({ type: 'camera', id: 'cam1', t: 1_750_000_000.5, position: [1, 2, 3], rotation: [0, 0, 0, 1], lens: { focalLengthMm: 35, sensorWidthMm: 24.89 } }),
    );
    expect(r).toEqual({
      ok: true,
      updates: [{ kind: 'camera', cameraId: 'cam1', sourceTimeUnixS: 1_750_000_000.5, position: [1, 2, 3], rotation: [0, 0, 0, 1], lens: { focalLengthMm: 35, sensorWidthMm: 24.89 } }],
    });
  });

  it('decodes a subject frame', () => {
    expect(decodeIngestMessage('{"type":"subject","id":"s1","position":[0,0,-1]}')).toEqual({ ok: true, updates: [{ kind: 'subject', subjectId: 's1', position: [0, 0, -1] }] });
  });

  it.each([
    ['malformed JSON', '{"type":', RejectReason.BadJson],
    ['unknown type', '{"type":"light","id":"a"}', RejectReason.Schema],
    ['missing rotation', '{"type":"camera","id":"a","position":[0,0,0]}', RejectReason.Schema],
    ['string in position', '{"type":"camera","id":"a","position":[0,"1",0],"rotation":[0,0,0,1]}', RejectReason.Schema],
    ['short position', '{"type":"camera","id":"a","position":[0,0],"rotation":[0,0,0,1]}', RejectReason.Schema],
    ['non-unit quaternion', '{"type":"camera","id":"a","position":[0,0,0],"rotation":[0,0,0,0.5]}', RejectReason.NotUnitQuaternion],
    ['unknown field', '{"type":"camera","id":"a","position":[0,0,0],"rotation":[0,0,0,1],"x":1}', RejectReason.Schema],
    ['bad id', '{"type":"subject","id":"../etc","position":[0,0,0]}', RejectReason.Schema],
    ['huge exponent (Infinity)', '{"type":"subject","id":"a","position":[1e999,0,0]}', RejectReason.Schema],
    ['array root', '[1,2,3]', RejectReason.Schema],
    ['null', 'null', RejectReason.Schema],
    ['too long', `{"type":"subject","id":"a","position":[0,0,0],"pad":"${'x'.repeat(20000)}"}`, RejectReason.TooLong],
  ])('rejects %s with a clear reason', (_n, text, reason) => {
    const r = decodeIngestMessage(text);
    expect(r).toMatchObject({ ok: false, reason });
    if (r.ok === false) expect(r.detail).not.toBe('');
  });
});
