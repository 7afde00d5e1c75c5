/**
 * The top bar's lessons menu: every lesson in the current language, from any page (a lesson opens
 * its own ensemble, so choosing one loads `?lesson=ID`). Escape or a click elsewhere closes it.
 */
import { useRef } from 'react';
import { t } from '../strings.ts';
import { useDismiss } from '../useDismiss.ts';
import { LessonList } from './LessonPanel.tsx';

export function LessonsMenu() {
  const ref = useRef<HTMLDetailsElement>(null);
  useDismiss(ref);
  return (
    <details className="lessons-menu" ref={ref}>
      <summary title={t.lessonsMenuTitle}>{t.lessonsMenu}</summary>
      <nav className="lessons-menu-list" aria-label={t.lessonsMenu}>
        <LessonList />
      </nav>
    </details>
  );
}
