/**
 * When the first visit's welcome shows (issue 14): on the bare address only — any query parameter
 * (a lesson, a protocol, a shared run, embed, presenter mode, a test's ensemble) means the visitor
 * knows where they are going — until it is dismissed, which lasts (localStorage). Automated
 * browsers (navigator.webdriver: Playwright, the screenshot and bench scripts) never see it unless
 * the page sets `window.__zkLabWelcome = true` before it loads (a test that asks for it).
 */

export const WELCOME_DISMISSED_KEY = 'zk-lab.welcome.dismissed';

declare global {
  interface Window {
    /** Set by a test (addInitScript) to see the welcome in an automated browser. */
    __zkLabWelcome?: boolean;
  }
}

export interface VisitFacts {
  /** location.search */
  search: string;
  /** The welcome was dismissed in this browser. */
  dismissed: boolean;
  /** navigator.webdriver */
  automated: boolean;
  /** window.__zkLabWelcome */
  asked: boolean;
}

export function shouldWelcome(f: VisitFacts): boolean {
  if (f.search !== '' && f.search !== '?') return false;
  if (f.dismissed) return false;
  return !f.automated || f.asked;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function welcomeDismissed(): boolean {
  try {
    return storage()?.getItem(WELCOME_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Never again in this browser (when storage works; else for this page). */
export function dismissWelcome(): void {
  try {
    storage()?.setItem(WELCOME_DISMISSED_KEY, '1');
  } catch {
    // private mode without storage: the welcome closes for this page only
  }
}

/** This page's facts. */
export function visitFacts(): VisitFacts {
  return {
    search: typeof location === 'undefined' ? '' : location.search,
    dismissed: welcomeDismissed(),
    automated: typeof navigator !== 'undefined' && navigator.webdriver === true,
    asked: typeof window !== 'undefined' && window.__zkLabWelcome === true,
  };
}
