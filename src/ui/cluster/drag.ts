/**
 * Dragging a server card onto a partition group: pointer events (mouse, pen, touch), a ghost
 * that follows the pointer, and the drop zone under it found with `elementsFromPoint` (zones
 * carry `data-drop-group`). A tiny module-level signal, not store state: it changes per pointer
 * move. Dropping calls `onDrop(sid, groupIndex)`.
 */
import { useSyncExternalStore } from 'react';

export interface DragState {
  sid: number;
  name: string;
  x: number;
  y: number;
  /** The drop zone under the pointer (group index), or null. */
  over: number | null;
}

let state: DragState | null = null;
const listeners = new Set<() => void>();
/** A drag just ended: the click that follows pointerup must not toggle the inspector. */
let suppressClickUntil = 0;

function set(next: DragState | null): void {
  state = next;
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useDragState(): DragState | null {
  return useSyncExternalStore(subscribe, () => state);
}

function zoneAt(x: number, y: number): number | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const g = (el as HTMLElement).dataset?.dropGroup;
    if (g !== undefined) return Number(g);
  }
  return null;
}

/** True right after a drag ended (swallow that click). */
export function dragJustEnded(): boolean {
  return performance.now() < suppressClickUntil;
}

/**
 * The card's onPointerDown: starts a drag once the pointer moved a few pixels (so a click stays
 * a click). Buttons inside the action row do not start drags.
 */
export function startServerDrag(e: React.PointerEvent<HTMLElement>, sid: number, name: string, onDrop: (sid: number, group: number) => void): void {
  if (e.button !== 0) return;
  if ((e.target as HTMLElement).closest('.server-actions, .server-menu')) return;
  const x0 = e.clientX;
  const y0 = e.clientY;
  let dragging = false;
  const move = (ev: PointerEvent) => {
    if (!dragging && Math.hypot(ev.clientX - x0, ev.clientY - y0) < 5) return;
    dragging = true;
    ev.preventDefault();
    set({ sid, name, x: ev.clientX, y: ev.clientY, over: zoneAt(ev.clientX, ev.clientY) });
  };
  const up = (ev: PointerEvent) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', cancel);
    if (!dragging) return;
    suppressClickUntil = performance.now() + 300;
    const zone = zoneAt(ev.clientX, ev.clientY);
    set(null);
    if (zone !== null) onDrop(sid, zone);
  };
  const cancel = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', cancel);
    set(null);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
  window.addEventListener('pointercancel', cancel);
}
