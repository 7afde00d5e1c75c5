/**
 * What the views and `lab status` see of the processes: a small CommitView per process (sent back
 * after every step), one status line per process and one line per transaction. Console text is
 * English, always (as the rest of `lab`'s output).
 */
import type { NodeId } from '../../sim/node.ts';
import {
  COORDINATOR, nodeName, participantIds, type CommitConfig, type CommitDisk, type CommitNode, type CommitTxnView,
  type CommitView, type Outcome,
} from './types.ts';

const names = (cfg: CommitConfig, ids: readonly NodeId[]) => ids.map((id) => nodeName(cfg, id));

/** A view keeps the last this many transactions. */
export const VIEW_TXNS = 12;

export function viewCommitNode(node: CommitNode): CommitView {
  const coordinator = node.id === COORDINATOR;
  const txns: CommitTxnView[] = [];
  for (const txn of node.disk.order.slice(-VIEW_TXNS)) {
    const log = node.disk.log[txn]!;
    const decision = log.decision ?? null;
    if (coordinator) {
      const t = node.coord[txn];
      const votes = participantIds(node.config).map((p) => `${nodeName(node.config, p)}:${t?.votes[p] ?? '-'}`).join(' ');
      txns.push({ txn, state: t?.phase ?? (decision === 'commit' ? 'committed' : decision === 'abort' ? 'aborted' : 'voting'), vote: null, decision, locks: false, blocked: false, votes, acks: t?.acks.length ?? 0, ...(t && t.contrary.length > 0 ? { contrary: names(node.config, t.contrary) } : {}) });
    } else {
      const p = node.part[txn];
      const state = p?.state ?? (decision === 'commit' ? 'committed' : decision === 'abort' ? 'aborted' : log.precommit ? 'precommitted' : 'uncertain');
      const open = state === 'uncertain' || state === 'precommitted';
      txns.push({ txn, state, vote: log.vote ?? null, decision, locks: open, blocked: open && (p?.asks ?? 0) > 0 });
    }
  }
  return { id: node.id, name: node.name, role: coordinator ? 'coordinator' : 'participant', variant: node.config.variant, nextVote: node.nextVote, txns };
}

/** One transaction as a process's log has it (for a process that is down). */
function diskState(disk: CommitDisk, txn: string, coordinator: boolean): string {
  const log = disk.log[txn]!;
  if (log.decision) return log.decision === 'commit' ? 'committed' : 'aborted';
  if (coordinator) return log.precommit ? 'precommit' : 'voting';
  return log.precommit ? 'precommitted' : log.vote === 'yes' ? 'uncertain' : 'init';
}

function txnText(v: CommitTxnView, coordinator: boolean): string {
  if (coordinator) {
    const contrary = v.contrary && v.contrary.length > 0 ? `, ${v.contrary.join(',')} ACKed ${v.state === 'committed' ? 'abort' : 'commit'}` : '';
    return `${v.txn} ${v.state} (votes ${v.votes ?? '-'}${v.state === 'voting' ? '' : `, acks ${v.acks ?? 0}`}${contrary})`;
  }
  const parts = [v.vote === null ? 'not voted' : `voted ${v.vote}`];
  if (v.locks) parts.push('holding locks');
  if (v.blocked) parts.push('blocked: nobody it reached knows the outcome');
  return `${v.txn} ${v.state} (${parts.join(', ')})`;
}

/**
 * `lab status` for one process (view null: it is down; its log is read from the disk):
 *
 *   c: coordinator, T1 committed (votes p1:yes p2:yes, acks 2)
 *   c: coordinator, T1 committed (votes p1:yes p2:yes p3:yes, acks 2, p3 ACKed abort)
 *   p1: participant, T1 uncertain (voted yes, holding locks, blocked: nobody it reached knows the outcome)
 *   p2: down; log: T1 uncertain
 */
export function statusLine(cfg: CommitConfig, id: NodeId, view: CommitView | null, disk: CommitDisk | null): string {
  const n = nodeName(cfg, id);
  const coordinator = id === COORDINATOR;
  if (!view) {
    const last = disk?.order.at(-1);
    return `${n}: down${last === undefined ? '' : `; log: ${last} ${diskState(disk!, last, coordinator)}`}`;
  }
  const last = view.txns.at(-1);
  const head = `${n}: ${view.role}`;
  const armed = !coordinator && view.nextVote === 'no' ? ', votes no on the next transaction' : '';
  return last ? `${head}, ${txnText(last, coordinator)}${armed}` : `${head}, idle${armed}`;
}

/** What one participant is in a transaction, for the transaction lines. */
type PState = 'committed' | 'aborted' | 'blocked' | 'uncertain' | 'precommitted' | 'init' | 'down';

/**
 * One line per transaction the coordinator began (the newest VIEW_TXNS), in the order begun:
 *
 *   T1: committed
 *   T2: blocked (p1,p2 uncertain, holding locks, asking; p3 down)
 *   T3: committed and aborted (committed at p1,p2; aborted at p3)
 *
 * `committed` / `aborted`: every participant decided so; `committed and aborted`: atomicity is
 * broken; `blocked`: a participant that voted yes asks and nobody it reached knows; `uncertain`:
 * still in progress.
 */
export function txnLines(
  cfg: CommitConfig,
  views: ReadonlyMap<NodeId, CommitView | null>,
  disks: ReadonlyMap<NodeId, CommitDisk>,
): string[] {
  const coordDisk = disks.get(COORDINATOR);
  const cView = views.get(COORDINATOR) ?? null;
  const txns = cView ? cView.txns.map((t) => t.txn) : (coordDisk?.order.slice(-VIEW_TXNS) ?? []);
  return txns.map((txn) => {
    const states = new Map<NodeId, PState>();
    for (const p of participantIds(cfg)) {
      const v = views.get(p) ?? null;
      if (v) {
        const t = v.txns.find((x) => x.txn === txn);
        states.set(p, !t ? 'init' : t.state === 'committed' || t.state === 'aborted' ? t.state : t.blocked ? 'blocked' : (t.state as PState));
      } else {
        const d = disks.get(p);
        const log = d?.log[txn];
        states.set(p, log?.decision ? (log.decision === 'commit' ? 'committed' : 'aborted') : 'down');
      }
    }
    const all = [...states.values()];
    const has = (s: PState) => all.includes(s);
    const decided = (o: Outcome) => all.every((s) => s === (o === 'commit' ? 'committed' : 'aborted'));
    let head: string;
    if (decided('commit')) head = 'committed';
    else if (decided('abort')) head = 'aborted';
    else if (has('committed') && has('aborted')) head = 'committed and aborted';
    else if (has('blocked')) head = 'blocked';
    else head = 'uncertain';
    if (head === 'committed' || head === 'aborted') return `${txn}: ${head}`;
    const groups = new Map<PState, string[]>();
    for (const [p, s] of states) groups.set(s, [...(groups.get(s) ?? []), nodeName(cfg, p)]);
    const WORD: Record<PState, string> = {
      committed: 'committed', aborted: 'aborted', blocked: 'uncertain, holding locks, asking', uncertain: 'uncertain, holding locks',
      precommitted: 'pre-committed, holding locks', init: 'not voted', down: 'down, undecided',
    };
    const detail = [...groups].map(([s, ps]) => `${ps.join(',')} ${WORD[s]}`).join('; ');
    return `${txn}: ${head} (${detail})`;
  });
}
