/**
 * What the pointer is on, shared by the views that show the same things differently: the packet
 * under the pointer (the space-time diagram sets it, the ring's packet layer marks it) and the
 * server under the pointer (a card or a lane sets it; the other view marks it).
 * A tiny module-level signal, not store state: the frame loop reads it every frame and React
 * subscribes only where a component shows it.
 */
import { useSyncExternalStore } from 'react';

export interface Highlight {
  /** A trace packet id. */
  packetId: number | null;
  /** A server (or client) id. */
  sid: number | null;
}

let current: Highlight = { packetId: null, sid: null };
let version = 0;
const listeners = new Set<() => void>();

export function getHighlight(): Highlight {
  return current;
}

/** Bumped on every change (frame-loop drawers put it in their redraw key). */
export function highlightVersion(): number {
  return version;
}

function set(next: Highlight): void {
  if (next.packetId === current.packetId && next.sid === current.sid) return;
  current = next;
  version += 1;
  for (const fn of listeners) fn();
}

export function highlightPacket(packetId: number | null): void {
  set({ ...current, packetId });
}

export function highlightServer(sid: number | null): void {
  set({ ...current, sid });
}

export function subscribeHighlight(fn: () => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

/** True while `sid` is the highlighted server (re-renders only when that answer changes). */
export function useServerHighlighted(sid: number): boolean {
  return useSyncExternalStore(subscribeHighlight, () => current.sid === sid, () => false);
}
