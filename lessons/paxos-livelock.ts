import type { Lesson } from './types.ts';

/**
 * Dueling proposers (notes 003 §2.5, "保证 Paxos 算法的活性"; src/protocol/paxos/bugs.ts, the
 * `dueling` preset) with retry=immediate: safe, but nothing is ever chosen. Processes:
 * a1–a3 = 1–3, p1 = 4, p2 = 5, l1 = 6. The two fixes are the next lessons, on the same schedule.
 */
const GEOMETRY = ['lab delay p1->a2 600ms', 'lab delay p1->a3 600ms', 'lab delay p2->a2 600ms', 'lab delay p2->a3 600ms'];

export const paxosLivelock: Lesson = {
  id: 'paxos-livelock',
  title: {
    en: 'Dueling proposers: Paxos is safe but can livelock',
    'zh-CN': 'Proposer 互相抢占：Paxos 安全，却可能活锁',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&retry=immediate',
  steps: [
    {
      narration: {
        en: 'Paxos guarantees that at most one value is chosen; it does not guarantee that one ever is. This lab\'s proposers retry at once with a higher ballot whenever they are refused (retry=immediate), and the links are skewed: a1 is close to both proposers, a2 and a3 are 600 ms further away. p1 proposes x; 380 ms later p2 proposes y. Watch a1 on the ring: p2\'s PREPARE 1.2 reaches it just before p1\'s ACCEPT 1.1, so a1 answers p1 with a NACK; p1 retries at once with 2.1, whose PREPARE reaches a1 just before p2\'s ACCEPT 1.2 — and so on. After two seconds a1 has promised 6.1, nobody has accepted anything, and `chosen: none`.',
        'zh-CN': 'Paxos 保证至多只有一个 value 被选定，却不保证一定会有 value 被选定。这个实验里的 Proposer 一旦被拒绝，就立即用更高的编号重试（retry=immediate），而且链路并不对称：a1 离两个 Proposer 都很近，a2 和 a3 则远了 600 毫秒。p1 提出 x，380 毫秒后 p2 提出 y。盯住环形图上的 a1：p2 编号为 1.2 的 PREPARE 恰好抢在 p1 的 Accept 请求 1.1 之前到达，于是 a1 用 NACK 拒绝 p1；p1 立即用 2.1 重试，它的 PREPARE 又恰好抢在 p2 的 Accept 请求 1.2 之前到达 a1——如此往复。两秒后 a1 已经承诺到 6.1，没有任何 Acceptor 接受过提案，`chosen: none`。',
      },
      actions: [...GEOMETRY, 'propose p1 x', 'lab run 380ms', 'propose p2 y', 'lab run 2s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'NACK', from: 1, to: 4 },
        { kind: 'packet', type: 'NACK', from: 1, to: 5 },
        { kind: 'packet', type: 'ACCEPTED', absent: true },
        { kind: 'output', contains: 'a1 acceptor promised=6.1 accepted=none' },
        { kind: 'output', contains: 'chosen: none' },
      ],
    },
    {
      narration: {
        en: 'Let it run for eight more seconds. Nothing changes except the numbers: the two proposers take turns preempting each other, the ballots climb into the twenties, and the space-time diagram fills with PREPARE, PROMISE, ACCEPT and NACK — dozens of NACKs and not a single ACCEPTED. `lab invariants` is all green: this is not a safety bug, it is a liveness failure, a livelock. Each proposer does exactly what the algorithm says; they just never leave each other a quiet moment to finish phase 2.',
        'zh-CN': '再让它运行八秒。除了数字，什么都没变：两个 Proposer 轮流抢占对方，编号一路涨到二十几，时空图里满是 PREPARE、PROMISE、ACCEPT 和 NACK——几十个 NACK，却没有一个 ACCEPTED。`lab invariants` 全是绿色：这不是安全性问题，而是活性问题，即活锁。每个 Proposer 都严格按算法行事，只是彼此从不给对方留出完成阶段二的空当。',
      },
      actions: ['lab run 8s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'NACK', from: 1, to: 4 },
        { kind: 'packet', type: 'ACCEPTED', absent: true },
        { kind: 'output', contains: 'a1 acceptor promised=27.2 accepted=none' },
        { kind: 'output', contains: 'chosen: none' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
    {
      narration: {
        en: 'The notes give the remedy: select a main proposer (主 Proposer), the only one that issues proposals. Do it by hand — kill p2 — and p1 is alone: its next ballot gets its promises undisturbed, a1, a2 and a3 accept x, and within two seconds `lab status` says `chosen: x (ballot 28.1)`. A real system cannot kill its competitors; the next two lessons run this very schedule with the two automatic fixes: a random back-off (retry=backoff) and a distinguished proposer that the others stand back for (retry=leader).',
        'zh-CN': '笔记给出了办法：选出一个主 Proposer，只由它提出提案。我们手动来做——杀掉 p2——p1 就成了唯一的 Proposer：它的下一个编号不受干扰地拿到承诺，a1、a2、a3 接受了 x，不到两秒 `lab status` 就显示 `chosen: x (ballot 28.1)`。真实的系统不能杀掉竞争者；接下来的两课在同一个时间表上演示两种自动的办法：随机退避（retry=backoff），以及让其他 Proposer 主动退让的主 Proposer（retry=leader）。',
      },
      actions: ['lab kill p2', 'lab run 3s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'ACCEPTED', to: 4 },
        { kind: 'output', contains: 'p1 proposer phase=done' },
        { kind: 'output', contains: 'chosen: x (ballot 28.1)' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
  ],
  challenge: {
    en: 'Without killing anyone, break the livelock with link delays only: which single `lab delay` (or `lab delay … 0ms`) lets one proposer finish its phase 2?',
    'zh-CN': '不杀掉任何进程，只调整链路延迟来打破活锁：哪一条 `lab delay`（或 `lab delay … 0ms`）就能让某个 Proposer 完成阶段二？',
  },
};
