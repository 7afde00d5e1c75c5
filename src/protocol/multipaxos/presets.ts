/**
 * Multi-Paxos presets: lab console lines run on a fresh lab of `replicas` replicas with `seed`
 * (default latency 30 ms + uniform[0, 20] per message). Vocabulary: `propose VALUE` (to the
 * leader), `propose rK VALUE` (to rK: a follower answers with a redirect), `run 2s`, `kill rK`,
 * `start rK`, `partition r1,r2 r3,r4,r5`, `heal`, `cut r1 r3`, `delay r1 r3 400` (extra one-way
 * latency on r1→r3; `delay r1 r3 0` removes it).
 *
 * The seeds are chosen with `electionOrder` (Replica.ts) so that r1 leads first (and, where it
 * matters, who leads next); that order comes from the replicas' own seeded stagger, not from the
 * network, so the schedules hold for any network seed. The bug exhibits (like src/protocol/bugs.ts
 * for ZooKeeper) turn their invariant red with the switch on and keep every invariant green with it
 * off (multipaxos.presets.test.ts proves both on the test network).
 */
import type { MultiPaxosInvariant } from './invariants.ts';
import { multiPaxosConfig, type MpEventKind, type MultiPaxosBug, type MultiPaxosConfig } from './types.ts';

export type MpPresetId = 'outOfOrder' | 'leaderChange' | 'skipPhase1' | 'minorityQuorum';

export interface MultiPaxosPreset {
  id: MpPresetId;
  replicas: number;
  seed: number;
  /** The bug switch the exhibit is about (null: a lesson on the correct protocol). */
  bug: MultiPaxosBug | null;
  /** The invariant that goes red with the switch on (others may follow). */
  invariant: MultiPaxosInvariant | null;
  /** Event kinds the schedule makes happen (switch off). */
  expect: MpEventKind[];
  lines: string[];
  title: { en: string; zh: string };
  en: string;
  zh: string;
}

export const MP_PRESETS: Readonly<Record<MpPresetId, MultiPaxosPreset>> = {
  outOfOrder: {
    id: 'outOfOrder',
    replicas: 3,
    seed: 2,
    bug: null,
    invariant: null,
    expect: ['chosen-out-of-order'],
    lines: [
      'run 3s',
      'delay r1 r2 400',
      'delay r1 r3 400',
      'propose a',
      // Let r1 send slot 1's ACCEPTs while the delay is on: in the lab a `propose` is an event at
      // the current moment, handled when time runs, not when the line is read.
      'run 10ms',
      'delay r1 r2 0',
      'delay r1 r3 0',
      'propose b',
      'run 2s',
    ],
    title: { en: 'Slot 2 is chosen before slot 1', zh: '日志槽 2 先于日志槽 1 被选定' },
    en: 'Each slot is its own Paxos instance, so slots need not be chosen in order. Leader r1\'s ACCEPTs for '
      + 'slot 1 (a) are held up 400 ms on their way to r2 and r3, while those for slot 2 (b) arrive at once: slot 2 '
      + 'is chosen first. Every replica keeps slot 2 but executes nothing until slot 1 is chosen too — execution '
      + 'is strictly in slot order. ZAB never lets this happen: a follower ACKs proposals in zxid order over one '
      + 'FIFO connection, and the leader commits them in that order.',
    zh: '每个日志槽都是一个独立的 Paxos 实例，所以日志槽不必按顺序被选定。领导者 r1 发往 r2 和 r3 的日志槽 1（a）的 ACCEPT '
      + '在路上被延迟了 400 毫秒，而日志槽 2（b）的 ACCEPT 立即到达：日志槽 2 先被选定。每个副本都记下日志槽 2，'
      + '但在日志槽 1 也被选定之前什么也不执行——执行严格按日志槽顺序进行。ZAB 绝不会出现这种情况：Follower 通过一条'
      + '先进先出的连接按 zxid 顺序 ACK 提案，Leader 也按这个顺序提交。',
  },
  leaderChange: {
    id: 'leaderChange',
    replicas: 3,
    seed: 2,
    bug: null,
    invariant: null,
    expect: ['reproposed', 'noop-filled'],
    lines: [
      'run 3s',
      'propose a',
      'run 1s',
      'partition r1 r2,r3',
      'propose b',
      'run 200ms',
      'heal',
      'partition r1,r2 r3',
      'delay r2 r1 3000',
      'propose c',
      'run 100ms',
      'kill r1',
      'heal',
      'run 5s',
      'propose d',
      'run 1s',
      'start r1',
      'run 2s',
    ],
    title: { en: 'A new leader re-proposes and fills a hole', zh: '新领导者重新提出提案并填补空洞' },
    en: 'Leader r1 is cut off while it proposes b in slot 2, so only r1 accepts it; then its ACCEPT for c in '
      + 'slot 3 reaches only r2, and r1 dies before it hears r2\'s ACCEPTED. r2 and r3 elect a new leader, which '
      + 'runs phase 1 once for every slot from 2 on: both promise, and the only value reported is c in slot 3 (by '
      + 'r2). The new leader proposes c again in slot 3 — r1 and r2 are a majority, so c may already be chosen and '
      + 'must be kept — and fills the hole in slot 2 with a no-op, because b was never chosen. When r1 comes back '
      + 'it catches up, and every replica executes a, no-op, c, d.',
    zh: '领导者 r1 在日志槽 2 提出 b 时被隔开，只有它自己接受了 b；接着它为日志槽 3 发出的 c 的 ACCEPT 只送到了 r2，'
      + 'r1 在收到 r2 的 ACCEPTED 之前宕机。r2 和 r3 选出新的领导者，它对日志槽 2 起的全部实例只执行一次阶段一：'
      + '两者都作出承诺，报告中唯一的值是日志槽 3 的 c（来自 r2）。新领导者在日志槽 3 重新提出 c——r1 和 r2 已构成过半，'
      + 'c 可能已被选定，必须保留——并在日志槽 2 的空洞里填入 no-op，因为 b 从未被选定。r1 回来后追赶日志，'
      + '每个副本都执行 a、no-op、c、d。',
  },
  skipPhase1: {
    id: 'skipPhase1',
    replicas: 3,
    seed: 2,
    bug: 'skipPhase1',
    invariant: 'SlotAgreement',
    expect: [],
    lines: [
      'run 3s',
      'partition r1,r2 r3',
      'propose r1 a',
      'run 4s',
      'kill r1',
      'heal',
      'run 2s',
      'propose r3 b',
      'run 1s',
    ],
    title: { en: 'A leader that skips phase 1', zh: '跳过阶段一的领导者' },
    en: 'A new leader must first run phase 1: PREPARE with its higher ballot, a majority of PROMISEs, and in '
      + 'every slot the value with the highest ballot reported is proposed again. With this switch it skips all '
      + 'that and takes over at once. While r3 is cut off, leader r1 gets a chosen in slot 1 with r2; then r1 dies '
      + 'and the partition heals. r3, which never saw slot 1, leads with ballot 2.3 and puts b in slot 1 — and r2 '
      + 'accepts it, since 2.3 is above its promise — so two values are chosen in one slot: phase 1 is exactly '
      + 'what would have told r3 about a.',
    zh: '新的领导者必须先执行阶段一：用更高的编号发送 PREPARE，收到过半 PROMISE，并在每个日志槽重新提出报告中编号最高的值。'
      + '开启此开关后，它跳过这一切直接接任。r3 被隔开时，领导者 r1 与 r2 在日志槽 1 选定了 a；随后 r1 宕机，分区恢复。'
      + '从未见过日志槽 1 的 r3 以编号 2.3 成为领导者，把 b 放进日志槽 1——r2 接受了它，因为 2.3 高于它的承诺——'
      + '于是同一个日志槽选定了两个值：阶段一正是让 r3 得知 a 的那一步。',
  },
  minorityQuorum: {
    id: 'minorityQuorum',
    replicas: 5,
    seed: 28,
    bug: 'minorityQuorum',
    invariant: 'LearnerConsistency',
    expect: [],
    lines: [
      'run 3s',
      'partition r1,r2 r3,r4,r5',
      'propose r1 x',
      'run 5s',
      'propose r3 y',
      'run 1s',
      'heal',
      'run 3s',
    ],
    title: { en: 'Two replicas of five "are a quorum"', zh: '五个副本中的两个“构成多数派”' },
    en: 'A quorum must be a majority, ⌊N/2⌋+1, so that any two quorums share a replica. With this switch it is '
      + '⌊N/2⌋: two of five. Cut off with r2, leader r1 counts its own and r2\'s ACCEPTED as a quorum, marks x '
      + 'chosen in slot 1, executes it and tells the client. On the other side r3, r4 and r5 — a real majority — '
      + 'elect r3, which never heard of x and gets y chosen in slot 1. r1 and r2 executed a value that was never '
      + 'chosen, and their logs disagree with everyone else\'s.',
    zh: '多数派必须是过半，即 ⌊N/2⌋+1，这样任意两个多数派必有一个共同的副本。开启此开关后它变成 ⌊N/2⌋：五个副本中的两个。'
      + '与 r2 一起被隔开的领导者 r1 把自己和 r2 的 ACCEPTED 当作多数派，把日志槽 1 标记为选定 x，执行它并告诉客户端成功。'
      + '另一边的 r3、r4、r5——真正的过半——选出 r3，它从未听说过 x，在日志槽 1 选定了 y。'
      + 'r1 和 r2 执行了一个从未被选定的值，它们的日志与其他副本不再一致。',
  },
};

/** The configuration a preset runs on (with its bug switch on or off). */
export function presetConfig(p: MultiPaxosPreset, bugOn: boolean): MultiPaxosConfig {
  return multiPaxosConfig({ replicas: p.replicas, seed: p.seed, bugs: bugOn && p.bug !== null ? [p.bug] : [] });
}
