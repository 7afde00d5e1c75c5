/**
 * Time travel controls (issue 5): step to the next vote / proposal / commit / role change,
 * breakpoints that pause playback, the time slider over the branch's recorded span (drag to
 * rewind or fast-forward exactly; ← / → step one event back / forward; Home / End), and the
 * branch picker. The slider is written by the frame loop (it moves every frame), not by React.
 */
import { useEffect, useRef, useState } from 'react';
import {
  branchList, currentSession, seekSlider, selectProtocol, stepBackEvent, stepEvent, stepToNext, subscribeFrame, subscribeFrameEvery, switchBranch, SYNC_EVERY_MS,
  toggleBreakpoint, useLabStore, useTimeTravelStore,
} from '../../store/index.ts';
import type { BranchInfo } from '../../store/index.ts';
import { t } from '../strings.ts';
import { formatClock } from './SimClock.tsx';

/** The protocol's "Next …" buttons (ZooKeeper: vote, proposal, commit, role change; Paxos: PREPARE, ACCEPT, chosen …). */
export function StepToButtons() {
  const targets = useLabStore((s) => s.protocol.stepTargets);
  return (
    <>
      {targets.map((k) => (
        <button key={k} type="button" className="btn" data-step-to={k} onClick={() => void stepToNext(k)} title={t.stepToTitle(t.stepTo[k] ?? k)}>
          {t.stepTo[k]}
        </button>
      ))}
    </>
  );
}

export function BreakpointPicker() {
  const kinds = useLabStore(selectProtocol).breakpointKinds;
  const active = useTimeTravelStore((s) => s.breakpoints);
  const lastHit = useTimeTravelStore((s) => s.lastHit);
  return (
    <details className="breakpoints">
      <summary title={t.breakpointsTitle}>
        {t.breakpoints}
        {active.length > 0 ? ` (${active.length})` : ''}
      </summary>
      <fieldset aria-label={t.breakpoints}>
        {kinds.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={active.includes(k)} onChange={(e) => toggleBreakpoint(k, e.currentTarget.checked)} />
            {k === 'role' ? t.breakpointRole : k}
          </label>
        ))}
      </fieldset>
      <output data-testid="break-hit" aria-live="polite">
        {lastHit ? t.breakHit(lastHit) : ''}
      </output>
    </details>
  );
}

export function TimeSlider() {
  const ref = useRef<HTMLInputElement>(null);
  const dragging = useRef(false);
  useEffect(() => {
    let key = '';
    return subscribeFrameEvery(SYNC_EVERY_MS, ({ sim }) => {
      const el = ref.current;
      const rt = currentSession()?.runtime;
      if (!el || !rt) return;
      const span = rt.span();
      const k = `${sim.now}|${span.t}`;
      if (k === key) return;
      key = k;
      el.max = String(Math.max(1, Math.round(span.t)));
      if (!dragging.current) el.value = String(Math.round(sim.now));
      el.setAttribute('aria-valuetext', formatClock(sim.now));
      el.dataset.now = String(sim.now);
      el.dataset.max = String(span.t);
    });
  }, []);
  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const rt = currentSession()?.runtime;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') void stepEvent();
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') void stepBackEvent();
    else if (e.key === 'Home') void seekSlider(0);
    else if (e.key === 'End' && rt) void seekSlider(rt.span().t);
    else return;
    e.preventDefault();
  };
  return (
    <input
      ref={ref}
      type="range"
      className="time-slider"
      min={0}
      max={1}
      step={1}
      defaultValue={0}
      aria-label={t.timeSlider}
      title={t.timeSliderHint}
      data-testid="time-slider"
      onPointerDown={() => {
        dragging.current = true;
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onKeyDown={onKey}
      onChange={(e) => void seekSlider(Number(e.currentTarget.value))}
    />
  );
}

export function BranchPicker() {
  const [branches, setBranches] = useState<BranchInfo[]>([]);
  useEffect(() => {
    let key = '';
    return subscribeFrame(() => {
      const rt = currentSession()?.runtime;
      if (!rt) return;
      const k = `${rt.currentBranch}|${rt.branchList().length}`;
      if (k === key) return;
      key = k;
      setBranches(branchList());
    });
  }, []);
  if (branches.length < 2) return null;
  const current = branches.find((b) => b.current)?.id ?? 1;
  return (
    <label className="branch-picker">
      {t.branch}
      <select value={current} data-testid="branch-picker" data-current={current} onChange={(e) => void switchBranch(Number(e.currentTarget.value))}>
        {branches.map((b) => (
          <option key={b.id} value={b.id}>
            {t.branchOption(b.id, b.forkedAt?.t ?? null, b.current)}
          </option>
        ))}
      </select>
    </label>
  );
}
