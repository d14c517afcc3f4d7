// Test support for console pages: a /live pass-through that adds commands to the hello and injects suggestions.
import type { Page } from 'playwright-core';
import type { FrameMessage, HelloMessage, SuggestionWire } from '../../engine/protocol/LiveMessages.ts';

/**
 * Passes /live through, adding commands to the hello and (instead of the engine's) suggestions built from the active
 * camera's pose.
 */
export async function routeLive(page: Page, options: { inject?: boolean; allow?: string[] }): Promise<void> {
  await page.routeWebSocket(/\/live/, (ws) => {
    const server = ws.connectToServer();
    let injected = false;
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      const text = typeof m === 'string' ? m : m.toString();
      if (text.includes('"type":"hello"')) {
        const hello = JSON.parse(text) as HelloMessage;
        if (options.allow) hello.allowedCommands = [...new Set([...hello.allowedCommands, ...options.allow])];
        // Only the injected suggestions: the engine's own would replace them.
        if (options.inject) hello.suggestions = null;
        ws.send(JSON.stringify(hello));
        return;
      }
      if (options.inject && text.startsWith('{"type":"suggestions"')) return;
      ws.send(text);
      if (options.inject && !injected && text.startsWith('{"type":"frame"')) {
        const frame = JSON.parse(text) as FrameMessage;
        const cam = frame.cameras.find((c) => c.id === frame.activeCameraId);
        if (!cam) return;
        injected = true;
        ws.send(JSON.stringify({ type: 'suggestions', suggestions: fakeSuggestions(cam.position), modelVersion: 'test-model', backend: 'cpu' }));
      }
    });
  });
}

/** Two suggestions whose paths rise 1 m / move 1.5 m sideways from `from`, keeping the camera's orientation. */
function fakeSuggestions(from: [number, number, number]): SuggestionWire[] {
  const line = (dx: number, dy: number) => {
    const positions: number[] = [];
    const rotations: number[] = [];
    for (let i = 0; i < 10; i++) {
      positions.push(from[0] + (dx * i) / 9, from[1] + (dy * i) / 9, from[2]);
      rotations.push(0, 0, 0, 1);
    }
    return { positions, rotations };
  };
  const common = { modelVersion: 'test-model', inputsHash: 'x', createdAtS: 0, target: null, easing: 'ease-in-out' as const };
  return [
    { ...common, id: 'inj-1', kind: 'pedestal', params: { kind: 'pedestal', distanceM: 1, durationS: 4, easing: 'ease-in-out' }, durationS: 4, confidence: 0.8, rationale: 'Rise to reveal the arches.', path: line(0, 1) },
    { ...common, id: 'inj-2', kind: 'truck', params: { kind: 'truck', distanceM: 1.5, durationS: 5, easing: 'ease-in-out' }, durationS: 5, confidence: 0.5, rationale: 'Truck right with the talent.', path: line(1.5, 0) },
  ];
}

