// True below 1600 px wide (tablets, 1280×800): the layout folds suggestions into the side tabs.
import { useSyncExternalStore } from 'react';

const QUERY = '(max-width: 1599px)';

export function useCompactLayout(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = matchMedia(QUERY);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => matchMedia(QUERY).matches,
  );
}
