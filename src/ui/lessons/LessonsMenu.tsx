/**
 * The top bar's lessons menu: every lesson in the current language, from any page (a lesson opens
 * its own ensemble, so choosing one loads `?lesson=ID`). Escape or a click elsewhere closes it.
 */
import { useEffect, useRef } from 'react';
import { t } from '../strings.ts';
import { LessonList } from './LessonPanel.tsx';

export function LessonsMenu() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) {
        d.open = false;
        if (e instanceof KeyboardEvent) d.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="lessons-menu" ref={ref}>
      <summary title={t.lessonsMenuTitle}>{t.lessonsMenu}</summary>
      <nav className="lessons-menu-list" aria-label={t.lessonsMenu}>
        <LessonList />
      </nav>
    </details>
  );
}
