// A subject's life cycle on a running engine: OSC positions over UDP make it fresh in /live frames, /api/state and the
// AI director's view; silence past the subject timeout makes it stale (still listed, flagged, out of the director's
// view); its next positions make it fresh again.
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameMessage } from '../../engine/protocol/LiveMessages.ts';
import { createDirectorView } from '../../engine/server/directorWiring.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { startTestEngine, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const SUBJECT_STALE_MS = 300;
/** Positions while "in shot", well inside the timeout so a busy machine does not flicker the subject stale. */
const SEND_INTERVAL_MS = 40;

let te: TestEngine;
let udp: UdpClient;
let viewer: TestLiveClient;
let sending: NodeJS.Timeout | undefined;
const f = (value: number) => ({ type: 'float', value });

function startSending(): void {
  let x = 0;
  const send = () => void udp.send(encode(new Message('/subject/talent1/position', f((x += 0.01)), f(0), f(-2))), te.ports.osc);
  send();
  sending = setInterval(send, SEND_INTERVAL_MS);
}

function stopSending(): void {
  clearInterval(sending);
  sending = undefined;
}

const talent = (fr: FrameMessage) => fr.subjects.find((s) => s.id === 'talent1');

async function stateOfTalent(): Promise<{ subjectId: string; stale: boolean } | undefined> {
  const { body } = await te.getJson('/api/state', 'viewer');
  return (body.subjects as { subjectId: string; stale: boolean }[]).find((s) => s.subjectId === 'talent1');
}

/** The AI director's view as the engine builds it: only fresh talent. */
const directorSubjectIds = () => createDirectorView(te.engine.hub, te.engine.stage, te.engine.frames).subjects().map((s) => s.subjectId);

beforeAll(async () => {
  te = await startTestEngine({ subjectStaleMs: SUBJECT_STALE_MS });
  udp = createUdpClient();
  viewer = await connectLive(te.url('/live', 'viewer'));
});
afterAll(async () => {
  stopSending();
  await viewer.close();
  await udp.close();
  await te.close();
});

describe('subject life cycle', () => {
  it('is fresh while it sends, stale after the timeout without a position, and fresh again when it sends', async () => {
    expect(te.engine.hub.subjectStaleTimeoutS).toBe(SUBJECT_STALE_MS / 1000);

    startSending();
    const fresh = await viewer.nextFrame((fr) => talent(fr) !== undefined, 2000);
    expect(talent(fresh)).toMatchObject({ stale: false });
    expect(await stateOfTalent()).toMatchObject({ subjectId: 'talent1', stale: false });
    expect(directorSubjectIds()).toEqual(['talent1']);

    stopSending();
    const stale = await viewer.nextFrame((fr) => talent(fr)?.stale === true, 5000);
    // Still listed (with its last position), only flagged.
    expect(talent(stale)!.position[2]).toBeCloseTo(-2, 4);
    // No position since the stale frame: /api/state and the director agree.
    expect(await stateOfTalent()).toMatchObject({ subjectId: 'talent1', stale: true });
    expect(directorSubjectIds()).toEqual([]);

    startSending();
    await viewer.nextFrame((fr) => talent(fr)?.stale === false, 2000);
    expect(await stateOfTalent()).toMatchObject({ subjectId: 'talent1', stale: false });
    expect(directorSubjectIds()).toEqual(['talent1']);
    stopSending();
  });
});
