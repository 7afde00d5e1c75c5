/** Whether a new version of the lab waits (src/ui/pwa/registerPwa.tsx), for the prompt to show. */
import { useSyncExternalStore } from 'react';

type Pending = { reload: () => void } | null;
let pending: Pending = null;
const listeners = new Set<() => void>();

function set(next: Pending): void {
  pending = next;
  for (const l of listeners) l();
}

/** A new service worker is installed and waiting; `reload` activates it and reloads the page. */
export function offerUpdate(reload: () => void): void {
  set({ reload });
}

/** "Later": hide the prompt; the new version takes over at the next visit. */
export function dismissUpdate(): void {
  set(null);
}

export function usePendingUpdate(): Pending {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );
}
