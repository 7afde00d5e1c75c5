/**
 * The invariants of atomic commit (invariants.ts), checked from outside the processes after every
 * batch. They read only the trace (`voted` and `decided` events), keep a cursor into it (each call
 * costs O(new entries)) and report each broken fact once, naming the invariant, the moment, the
 * processes and one sentence of why.
 *
 *  - Atomicity: per transaction, no process decides commit while another decided abort.
 *  - Validity: a commit (anywhere) comes after a yes vote of every participant.
 *  - BlockedNotGuessed (2PC): a participant that voted yes decides only an outcome already known —
 *    the coordinator decided it, or (abort) a participant voted no or aborted before voting.
 *
 * A wipe erases a process's log, which is outside the protocol's fault model; the checker forgets
 * nothing of it (a wiped participant that votes again is a second vote, and still counts).
 */
import type { ProtocolChecker, Violation } from '../../sim/module.ts';
import type { NodeId } from '../../sim/node.ts';
import type { TraceEntryOf } from '../../sim/trace.ts';
import { commitInvariants, type CommitInvariant } from './invariants.ts';
import {
  COORDINATOR, nodeName, participantIds, type CommitConfig, type CommitEvent, type CommitMsg, type CommitNode,
  type CommitReply, type CommitRequest, type Outcome, type Vote,
} from './types.ts';

export type CommitTraceEntry = TraceEntryOf<CommitMsg, CommitEvent, CommitRequest, CommitReply>;

interface TxnFacts {
  votes: Map<NodeId, Vote>;
  /** The first decision of each process. */
  decisions: Map<NodeId, Outcome>;
  /** Outcomes someone knows: the coordinator's decision, abort after a no vote or an abort before voting. */
  known: Set<Outcome>;
}

export function createCommitChecker(cfg: CommitConfig): ProtocolChecker<CommitNode, CommitTraceEntry> {
  const invariants = commitInvariants(cfg.variant);
  const checks = new Set(invariants.map((i) => i.name));
  const name = (id: NodeId) => nodeName(cfg, id);
  const facts = new Map<string, TxnFacts>();
  const reported = new Set<string>();
  let cursor = 0;

  const of = (txn: string): TxnFacts => {
    let f = facts.get(txn);
    if (!f) facts.set(txn, (f = { votes: new Map(), decisions: new Map(), known: new Set() }));
    return f;
  };

  function report(out: Violation[], key: string, invariant: CommitInvariant, t: number, traceIndex: number, servers: NodeId[], message: string): void {
    if (!checks.has(invariant) || reported.has(key)) return;
    reported.add(key);
    out.push({ invariant, t, traceIndex, servers: [...new Set(servers)].sort((a, b) => a - b), message });
  }

  function onDecided(sid: NodeId, ev: Extract<CommitEvent, { kind: 'decided' }>, t: number, i: number, out: Violation[]): void {
    const f = of(ev.txn);
    if (ev.outcome === 'commit') {
      const missing = participantIds(cfg).filter((p) => f.votes.get(p) !== 'yes');
      if (missing.length > 0) {
        report(out, `V|${ev.txn}`, 'Validity', t, i, [sid, ...missing],
          `${name(sid)} committed ${ev.txn} but ${missing.map((p) => `${name(p)} ${f.votes.get(p) === 'no' ? 'voted no' : 'never voted'}`).join(', ')}.`);
      }
    }
    if (sid !== COORDINATOR && f.votes.get(sid) === 'yes' && !f.known.has(ev.outcome)) {
      report(out, `B|${ev.txn}|${sid}`, 'BlockedNotGuessed', t, i, [sid],
        `${name(sid)} voted yes on ${ev.txn} and then decided ${ev.outcome} ${ev.source === 'timeout' ? 'on its own timeout ' : ''}while no process knew that outcome: it guessed instead of blocking.`);
    }
    if (!f.decisions.has(sid)) f.decisions.set(sid, ev.outcome);
    const other = [...f.decisions].find(([, o]) => o !== ev.outcome);
    if (other) {
      const by = (o: Outcome) => [...f.decisions].filter(([, x]) => x === o).map(([p]) => p).sort((x, y) => x - y).map(name).join(',');
      report(out, `A|${ev.txn}`, 'Atomicity', t, i, [...f.decisions.keys()],
        `${ev.txn} is committed at ${by('commit')} and aborted at ${by('abort')}${cfg.variant === '3pc' ? ' — a participant decided alone on its timeout, not knowing what the other side did' : ''}.`);
    }
    if (sid === COORDINATOR || ev.source === 'own-no' || ev.source === 'unilateral') f.known.add(ev.outcome);
  }

  return {
    invariants,
    check(view) {
      const out: Violation[] = [];
      for (; cursor < view.trace.length; cursor++) {
        const e = view.trace[cursor]!;
        if (e.kind !== 'event') continue;
        const ev = e.event;
        if (ev.kind === 'voted') {
          of(ev.txn).votes.set(e.sid, ev.vote);
          if (ev.vote === 'no') of(ev.txn).known.add('abort');
        } else if (ev.kind === 'decided') onDecided(e.sid, ev, e.t, cursor, out);
      }
      return out;
    },
  };
}
