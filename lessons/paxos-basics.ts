import type { Lesson } from './types.ts';

/**
 * Basic Paxos with one acceptor (notes 003 §2.2–2.4, "方案一：只有一个 Acceptor"): the three
 * roles, one proposal from PREPARE to ACCEPTED, and why a single acceptor is safe but not
 * available. Processes: a1 = 1, p1 = 2, p2 = 3, l1 = 4.
 */
export const paxosBasics: Lesson = {
  id: 'paxos-basics',
  title: {
    en: 'Paxos basics: proposers, acceptors, learners — and one acceptor is not enough',
    'zh-CN': 'Paxos 入门：Proposer、Acceptor、Learner——只有一个 Acceptor 为什么不够',
  },
  ensemble: 'protocol=paxos&acceptors=1&proposers=2&learners=1&seed=3',
  steps: [
    {
      narration: {
        en: 'This lab runs Basic Paxos with the smallest cast: one acceptor a1, two proposers p1 and p2, one learner l1. A proposer puts forward a proposal (a number and a value), acceptors accept proposals, and a learner finds out which value was chosen. Ask p1 to propose x and follow the packets on the ring: PREPARE 1.1 goes to a1, a1 answers PROMISE (it has accepted nothing yet), p1 sends ACCEPT (1.1, x), and a1 accepts it — the first proposal it ever received — and reports ACCEPTED to p1 and to l1. With one acceptor that is the whole rule: accept the first proposal, and its value is chosen; two values can never be chosen, because only one process decides. `lab status` now ends with `chosen: x (ballot 1.1)`, and l1\'s line says `learned=x`.',
        'zh-CN': '这个实验用最少的角色运行 Basic Paxos：一个 Acceptor a1，两个 Proposer p1 和 p2，一个 Learner l1。Proposer 提出提案（提案 = 编号 + value），Acceptor 接受提案，Learner 则要得知哪个 value 被选定。让 p1 提出 x，在环形图上跟着报文走：编号为 1.1 的 PREPARE 请求发往 a1，a1 回复 PROMISE（它还没接受过任何提案）；p1 随即发出 Accept 请求 (1.1, x)，a1 接受了它——这是它收到的第一个提案——并用 ACCEPTED 告诉 p1 和 l1。只有一个 Acceptor 时，规则就这么简单：接受收到的第一个提案，它的 value 就被选定；因为只有一个进程说了算，不可能有两个 value 被选定。现在 `lab status` 的最后一行是 `chosen: x (ballot 1.1)`，l1 那一行显示 `learned=x`。',
      },
      actions: ['propose p1 x', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 2, to: 1 },
        { kind: 'packet', type: 'PROMISE', from: 1, to: 2 },
        { kind: 'packet', type: 'ACCEPT', from: 2, to: 1 },
        { kind: 'packet', type: 'ACCEPTED', from: 1, to: 4 },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
        { kind: 'output', contains: 'l1 learner learned=x' },
      ],
    },
    {
      narration: {
        en: 'Now kill a1 and ask p2 to propose y. p2 sends PREPARE 1.2, but nobody is there to answer: no PROMISE arrives, and after its one-second timeout p2 gives up ballot 1.2, waits a short random time and tries 2.2 — the event log shows each retry. In `lab status` p2 is stuck at `ballot=2.2 value=y (waiting to retry)`. It cannot get y chosen, and it cannot even find out that x already was: the only process that knows is down. This is the weakness of the single acceptor in the notes — if it fails, the whole system stops.',
        'zh-CN': '现在杀掉 a1，再让 p2 提出 y。p2 发出编号为 1.2 的 PREPARE 请求，却没有任何进程回应：收不到 PROMISE，一秒超时后 p2 放弃编号 1.2，随机等待一小段时间，再用 2.2 重试——事件日志里能看到每一次重试。`lab status` 中 p2 停在 `ballot=2.2 value=y (waiting to retry)`。它既不能让 y 被选定，甚至无法得知 x 已经被选定：唯一知道这件事的进程宕机了。这正是笔记中“只有一个 Acceptor”方案的缺点：这个 Acceptor 一旦宕机，整个系统就无法工作。',
      },
      actions: ['lab kill a1', 'propose p2 y', 'lab run 3s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PROMISE', absent: true },
        { kind: 'output', contains: 'a1 acceptor down' },
        { kind: 'output', contains: 'p2 proposer phase=idle ballot=2.2 value=y (waiting to retry)' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
      ],
    },
    {
      narration: {
        en: 'Start a1 again. Its promise and the proposal it accepted were on disk, so it comes back remembering (1.1, x). p2\'s next PREPARE, 3.2, gets a PROMISE that reports (1.1, x), and p2 proposes x instead of its own y: a proposer must carry forward a value that may already be chosen (the next lesson derives this rule, P2c). a1\'s line now reads `promised=3.2 accepted=(3.2, x)`, p2 knows x is chosen, and every invariant is green. One acceptor is safe but not available; to survive a crash we need several acceptors — and then "chosen" has to mean something new.',
        'zh-CN': '重新启动 a1。它的承诺和已接受的提案都保存在磁盘上，所以回来后仍然记得 (1.1, x)。p2 的下一个 PREPARE 请求（编号 3.2）得到的 PROMISE 报告了 (1.1, x)，于是 p2 提出的是 x，而不是自己的 y：Proposer 必须把一个可能已被选定的 value 延续下去（下一课会推导出这条规则，即 P2c）。a1 这一行现在是 `promised=3.2 accepted=(3.2, x)`，p2 得知 x 已被选定，所有不变式都是绿色。一个 Acceptor 是安全的，却不可用；要扛住宕机就需要多个 Acceptor——而那时“选定”必须有新的含义。',
      },
      actions: ['lab start a1', 'lab run 3s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'PROMISE', from: 1, to: 3 },
        { kind: 'output', contains: 'a1 acceptor promised=3.2 accepted=(3.2, x)' },
        { kind: 'output', contains: 'p2 proposer phase=done ballot=3.2 value=x' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
  ],
  challenge: {
    en: 'Open `?protocol=paxos&acceptors=3&proposers=2&seed=3`, kill a1 and propose at p1. Is a value still chosen? How many of the three acceptors can you kill before nothing can be chosen any more?',
    'zh-CN': '打开 `?protocol=paxos&acceptors=3&proposers=2&seed=3`，杀掉 a1，再让 p1 提出一个 value。还会有 value 被选定吗？三个 Acceptor 中最多杀掉几个，系统仍能选定 value？',
  },
};
