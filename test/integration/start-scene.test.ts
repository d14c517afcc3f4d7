// The scene the walls open on (VP_SCENE; `npm start` passes the city rooftop): hello and the director's points of
// interest are that scene's from the first frame; an id that is not a valid scene leaves the demo plaza.
import { describe, expect, it } from 'vitest';
import { connectLive } from '../support/liveClient.ts';
import { startTestEngine } from '../support/startTestEngine.ts';

describe('opening scene', () => {
  it('opens on the configured scene from frame 0, with its points of interest', async () => {
    const te = await startTestEngine({ scene: 'city-rooftop-dusk' });
    try {
      const c = await connectLive(te.url('/live', 'director'));
      expect(c.hello.scene).toMatchObject({ id: 'city-rooftop-dusk', name: 'City rooftop at dusk', swapAtFrame: 0 });
      expect(c.hello.pois.length).toBeGreaterThan(0);
      expect(c.hello.pois.map((p) => p.id)).toEqual(te.engine.scenes.pois().map((p) => p.id));
      expect(c.hello.pois.some((p) => /arch/i.test(p.name))).toBe(false); // not the plaza's
      await c.close();
    } finally {
      await te.close();
    }
  });

  it('stays on the demo plaza when the id is not a valid scene', async () => {
    const te = await startTestEngine({ scene: 'no-such-scene' });
    try {
      expect(te.engine.scene.id).toBe('demo');
    } finally {
      await te.close();
    }
  });
});
