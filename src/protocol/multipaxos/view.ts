/**
 * What the views and `lab status` see of the replicas: a small MultiPaxosView per replica (sent
 * back after every step), the status lines of one replica and the ensemble's slot lines. Console
 * text is English, always (as zkCli's and `lab`'s output).
 */
import type { NodeId } from '../../sim/node.ts';
import { formatBallot, formatValue } from './ballot.ts';
import { nodeName, replicaIds, type MpValue, type MultiPaxosConfig, type MultiPaxosNode, type MultiPaxosSlotView, type MultiPaxosView } from './types.ts';

/** The view keeps this many executed slots below the executed watermark … */
export const VIEW_EXECUTED_WINDOW = 64;
/** … and at most this many slots in all. */
export const VIEW_MAX_SLOTS = 256;

function maxKey(rec: Record<number, unknown>): number {
  let max = 0;
  for (const k of Object.keys(rec)) max = Math.max(max, Number(k));
  return max;
}

export function viewReplica(node: MultiPaxosNode): MultiPaxosView {
  const highestAccepted = maxKey(node.disk.accepted);
  const highestChosen = maxKey(node.chosen);
  const highestInFlight = maxKey(node.inFlight);
  const top = Math.max(highestAccepted, highestChosen, highestInFlight, node.executed, node.role === 'leader' ? node.nextSlot - 1 : 0);
  const windowFrom = Math.max(1, node.executed - VIEW_EXECUTED_WINDOW + 1);
  const slots: MultiPaxosSlotView[] = [];
  for (let s = windowFrom; s <= top && slots.length < VIEW_MAX_SLOTS; s++) {
    const a = node.disk.accepted[s];
    const c = node.chosen[s];
    slots.push({
      slot: s,
      accepted: a === undefined ? null : { ballot: formatBallot(a.ballot), value: a.value },
      chosen: c === undefined ? null : { value: c },
      executed: s <= node.executed,
      inFlight: node.inFlight[s] !== undefined,
    });
  }
  return {
    id: node.id,
    name: node.name,
    role: node.role,
    ballot: node.ballot === null ? null : formatBallot(node.ballot),
    promised: node.disk.promised === null ? null : formatBallot(node.disk.promised),
    leader: node.leader === null ? null : nodeName(node.config, node.leader),
    leaderBallot: node.leaderBallot === null ? null : formatBallot(node.leaderBallot),
    windowFrom,
    slots,
    highestAccepted,
    highestChosen,
    chosenUpTo: node.executed,
    executed: node.executed,
    nextSlot: node.role === 'leader' ? node.nextSlot : null,
    inFlight: Object.keys(node.inFlight).length,
  };
}

/** `3.2` → [3, 2] (for comparing ballots printed in views). */
function parseBallot(b: string | null): [number, number] {
  if (b === null) return [0, 0];
  const [r, id] = b.split('.');
  return [Number(r), Number(id)];
}

function compareBallotText(a: string | null, b: string | null): number {
  const [ra, ia] = parseBallot(a);
  const [rb, ib] = parseBallot(b);
  return ra !== rb ? ra - rb : ia - ib;
}

/**
 * The leader a `propose VALUE` without a replica goes to: of the replicas that think they lead, the
 * one with the highest ballot (a deposed leader that has not heard of its successor yet may still
 * think it leads: Multi-Paxos allows two for a moment — Paxos Made Simple §3 — and only the higher
 * ballot can get anything chosen). Null when none leads.
 */
export function leaderOf(views: ReadonlyArray<MultiPaxosView | null | undefined>): NodeId | null {
  let best: MultiPaxosView | null = null;
  for (const v of views) {
    if (!v || v.role !== 'leader') continue;
    if (best === null || compareBallotText(v.ballot, best.ballot) > 0) best = v;
  }
  return best === null ? null : best.id;
}

/**
 * `lab status` for one replica (null view: it is down):
 *
 *   r2: leader, ballot 3.2, promised 3.2
 *     leader: r2 (ballot 3.2)
 *     slots: accepted up to 7, chosen up to 5 (highest chosen 7), executed 5, 2 in flight, next slot 8
 */
export function statusLines(cfg: MultiPaxosConfig, id: NodeId, view: MultiPaxosView | null | undefined): string[] {
  const n = nodeName(cfg, id);
  if (!view) return [`${n}: down`];
  const head = `${n}: ${view.role}${view.ballot === null ? '' : `, ballot ${view.ballot}`}, promised ${view.promised ?? 'none'}`;
  const leader = view.leader === null ? '  leader: none known' : `  leader: ${view.leader} (ballot ${view.leaderBallot ?? 'none'})`;
  let slots = `  slots: accepted up to ${view.highestAccepted}, chosen up to ${view.chosenUpTo}`;
  if (view.highestChosen > view.chosenUpTo) slots += ` (highest chosen ${view.highestChosen})`;
  slots += `, executed ${view.executed}`;
  if (view.role === 'leader') slots += `, ${view.inFlight} in flight, next slot ${view.nextSlot ?? '?'}`;
  return [head, leader, slots];
}

/**
 * The ensemble's log, one line per slot: `slot K: VALUE chosen|accepted|empty` — chosen if any
 * replica knows it chosen (its value), else accepted if any acceptor accepted something there (the
 * value with the highest ballot), else empty (`-`). No-ops print `no-op`. The slots run from the
 * lowest slot any view covers (views keep the last 64 executed slots) to the highest any view has.
 */
export function slotLines(cfg: MultiPaxosConfig, views: ReadonlyArray<MultiPaxosView | null | undefined>): string[] {
  const live = views.filter((v): v is MultiPaxosView => !!v);
  if (live.length === 0) return [];
  const from = Math.min(...live.map((v) => v.windowFrom));
  let to = 0;
  for (const v of live) for (const s of v.slots) to = Math.max(to, s.slot);
  const lines: string[] = [];
  for (let slot = from; slot <= to; slot++) {
    let chosen: { value: MpValue } | null = null;
    let accepted: { ballot: string; value: MpValue } | null = null;
    // In replica-id order, so the line does not depend on the order views are passed in.
    for (const id of replicaIds(cfg)) {
      const v = live.find((x) => x.id === id);
      const s = v?.slots[slot - v.windowFrom];
      if (!s || s.slot !== slot) continue;
      if (chosen === null && s.chosen !== null) chosen = s.chosen;
      if (s.accepted !== null && (accepted === null || compareBallotText(s.accepted.ballot, accepted.ballot) > 0)) accepted = s.accepted;
    }
    if (chosen !== null) lines.push(`slot ${slot}: ${formatValue(chosen.value)} chosen`);
    else if (accepted !== null) lines.push(`slot ${slot}: ${formatValue(accepted.value)} accepted`);
    else lines.push(`slot ${slot}: - empty`);
  }
  return lines;
}
