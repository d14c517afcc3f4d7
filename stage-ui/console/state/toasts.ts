// Short-lived messages at the bottom right: command refusals (errors, 8 s) and keyboard-action feedback (info, 2 s).
import type { ConsoleStore, Toast } from './ConsoleStore.ts';

const LIFETIME_MS: Record<Toast['kind'], number> = { error: 8000, info: 2000 };
/** Older toasts are dropped beyond this many, so a burst of refusals never fills the screen. */
const MAX_TOASTS = 4;
let nextId = 1;

export function pushToast(store: ConsoleStore, kind: Toast['kind'], text: string): void {
  const toast: Toast = { id: nextId++, kind, text };
  store.set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
  setTimeout(() => dismissToast(store, toast.id), LIFETIME_MS[kind]);
}

export function dismissToast(store: ConsoleStore, id: number): void {
  if (store.get().toasts.some((t) => t.id === id)) store.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}
