/**
 * The lab's keys (when focus is not in a text field or on a control that uses the key itself):
 * Space plays or pauses, → steps one event, ← rewinds one event. Listens on the window, after
 * React's own handlers, so a control that handled the key (and prevented its default) keeps it.
 */
import { useEffect } from 'react';
import { stepBackEvent, stepEvent, togglePlayback } from '../store/index.ts';

/** Elements that take Space themselves (type, press, toggle) — Space there is theirs. */
const SPACE_TARGETS = 'input, textarea, select, button, a[href], summary, [contenteditable=""], [contenteditable="true"], [role="button"], [role="tab"], [role="menuitem"], [role="checkbox"], [role="switch"], [role="option"]';
/** Elements that use the arrow keys themselves. */
const ARROW_TARGETS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="tab"], [role="tablist"], [role="menu"], [role="menuitem"], [role="slider"], [role="listbox"], [role="tree"], [role="treeitem"], [role="grid"], canvas';

export function labKeyAction(key: string, target: Element | null, mods: { alt: boolean; ctrl: boolean; meta: boolean; shift: boolean }): 'toggle' | 'step' | 'back' | null {
  if (mods.alt || mods.ctrl || mods.meta) return null;
  if (key === ' ' || key === 'Spacebar') return target?.closest(SPACE_TARGETS) ? null : 'toggle';
  if (key === 'ArrowRight' || key === 'ArrowLeft') {
    if (mods.shift || target?.closest(ARROW_TARGETS)) return null;
    return key === 'ArrowRight' ? 'step' : 'back';
  }
  return null;
}

export function useLabKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat && e.key === ' ') return;
      const action = labKeyAction(e.key, e.target instanceof Element ? e.target : null, { alt: e.altKey, ctrl: e.ctrlKey, meta: e.metaKey, shift: e.shiftKey });
      if (!action) return;
      e.preventDefault();
      if (action === 'toggle') togglePlayback();
      else if (action === 'step') void stepEvent();
      else void stepBackEvent();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
