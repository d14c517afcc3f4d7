// React access to the console's store and live session: `useConsole(selector)` re-renders only when the slice changes.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConsoleState, ConsoleStore } from './ConsoleStore.ts';
import type { LiveSession } from './LiveSession.ts';

export interface ConsoleContextValue {
  store: ConsoleStore;
  session: LiveSession;
}

export const ConsoleContext = createContext<ConsoleContextValue | undefined>(undefined);

export function useConsoleContext(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('console components must sit inside <ConsoleContext.Provider>');
  return value;
}

/** A slice of the store; select plain fields (or memoised values) so the result is referentially stable. */
export function useConsole<T>(selector: (s: ConsoleState) => T): T {
  const { store } = useConsoleContext();
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}

export function useStore(): ConsoleStore {
  return useConsoleContext().store;
}

export function useSession(): LiveSession {
  return useConsoleContext().session;
}

/** Whether this role may send the command (re-evaluated when a new hello arrives). */
export function useCan(name: string): boolean {
  return useConsole((s) => s.hello?.allowedCommands.includes(name) ?? false);
}
