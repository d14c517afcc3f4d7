// An operator removes dead tracking sources (`source.remove`, one command each): they leave the panel at once,
// without waiting for the next health poll, and a toast says which cameras left the stage with them.
import type { ConsoleStore } from '../state/ConsoleStore.ts';
import type { LiveSession } from '../state/LiveSession.ts';
import { pushToast } from '../state/toasts.ts';

export async function removeSources(session: LiveSession, store: ConsoleStore, sourceIds: readonly string[]): Promise<void> {
  const removed: string[] = [];
  const camerasGone: string[] = [];
  for (const sourceId of sourceIds) {
    const ack = await session.command('source.remove', { sourceId });
    if (!ack.ok || !ack.result) continue; // a refusal (it came back to life, a move on its camera) is toasted already
    removed.push(sourceId);
    if (ack.result.cameraRemoved) camerasGone.push(ack.result.cameraId);
  }
  if (removed.length === 0) return;
  store.set((s) => (s.health.data ? { health: { ...s.health, data: { ...s.health.data, sources: s.health.data.sources.filter((x) => !removed.includes(x.sourceId)) } } } : {}));
  for (const id of removed) store.healthHistory.delete(id);
  const what = removed.length === 1 ? removed[0]! : `${removed.length} sources`;
  pushToast(store, 'info', `${what} removed${camerasGone.length ? `; off the stage until it reports again: ${camerasGone.join(', ')}` : ''}`);
}
