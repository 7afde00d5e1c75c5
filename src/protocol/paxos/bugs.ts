/**
 * The Paxos bug museum (like src/protocol/bugs.ts for ZooKeeper): each switch of PaxosConfig.bugs
 * breaks one rule of Paxos Made Simple at the place marked `BUG SWITCH` in this folder. Each
 * exhibit has a schedule of lab console lines, run on a fresh lab of `config` (every process
 * started at t=0), that turns `invariant` red with the switch on — `alsoRed` go red too — while
 * the same schedule keeps every invariant green with the switch off. bugs.test.ts proves both on
 * the test network of testNet.test-helper.ts, under several latency models (constant 30 and 50 ms,
 * the lab's 30 ms + uniform[0, 20] with many seeds, with and without per-link FIFO).
 *
 * Also the `dueling` preset (not a bug): liveness is not guaranteed (§2.4), and two proposers
 * retrying at once can preempt each other forever.
 */
import type { PaxosInvariant } from './checker.ts';
import type { PaxosBug, PaxosConfig, RetryPolicy } from './types.ts';

export interface PaxosBugExhibit {
  bug: PaxosBug;
  /** The invariant that goes red. */
  invariant: PaxosInvariant;
  /** Others that go red with it (on every latency model the tests try). */
  alsoRed: PaxosInvariant[];
  /** Where the switch lives (file and function of src/protocol/paxos). */
  where: string;
  /** The lab's settings for the exhibit; `bugs` gets the switch when it is on. */
  config: Omit<PaxosConfig, 'bugs'>;
  /** Lab console lines, run in order on a fresh lab. */
  schedule: string[];
  en: string;
  zh: string;
}

const LAB: Omit<PaxosConfig, 'bugs'> = { acceptors: 3, proposers: 2, learners: 1, seed: 1, retry: 'backoff', retryTimeoutMs: 1000 };

export const PAXOS_BUGS: readonly PaxosBugExhibit[] = [
  {
    bug: 'forgetPromise',
    invariant: 'Agreement',
    alsoRed: ['PromiseMonotonic'],
    where: 'acceptor.ts acceptorStart',
    config: LAB,
    schedule: ['cut p1 a3', 'propose p1 x', 'run 500ms', 'kill a1', 'start a1', 'cut p2 a2', 'propose p2 y', 'run 1s'],
    en: 'An acceptor must remember its promise and the proposal it accepted even if it fails and restarts '
      + '(Paxos Made Simple §2.2), so it keeps them on stable storage; with this switch it forgets both at every '
      + 'restart. p1 gets x accepted by a1 and a2 at ballot 1.1, so x is chosen. a1 restarts with an empty memory; '
      + 'p2, which cannot reach a2, collects promises for ballot 1.2 from a1 and a3 — neither reports x, so p2 '
      + 'proposes its own y and a1 and a3 accept it: a second value is chosen. With its disk, a1 would have '
      + 'reported (1.1, x) and p2 would have proposed x.',
    zh: 'Acceptor 即使宕机重启，也必须记得它的承诺和已接受的提案（《Paxos Made Simple》§2.2），因此要把它们写入持久存储。'
      + '开启此开关后，它每次重启都会把两者忘掉。p1 让 a1、a2 在编号 1.1 接受了 x，x 因此被选定。a1 重启后什么都不记得；'
      + '联系不上 a2 的 p2 从 a1、a3 获得编号 1.2 的承诺——两者都没有报告 x，于是 p2 提出自己的 y，a1 和 a3 接受了它：'
      + '第二个 value 被选定。若 a1 保留了磁盘，它会报告 (1.1, x)，p2 就会提出 x。',
  },
  {
    bug: 'ignoreAcceptedValues',
    invariant: 'Agreement',
    alsoRed: [],
    where: 'proposer.ts startAccept',
    config: LAB,
    schedule: ['cut p1 a3', 'propose p1 x', 'run 500ms', 'cut p2 a1', 'propose p2 y', 'run 1s'],
    en: 'In phase 2 a proposer must propose the value of the highest-numbered proposal reported in the promises '
      + 'it collected (P2c), and may choose its own only when none was reported; with this switch it always '
      + 'proposes its own. p1 gets x chosen by a1 and a2 at ballot 1.1. p2, cut off from a1, collects '
      + 'promises for ballot 1.2 from a2 and a3; a2 reports (1.1, x), but p2 ignores it and sends ACCEPT (1.2, y), '
      + 'which a2 and a3 accept: a second value is chosen. Any two majorities share an acceptor, and P2c is '
      + 'what makes that acceptor carry the chosen value forward.',
    zh: '在阶段二，Proposer 必须提出它收到的承诺中编号最大的提案的 value（P2c）；只有没有任何提案被报告时，才可以提出自己的 value。'
      + '开启此开关后它总是提出自己的 value。p1 让 a1、a2 在编号 1.1 选定了 x。与 a1 隔绝的 p2 从 a2、a3 获得编号 1.2 的承诺；'
      + 'a2 报告了 (1.1, x)，但 p2 置之不理，发送 ACCEPT (1.2, y)，a2 和 a3 接受了它：第二个 value 被选定。'
      + '任意两个过半集合必有一个共同的 Acceptor，正是 P2c 让这个 Acceptor 把已选定的 value 传递下去。',
  },
  {
    bug: 'minorityQuorum',
    invariant: 'Agreement',
    alsoRed: ['LearnerConsistency'],
    where: 'types.ts quorumSize',
    config: LAB,
    schedule: ['cut p1 a3', 'propose p1 x', 'run 500ms', 'delay p2 a1 400', 'delay p2 a2 400', 'propose p2 y', 'run 3s'],
    en: 'A quorum must be a majority, ⌊N/2⌋+1 acceptors: any two majorities share an acceptor, and that '
      + 'acceptor carries a chosen value from one ballot to the next. With this switch a quorum is ⌊N/2⌋ — one '
      + 'acceptor out of three. p1 gets x accepted by a1 and a2, a real majority: x is chosen. p2\'s messages to '
      + 'a1 and a2 are slow, so it first hears only a3\'s promise, which reports nothing; one promise being a '
      + '"quorum", it proposes y at once, and all three acceptors accept (1.2, y) since 1.2 is the highest ballot '
      + 'they have seen: y is chosen too. The learner, which also counts one ACCEPTED as a quorum, learns y from '
      + 'a3 alone, before y is really chosen.',
    zh: '法定人数（quorum）必须是过半数，即 ⌊N/2⌋+1 个 Acceptor：任意两个过半集合必有一个共同的 Acceptor，由它把已选定的 value '
      + '从一个编号带到下一个编号。开启此开关后 quorum 只有 ⌊N/2⌋——三个 Acceptor 中的一个。p1 让 a1、a2 接受了 x，这是真正的过半：'
      + 'x 被选定。p2 发往 a1、a2 的消息很慢，它先只收到 a3 的承诺，其中没有任何提案；一个承诺就算“quorum”，于是它立即提出 y，'
      + '三个 Acceptor 都接受了 (1.2, y)，因为 1.2 是它们见过的最大编号：y 也被选定了。同样只数一个 ACCEPTED 的 Learner '
      + '仅凭 a3 一个就学习到了 y，而那时 y 还没有真正被选定。',
  },
  {
    bug: 'sameBallot',
    invariant: 'Agreement',
    alsoRed: ['PromiseMonotonic'],
    where: 'ballot.ts compareAs',
    config: LAB,
    schedule: ['propose p1 x', 'propose p2 y', 'run 3s'],
    en: 'Different proposers must choose their proposal numbers from disjoint sets (Paxos Made Simple §2.5): a '
      + 'ballot is (round, proposer), so p1\'s 1.1 and p2\'s 1.2 differ and one is higher. With this switch ballots '
      + 'compare by round alone. p1 and p2 both start round 1 at the same moment; every acceptor promises both '
      + '"ballot 1", reports nothing accepted to either, and then accepts both ACCEPT (1.1, x) and ACCEPT (1.2, y), '
      + 'since neither is below its promise: x and y are each accepted by a majority, so both are chosen. Counting '
      + 'the proposer part, 1.2 beats 1.1, p1\'s ACCEPT is refused, and p1 retries with a higher ballot that learns y.',
    zh: '不同的 Proposer 必须从互不相交的集合中选取提案编号（《Paxos Made Simple》§2.5）：这里编号是 (轮次, Proposer)，'
      + '因此 p1 的 1.1 与 p2 的 1.2 互不相同，且有大小之分。开启此开关后，编号只按轮次比较。p1 和 p2 同时开始第 1 轮；'
      + '每个 Acceptor 都向两者承诺了“编号 1”，都没有报告已接受的提案，随后既接受了 ACCEPT (1.1, x)，也接受了 ACCEPT (1.2, y)，'
      + '因为两者都不低于它的承诺：x 和 y 各自被过半 Acceptor 接受，同时被选定。若计入 Proposer 部分，1.2 大于 1.1，'
      + 'p1 的 ACCEPT 被拒绝，p1 用更高的编号重试，并由此得知 y。',
  },
];

export interface PaxosPreset {
  id: string;
  config: Omit<PaxosConfig, 'bugs'>;
  schedule: string[];
  /** What to expect, per retry policy. */
  expect: Record<RetryPolicy, string>;
  en: string;
  zh: string;
}

/**
 * Dueling proposers (Paxos Made Simple §2.4 "Progress"). a1 is near both proposers; a2 and a3 are
 * 600 ms further from them (one way, proposer to acceptor). p2 starts while p1 is in phase 1;
 * with retry=immediate the two then preempt each other through a1 for good: nothing is chosen in
 * 10 s and some seventy NACKs fly. The same schedule with retry=backoff or retry=leader chooses a
 * value within a few seconds (dueling.test.ts). The geometry matters: with every link alike, a
 * proposer preempted by a NACK comes back too late to preempt its rival in turn.
 */
export const PAXOS_DUELING: PaxosPreset = {
  id: 'dueling',
  config: { ...LAB, retry: 'immediate' },
  schedule: [
    'delay p1 a2 600', 'delay p1 a3 600', 'delay p2 a2 600', 'delay p2 a3 600',
    'propose p1 x', 'run 380ms', 'propose p2 y', 'run 10s',
  ],
  expect: {
    immediate: 'nothing chosen in 10 s; dozens of NACKs',
    backoff: 'a value chosen within a few seconds (about 2 s)',
    leader: 'a value chosen within about 2 s (p2 stands back for p1)',
  },
  en: 'Paxos is always safe but not always live (§2.4): two proposers can keep preempting each other. a1 is close '
    + 'to both proposers; a2 and a3 are 600 ms away. Whenever p1 has gathered its promises and sends ACCEPT, p2\'s '
    + 'newer PREPARE has already reached a1, which refuses p1 with a NACK; p1 retries at once with a higher ballot, '
    + 'whose PREPARE reaches a1 just before p2\'s ACCEPT — and so on. With retry=immediate nothing is ever chosen '
    + 'while the NACKs pile up; a random backoff (retry=backoff) or a distinguished proposer (retry=leader) breaks '
    + 'the tie within seconds.',
  zh: 'Paxos 总是安全的，但并不总有活性（§2.4）：两个 Proposer 可能不断相互抢占。a1 离两个 Proposer 都很近，a2、a3 则远在 600 毫秒之外。'
    + '每当 p1 收齐承诺、发出 ACCEPT 时，p2 更新的 PREPARE 已先到达 a1，a1 以 NACK 拒绝了 p1；p1 立即用更高的编号重试，'
    + '它的 PREPARE 又恰好抢在 p2 的 ACCEPT 之前到达 a1——如此循环往复。在 retry=immediate 下永远没有 value 被选定，NACK 越积越多；'
    + '随机退避（retry=backoff）或选出主 Proposer（retry=leader）能在几秒内打破僵局。',
};

export const PAXOS_PRESETS: readonly PaxosPreset[] = [PAXOS_DUELING];
