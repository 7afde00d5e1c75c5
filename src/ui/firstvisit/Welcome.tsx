/**
 * The first visit's welcome (issue 14): on the bare address, a card that says where to start — the
 * five-minute lesson, the Paxos lab, the console — in English or 简体中文, until it is dismissed
 * for good (./firstVisit.ts decides when it shows). A non-modal dialog over the ring: the lab runs
 * behind it.
 */
import { useId, useState } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, setLang, useLang } from '../i18n/index.ts';
import { LessonText, lessonHref } from '../lessons/LessonPanel.tsx';
import { CONSOLE_INPUT_NAME } from '../console/Console.tsx';
import { usePresenting } from '../present/presentMode.ts';
import { tr } from '../strings.ts';
import { dismissWelcome, shouldWelcome, visitFacts } from './firstVisit.ts';
import './welcome.css';

const FIRST_LESSON = 'zk-in-five-minutes';

export function Welcome() {
  const lang = useLang();
  const presenting = usePresenting();
  const [open, setOpen] = useState(() => shouldWelcome(visitFacts()));
  const titleId = useId();
  if (!open || presenting) return null;
  const dismiss = () => {
    dismissWelcome();
    setOpen(false);
  };
  const toConsole = () => {
    setOpen(false);
    document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${CONSOLE_INPUT_NAME}"]`)?.focus();
  };
  const other = LANGUAGES.find((l) => l !== lang) ?? 'en';
  return (
    <section className="welcome" role="dialog" aria-modal="false" aria-labelledby={titleId} data-welcome>
      <header className="welcome-head">
        <h2 id={titleId}>{tr('welcome.title')}</h2>
        <button type="button" className="welcome-lang" lang={other} onClick={() => setLang(other)}>
          {LANGUAGE_NAMES[other]}
        </button>
        <button type="button" className="welcome-close" aria-label={tr('welcome.close')} title={tr('welcome.close')} onClick={dismiss}>
          ×
        </button>
      </header>
      <p className="welcome-intro">{tr('welcome.intro')}</p>
      <ol className="welcome-starts">
        <li>
          <a href={lessonHref(FIRST_LESSON)} data-welcome-link="lesson">{tr('welcome.lessonLink')}</a>
          <span>{tr('welcome.lessonText')}</span>
        </li>
        <li>
          <a href="?protocol=paxos" data-welcome-link="paxos">{tr('welcome.paxosLink')}</a>
          <span>{tr('welcome.paxosText')}</span>
        </li>
        <li>
          <button type="button" className="welcome-link" data-welcome-link="console" onClick={toConsole}>{tr('welcome.consoleLink')}</button>
          <span><LessonText text={tr('welcome.consoleText')} /></span>
        </li>
      </ol>
      <p className="welcome-more">{tr('welcome.more')}</p>
      <footer className="welcome-foot">
        <span className="welcome-note">{tr('welcome.forGood')}</span>
        <button type="button" className="btn btn-primary" data-welcome-dismiss onClick={dismiss}>
          {tr('welcome.dismiss')}
        </button>
      </footer>
    </section>
  );
}
