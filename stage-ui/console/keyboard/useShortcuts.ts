// Global keys for frequent actions (see shortcuts.ts). They stand back while a text field has focus, while flying
// (mouse held on the stage view) and, except Esc, while an editor, prompt or help is open; repeats are ignored for
// decisions. Space never activates a focused button: it always means pause/resume.
import { useEffect } from 'react';
import { useSession, useStore } from '../state/ConsoleContext.ts';
import type { ConsoleStore } from '../state/ConsoleStore.ts';
import type { LiveSession } from '../state/LiveSession.ts';
import { acceptSuggestion, rejectSuggestion } from '../suggestions/suggestionActions.ts';
import { abortMove, SCRUB_STEP, scrubBy, SPEED_STEP, speedBy, togglePause } from '../transport/moveCommands.ts';
import { isTypingTarget } from './isTypingTarget.ts';

export function useShortcuts(): void {
  const store = useStore();
  const session = useSession();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => handleKey(e, store, session);
    // A focused button activates on Space's keyup: keep Space for the transport.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTypingTarget(e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [store, session]);
}

function handleKey(e: KeyboardEvent, store: ConsoleStore, session: LiveSession): void {
  if (e.ctrlKey || e.metaKey || e.altKey || store.live.flyKeysCaptured) return;
  const s = store.get();
  if (e.key === 'Escape') {
    // Close what is open before anything else: Esc must never abort a move by surprise.
    if (s.helpOpen) return void store.set({ helpOpen: false });
    if (s.rejectingId) return void store.set({ rejectingId: null });
    if (s.editor) return void store.set({ editor: null });
    if (isTypingTarget(e.target)) return void (e.target as HTMLElement).blur();
    if (session.can('move.abort')) abortMove(session, store);
    return;
  }
  if (isTypingTarget(e.target)) return;
  if (e.key === '?') return void store.set({ helpOpen: !s.helpOpen });
  if (s.helpOpen || s.editor || s.rejectingId) return;

  const top = s.suggestions?.suggestions[0];
  switch (e.code) {
    case 'Space':
      e.preventDefault();
      if (!e.repeat && session.can('move.pause')) togglePause(session, store);
      return;
    case 'ArrowLeft':
    case 'ArrowRight':
      e.preventDefault();
      if (session.can('move.scrub')) scrubBy(session, store, e.code === 'ArrowLeft' ? -SCRUB_STEP : SCRUB_STEP);
      return;
    case 'ArrowUp':
    case 'ArrowDown':
      e.preventDefault();
      if (session.can('move.speed')) speedBy(session, store, e.code === 'ArrowUp' ? SPEED_STEP : -SPEED_STEP);
      return;
    case 'KeyA':
      if (!e.repeat && top && session.can('suggestion.accept')) void acceptSuggestion(session, store, top);
      return;
    case 'KeyR':
      if (!e.repeat && top && session.can('suggestion.reject')) void rejectSuggestion(session, store, top);
      return;
    case 'KeyC':
      if (!e.repeat && session.can('camera.select')) cycleCamera(session, store);
      return;
    case 'KeyP':
      store.set({ stageMode: s.stageMode === 'stage' ? 'scene-preview' : 'stage', previewSceneId: s.hello?.scene.id ?? null });
      return;
    case 'Digit1':
      return void store.set({ navMode: 'orbit' });
    case 'Digit2':
      return void store.set({ navMode: 'fly' });
    case 'Digit3':
      return void store.set({ navMode: 'follow' });
  }
}

function cycleCamera(session: LiveSession, store: ConsoleStore): void {
  const frame = store.live.frame;
  if (!frame || frame.cameras.length < 2) return;
  const i = frame.cameras.findIndex((c) => c.id === frame.activeCameraId);
  const next = frame.cameras[(i + 1) % frame.cameras.length]!;
  void session.command('camera.select', { cameraId: next.id });
}
