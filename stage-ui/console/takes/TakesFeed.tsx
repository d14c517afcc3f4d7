// Loads the takes list on every hello (the top bar's playback tally names the playing take from it); live take
// events keep it current after that (LiveSession).
import { useEffect } from 'react';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { loadTakes } from './takeLibrary.ts';

export function TakesFeed() {
  const store = useStore();
  const hello = useConsole((s) => s.hello);
  useEffect(() => {
    if (hello) void loadTakes(store);
  }, [hello, store]);
  return null;
}
