/**
 * 2PC and 3PC presets and bug exhibits: console lines run on a fresh lab of `participants`
 * participants (default latency 30 ms + uniform[0, 20] per message, so a VOTE-REQUEST arrives
 * 30–50 ms after `begin` and every vote is back by 100 ms). The schedules rely only on those
 * bounds, not on the seed.
 *
 * The exhibits of a bug switch turn its invariant red with the switch on and keep every invariant
 * green with it off (presets.test.ts and the commit-* scenario scripts prove both).
 */
import type { CommitInvariant } from './invariants.ts';
import type { CommitBug, CommitVariant } from './types.ts';

export type CommitPresetId = 'happy' | 'abort' | 'coordinatorCrash' | 'crashAfterPrecommit' | 'partition' | CommitBug;

export interface CommitPreset {
  id: CommitPresetId;
  /** The protocols it is written for. */
  variants: readonly CommitVariant[];
  participants: number;
  seed: number;
  bug: CommitBug | null;
  /** The invariant that goes red: with the bug switch on, or (3PC partition) in the correct protocol. */
  invariant: CommitInvariant | null;
  /** Console lines. */
  lines: string[];
  en: string;
  zh: string;
}

/** `begin T1`, then the coordinator dies after the votes are sent and before it has them all. */
const CRASH_AFTER_VOTES = ['begin T1', 'lab run 55ms', 'lab kill c', 'lab run 8s'];

export const COMMIT_PRESETS: readonly CommitPreset[] = [
  {
    id: 'happy',
    variants: ['2pc', '3pc'],
    participants: 3,
    seed: 1,
    bug: null,
    invariant: null,
    lines: ['begin T1', 'lab run 1s'],
    en: 'Every participant votes yes, the coordinator decides commit, logs it and tells everyone; each participant commits, releases its locks and ACKs.',
    zh: '所有参与者都投 Yes，协调者决定提交，写入日志后通知所有人；每个参与者提交、释放锁并回复 ACK。',
  },
  {
    id: 'abort',
    variants: ['2pc', '3pc'],
    participants: 3,
    seed: 1,
    bug: null,
    invariant: null,
    lines: ['vote p2 no', 'begin T1', 'lab run 1s'],
    en: 'p2 votes no: it aborts at once, and the coordinator, on its no, decides abort for everyone — one no is enough.',
    zh: 'p2 投 No：它立即回滚；协调者收到这个 No 后为所有人决定回滚——一个 No 就足够了。',
  },
  {
    id: 'coordinatorCrash',
    variants: ['2pc', '3pc'],
    participants: 3,
    seed: 1,
    bug: null,
    invariant: null,
    lines: [...CRASH_AFTER_VOTES, 'lab start c', 'lab run 2s'],
    en: 'The coordinator dies after the participants voted yes and before it heard their votes. In 2PC every participant is uncertain and holds its locks: they ask each other, nobody knows, and they stay blocked for as long as the coordinator is down; when it restarts it finds T1 undecided in its log and aborts. In 3PC a participant that is still uncertain when its timeout runs out aborts alone — no blocking.',
    zh: '协调者在参与者投了 Yes 之后、收到投票之前宕机。在 2PC 中，每个参与者都处于不确定状态并持有锁：它们互相询问，没有人知道结果，只要协调者不恢复就一直阻塞；协调者重启后在日志中发现 T1 未决定，于是回滚。在 3PC 中，仍处于不确定状态的参与者超时后自行回滚——不会阻塞。',
  },
  {
    id: 'crashAfterPrecommit',
    variants: ['3pc'],
    participants: 3,
    seed: 1,
    bug: null,
    invariant: null,
    lines: ['begin T1', 'lab run 110ms', 'lab kill c', 'lab run 4s'],
    en: 'Every vote is yes; the coordinator sends PRE-COMMIT and dies before the ACKs come back. Each participant is pre-committed: when its timeout runs out it commits alone, because a pre-committed participant knows everyone voted yes.',
    zh: '所有投票都是 Yes；协调者发出 PRE-COMMIT 后在 ACK 返回前宕机。每个参与者都已预提交：超时后自行提交，因为已预提交的参与者知道所有人都投了 Yes。',
  },
  {
    id: 'partition',
    variants: ['3pc', '2pc'],
    participants: 3,
    seed: 1,
    bug: null,
    invariant: 'Atomicity',
    lines: ['lab delay c->p3 500ms', 'begin T1', 'lab run 600ms', 'lab partition c,p1,p2 p3', 'lab run 6s'],
    en: 'Every participant votes yes; the coordinator\'s next message to p3 is slow, and then the network splits p3 from the rest. In 3PC, c, p1 and p2 pre-commit and commit, while p3, still uncertain, times out and aborts alone: T1 is committed on one side and aborted on the other — atomicity broken. In 2PC, under the same schedule, p3 is uncertain, asks, reaches nobody and stays blocked, holding its locks, until the partition heals.',
    zh: '所有参与者都投 Yes；协调者发给 p3 的下一条消息很慢，随后网络把 p3 与其他节点隔开。在 3PC 中，c、p1、p2 预提交并提交，而仍处于不确定状态的 p3 超时后自行回滚：T1 在一边提交、在另一边回滚——原子性被破坏。在 2PC 中，同样的时间表下 p3 处于不确定状态，询问却联系不到任何人，只能持有锁一直阻塞，直到分区恢复。',
  },
  {
    id: 'abortOnTimeout',
    variants: ['2pc'],
    participants: 3,
    seed: 1,
    bug: 'abortOnTimeout',
    invariant: 'BlockedNotGuessed',
    lines: CRASH_AFTER_VOTES,
    en: 'A 2PC participant that voted yes may not decide alone: the coordinator may have decided commit and told someone else. With this switch it aborts when its wait runs out. The coordinator dies after the votes: every participant guesses abort while nobody knows the outcome — here the coordinator will in fact abort on restart, but had it logged commit first, the guess would have broken atomicity.',
    zh: '投了 Yes 的 2PC 参与者不能自行决定：协调者可能已经决定提交并通知了别人。开启此开关后，它等待超时就回滚。协调者在投票后宕机：每个参与者都在没有人知道结果时猜测回滚——这里协调者重启后确实会回滚，但如果它先记录了提交，这个猜测就会破坏原子性。',
  },
  {
    id: 'commitWithoutVotes',
    variants: ['2pc', '3pc'],
    participants: 3,
    seed: 1,
    bug: 'commitWithoutVotes',
    invariant: 'Validity',
    lines: ['lab kill p3', 'begin T1', 'lab run 4s'],
    en: 'A coordinator may commit only when every participant voted yes; when a vote does not come it must abort. With this switch it takes silence for yes: p3 is down, its vote never comes, and the coordinator commits T1 anyway.',
    zh: '只有所有参与者都投了 Yes，协调者才能提交；投票没有到达时必须回滚。开启此开关后，它把沉默当成 Yes：p3 宕机，它的投票永远不会到达，协调者仍然提交了 T1。',
  },
];

export function presetsOf(variant: CommitVariant): CommitPreset[] {
  return COMMIT_PRESETS.filter((p) => p.variants.includes(variant));
}
