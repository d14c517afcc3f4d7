// Polls `GET /api/health` (public) every 500 ms into the store and the sparkline history; one request at a time.
import { useEffect } from 'react';
import { useStore } from '../state/ConsoleContext.ts';
import type { HealthWire } from './HealthWire.ts';

export const HEALTH_POLL_MS = 500;

export function HealthPoller() {
  const store = useStore();
  useEffect(() => {
    let busy = false;
    let stopped = false;
    const poll = async () => {
      if (busy) return;
      busy = true;
      try {
        const res = await fetch('/api/health', { cache: 'no-store' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const data = (await res.json()) as HealthWire;
        if (stopped) return;
        const now = performance.now();
        for (const s of data.sources) store.healthHistory.push(s.sourceId, s.rateHz, s.latencyMs);
        store.set({ health: { data, ok: true, polledAtMs: now } });
      } catch {
        if (!stopped) store.set((s) => ({ health: { ...s.health, ok: false, polledAtMs: performance.now() } }));
      } finally {
        busy = false;
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), HEALTH_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [store]);
  return null;
}
