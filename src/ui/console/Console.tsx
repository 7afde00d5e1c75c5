/**
 * The console of docs/architecture.md: zkCli commands and `lab` commands in one text box. Enter runs the
 * box's text (several lines run in order, one command per line); pasting text with line breaks
 * runs its complete lines at once, as a terminal does; ↑/↓ walk the history; Tab completes
 * command names and znode paths. Output is text only: React renders it as text nodes, so znode
 * data is never interpreted as HTML. Copying a selection of the output (or "Copy transcript")
 * gives zkCli's text byte for byte, blank lines included. Several tabs, each its own zkCli and
 * client session.
 */
import { useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import {
  applyPaste, browseHistory, clearConsole, completeConsoleInput, consoleTranscript, runConsoleLine, runConsoleText, selectActiveConsoleTab,
  selectConsoleCommands, selectConsoleLines, selectedConsoleText, selectHasZkCli, selectHistory, selectPendingCommands, selectPrompt, showCompletions, useLabStore,
  type ConsoleLine, type HistoryCursor, type LinePoint,
} from '../../store/index.ts';
import { t } from '../strings.ts';
import { ConsoleTabs } from './ConsoleTabs.tsx';

/**
 * The console's accessible names are the automation contract (docs/architecture.md): the same in every
 * UI language, so tests, lessons and scripts find the console whatever language the page speaks.
 */
export const CONSOLE_INPUT_NAME = 'zkCli command';
export const CONSOLE_OUTPUT_NAME = 'zkCli output';

export function Console() {
  const tab = useLabStore(selectActiveConsoleTab);
  const pending = useLabStore(selectPendingCommands);
  // Session tabs are zkCli's (a client session each); a protocol without zkCli has one console.
  const zkCli = useLabStore(selectHasZkCli);
  const commands = useLabStore(selectConsoleCommands);
  return (
    <section className="console panel" aria-labelledby="console-title">
      <header className="panel-head">
        <h2 id="console-title">{t.consoleTitle}</h2>
        <span className="panel-hint">{pending > 0 ? t.consoleRunning(pending) : zkCli ? t.consoleHint : t.consoleHintProtocol(commands)}</span>
        <CopyTranscript />
        <button type="button" className="btn btn-small btn-ghost" onClick={() => clearConsole(tab)} aria-label={t.consoleClearLabel}>
          {t.consoleClear}
        </button>
      </header>
      {zkCli && <ConsoleTabs />}
      {/* Each tab keeps its own draft and history cursor: the body is remounted per tab. */}
      <ConsoleBody key={tab} tab={tab} />
    </section>
  );
}

function ConsoleBody({ tab }: { tab: number }) {
  const lines = useLabStore(selectConsoleLines);
  const prompt = useLabStore(selectPrompt);
  const pending = useLabStore(selectPendingCommands);
  const [value, setValue] = useState(() => drafts.get(tab) ?? '');
  const cursor = useRef<HistoryCursor>({ index: null, draft: '' });
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const stickToBottom = useRef(true);
  const shownHeight = useRef(0);
  const lastTab = useRef<string | null>(null);
  const setDraft = (v: string) => {
    drafts.set(tab, v);
    setValue(v);
  };

  // Keep the newest output in view unless the reader scrolled up — also when the console gets
  // smaller (the inspector opens above it).
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [lines]);
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const ro = new ResizeObserver(() => {
      shownHeight.current = log.clientHeight;
      if (stickToBottom.current) log.scrollTop = log.scrollHeight;
    });
    ro.observe(log);
    return () => ro.disconnect();
  }, []);

  const submit = (text: string) => {
    cursor.current = { index: null, draft: '' };
    setDraft('');
    stickToBottom.current = true;
    if (/[\r\n]/.test(text)) void runConsoleText(text, tab);
    else void runConsoleLine(text, tab);
  };

  const complete = (el: HTMLTextAreaElement): boolean => {
    if (el.value.trim() === '' || el.selectionStart !== el.selectionEnd) return false;
    const c = completeConsoleInput(el.value, el.selectionStart, tab);
    if (!c) return false;
    if (c.value !== el.value) {
      setDraft(c.value);
      requestAnimationFrame(() => el.setSelectionRange(c.caret, c.caret));
      lastTab.current = null;
    } else if (c.candidates.length > 1) {
      // A second Tab with nothing more to add lists the candidates, as a terminal does.
      if (lastTab.current === el.value) {
        stickToBottom.current = true;
        showCompletions(c.candidates, tab);
      }
      lastTab.current = el.value;
    }
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
      // On an empty box Tab moves the focus on, as everywhere else.
      if (complete(el)) e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit(el.value);
      return;
    }
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const before = el.value.slice(0, el.selectionStart);
      const after = el.value.slice(el.selectionEnd);
      // Inside a multi-line draft the arrows move the caret; on its first/last line they browse history.
      if (e.key === 'ArrowUp' && before.includes('\n')) return;
      if (e.key === 'ArrowDown' && after.includes('\n')) return;
      const history = selectHistory(useLabStore.getState());
      const r = browseHistory(history, cursor.current, el.value, e.key === 'ArrowUp' ? -1 : 1);
      if (r.value === el.value && r.cursor === cursor.current) return;
      e.preventDefault();
      cursor.current = r.cursor;
      setDraft(r.value);
      return;
    }
    if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      clearConsole(tab);
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[\r\n]/.test(pasted)) return;
    e.preventDefault();
    const el = e.currentTarget;
    const { run, rest } = applyPaste(el.value.slice(0, el.selectionStart), pasted, el.value.slice(el.selectionEnd));
    cursor.current = { index: null, draft: '' };
    setDraft(rest);
    stickToBottom.current = true;
    for (const line of run) void runConsoleLine(line, tab);
  };

  return (
    <>
      <div
        className="console-log"
        role="log"
        id={`console-log-${tab}`}
        aria-label={CONSOLE_OUTPUT_NAME}
        aria-busy={pending > 0}
        ref={logRef}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          // A scroll that comes with a new size is the layout's (or ours, late), not the reader's:
          // keep following the newest line if we were.
          if (el.clientHeight !== shownHeight.current) {
            shownHeight.current = el.clientHeight;
            if (stickToBottom.current) el.scrollTop = el.scrollHeight;
            return;
          }
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        onMouseUp={() => {
          // A click (not a text selection) in the output puts the caret in the command box.
          if (window.getSelection()?.isCollapsed) inputRef.current?.focus();
        }}
        onKeyDown={(e) => {
          // Select all, in the output, selects the output (as in a terminal), not the page.
          if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
            e.preventDefault();
            window.getSelection()?.selectAllChildren(e.currentTarget);
          }
        }}
        onCopy={(e) => copySelection(e, lines)}
      >
        {lines.map((l) => (
          <div key={l.id} className={`line line-${l.kind}`} data-kind={l.kind}>
            {/* A blank line is a line break even for the browser's own copy (an empty div is none). */}
            {l.text === '' ? <br /> : l.text}
          </div>
        ))}
      </div>
      <div className="console-input">
        <span className="prompt" aria-hidden="true">
          {prompt}
        </span>
        <textarea
          ref={inputRef}
          aria-label={CONSOLE_INPUT_NAME}
          rows={Math.min(6, value.split('\n').length)}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          value={value}
          onChange={(e) => {
            lastTab.current = null;
            setDraft(e.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
      </div>
    </>
  );
}

/** "Copy transcript": the active tab's whole output, as selecting all of it and copying gives. */
function CopyTranscript() {
  const lines = useLabStore(selectConsoleLines);
  const [copied, setCopied] = useState<readonly ConsoleLine[] | null>(null);
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      aria-label={t.consoleCopyLabel}
      title={t.consoleCopyLabel}
      disabled={lines.length === 0}
      onClick={() => {
        const text = consoleTranscript(lines.map((l) => l.text));
        void navigator.clipboard?.writeText(text).then(() => setCopied(lines), () => setCopied(null));
      }}
    >
      {copied === lines ? t.consoleCopied : t.consoleCopy}
    </button>
  );
}

/**
 * Copies the selected part of the output as zkCli printed it: the text of the lines the selection
 * covers, joined by line breaks, blank lines kept (the browser's own copy of the line elements
 * drops empty lines and depends on the styles). A selection reaching outside the output is left
 * to the browser.
 */
function copySelection(e: ClipboardEvent<HTMLDivElement>, lines: readonly ConsoleLine[]): void {
  const log = e.currentTarget;
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
  const range = sel.getRangeAt(0);
  if (!log.contains(range.startContainer) || !log.contains(range.endContainer)) return;
  const from = linePoint(log, range.startContainer, range.startOffset);
  const to = linePoint(log, range.endContainer, range.endOffset);
  if (!from || !to) return;
  e.preventDefault();
  e.clipboardData.setData(
    'text/plain',
    selectedConsoleText(
      lines.map((l) => l.text),
      from,
      to,
    ),
  );
}

/** A DOM position inside the output as a line and an offset in its text (null: not on a line). */
function linePoint(log: HTMLElement, node: Node, offset: number): LinePoint | null {
  if (node === log) return { line: offset, offset: 0 };
  let el: Node | null = node;
  while (el && el.parentNode !== log) el = el.parentNode;
  if (!el) return null;
  const line = Array.prototype.indexOf.call(log.childNodes, el) as number;
  const before = document.createRange();
  before.selectNodeContents(el);
  before.setEnd(node, offset);
  return { line, offset: before.toString().length };
}

/** Each tab's unfinished command line, kept while another tab is shown. */
const drafts = new Map<number, string>();
