/**
 * The open lesson, as a presenter's clicker drives it: forward runs the current step (Do it for
 * me) and, once it ran, goes on to the next one; back goes to the step before (the lesson's own
 * Back, a real rewind). The lesson panel registers its player here (`useLessonRemote`); the
 * lab's keys (../useLabKeys.ts) call `lessonRemote()`.
 */
import { useEffect, useRef } from 'react';
import type { LessonPlayerEvent } from '../../machines/lessonPlayerMachine.ts';

export interface LessonRemote {
  /** Returns false when the lesson cannot move forward now (busy, or finished). */
  forward(): boolean;
  back(): boolean;
}

interface PlayerHandle {
  can(event: LessonPlayerEvent): boolean;
  /** 'done' once the learner left the lesson for the sandbox. */
  status: string;
}

let current: { remote: LessonRemote; snap: () => PlayerHandle } | null = null;

/** The lesson open on the page (not left for the sandbox), or null. */
export function lessonRemote(): LessonRemote | null {
  return current && current.snap().status !== 'done' ? current.remote : null;
}

/** Forward: the first of these the player can take (Do it for me, Next; a failed step is done again). */
const FORWARD: LessonPlayerEvent['type'][] = ['DO_IT', 'NEXT'];

export function remoteFor(snap: () => PlayerHandle, send: (e: LessonPlayerEvent) => void): LessonRemote {
  return {
    forward() {
      for (const type of FORWARD) {
        const e = { type } as LessonPlayerEvent;
        if (snap().can(e)) {
          send(e);
          return true;
        }
      }
      return false;
    },
    back() {
      const e: LessonPlayerEvent = { type: 'BACK' };
      if (!snap().can(e)) return false;
      send(e);
      return true;
    },
  };
}

/** Makes this lesson player the one the clicker drives while it is mounted. */
export function useLessonRemote(snap: PlayerHandle, send: (e: LessonPlayerEvent) => void): void {
  const latest = useRef({ snap, send });
  latest.current = { snap, send };
  useEffect(() => {
    const snap = () => latest.current.snap;
    const mine = { remote: remoteFor(snap, (e) => latest.current.send(e)), snap };
    current = mine;
    return () => {
      if (current === mine) current = null;
    };
  }, []);
}
