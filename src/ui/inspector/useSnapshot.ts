/**
 * A view of a process read from a full snapshot of it (through the store's operation queue),
 * fetched again when its card changes or the lab rewinds — at most once per REFRESH_MS of wall
 * time: a throttle, not a debounce, since the card changes often while the lab plays.
 */
import { useEffect, useRef, useState } from 'react';
import { selectGeneration, useLabStore } from '../../store/index.ts';

const REFRESH_MS = 300;

export function useSnapshot<T extends { sid: number }>(card: { sid: number }, fetch: (sid: number) => Promise<T | null>): T | null {
  const generation = useLabStore(selectGeneration);
  const [value, setValue] = useState<T | null>(null);
  const last = useRef(-Infinity);
  useEffect(() => {
    let live = true;
    const wait = Math.max(0, last.current + REFRESH_MS - performance.now());
    const timer = setTimeout(() => {
      last.current = performance.now();
      fetch(card.sid)
        .then((v) => {
          if (live) setValue(v);
        })
        .catch((e: unknown) => console.error(e));
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [card, generation, fetch]);
  return value && value.sid === card.sid ? value : null;
}
