/**
 * The lab's keys (when focus is not in a text field or on a control that uses the key itself):
 * Space plays or pauses, → steps one event, ← rewinds one event. Listens on the window, after
 * React's own handlers, so a control that handled the key (and prevented its default) keeps it.
 *
 * Presenting (./present/presentMode.ts), a presenter's clicker sends PageDown / PageUp: they and
 * → / ← step the open lesson forward and back (without a lesson, one event forward and back);
 * B blanks the screen, and any key then brings it back.
 */
import { useEffect } from 'react';
import { stepBackEvent, stepEvent, togglePlayback } from '../store/index.ts';
import { lessonRemote } from './present/lessonRemote.ts';
import { isBlanked, isPresenting, setBlanked } from './present/presentMode.ts';

/** Elements that take Space themselves (type, press, toggle) — Space there is theirs. */
const SPACE_TARGETS = 'input, textarea, select, button, a[href], summary, [contenteditable=""], [contenteditable="true"], [role="button"], [role="tab"], [role="menuitem"], [role="checkbox"], [role="switch"], [role="option"]';
/** Elements that use the arrow keys themselves. */
const ARROW_TARGETS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="tab"], [role="tablist"], [role="menu"], [role="menuitem"], [role="slider"], [role="listbox"], [role="tree"], [role="treeitem"], [role="grid"], canvas';
/** Elements one types letters into. */
const TEXT_TARGETS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

export type LabKeyAction = 'toggle' | 'step' | 'back' | 'lessonForward' | 'lessonBack' | 'blank';

/** What the page is showing, for the keys that depend on it. */
export interface LabKeyContext {
  presenting: boolean;
  /** A lesson is open (its player registered a remote). */
  lesson: boolean;
}

const NOT_PRESENTING: LabKeyContext = { presenting: false, lesson: false };

export function labKeyAction(
  key: string,
  target: Element | null,
  mods: { alt: boolean; ctrl: boolean; meta: boolean; shift: boolean },
  ctx: LabKeyContext = NOT_PRESENTING,
): LabKeyAction | null {
  if (mods.alt || mods.ctrl || mods.meta) return null;
  if (key === ' ' || key === 'Spacebar') return target?.closest(SPACE_TARGETS) ? null : 'toggle';
  const forward = key === 'ArrowRight' || key === 'PageDown';
  const back = key === 'ArrowLeft' || key === 'PageUp';
  if (forward || back) {
    const clicker = key === 'PageDown' || key === 'PageUp';
    // PageDown / PageUp scroll the page unless presenting.
    if (clicker && !ctx.presenting) return null;
    if (mods.shift || target?.closest(ARROW_TARGETS)) return null;
    if (ctx.presenting && ctx.lesson) return forward ? 'lessonForward' : 'lessonBack';
    return forward ? 'step' : 'back';
  }
  if ((key === 'b' || key === 'B') && ctx.presenting && !target?.closest(TEXT_TARGETS)) return 'blank';
  return null;
}

export function useLabKeys(): void {
  useEffect(() => {
    // A blank screen: any key brings the lab back and does nothing else (caught before any control sees it).
    let swallowUp = false;
    const onBlankKey = (e: KeyboardEvent) => {
      if (!isBlanked()) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      setBlanked(false);
      swallowUp = true;
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (!swallowUp) return;
      swallowUp = false;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat && e.key === ' ') return;
      const ctx = { presenting: isPresenting(), lesson: lessonRemote() !== null };
      const action = labKeyAction(e.key, e.target instanceof Element ? e.target : null, { alt: e.altKey, ctrl: e.ctrlKey, meta: e.metaKey, shift: e.shiftKey }, ctx);
      if (!action) return;
      e.preventDefault();
      if (action === 'toggle') togglePlayback();
      else if (action === 'step') void stepEvent();
      else if (action === 'back') void stepBackEvent();
      else if (action === 'lessonForward') lessonRemote()?.forward();
      else if (action === 'lessonBack') lessonRemote()?.back();
      else setBlanked(true);
    };
    window.addEventListener('keydown', onBlankKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onBlankKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
