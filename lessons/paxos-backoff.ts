import type { Lesson } from './types.ts';

/**
 * The dueling schedule of paxos-livelock with retry=backoff: a refused proposer waits a random time
 * (its own seeded generator) before it retries, and the duel ends. Processes: a1–a3 = 1–3, p1 = 4,
 * p2 = 5, l1 = 6.
 */
export const paxosBackoff: Lesson = {
  id: 'paxos-backoff',
  title: {
    en: 'Ending the duel, fix 1: a random back-off',
    'zh-CN': '打破活锁之一：随机退避',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&retry=backoff',
  steps: [
    {
      narration: {
        en: 'The same links and the same two proposals as in the livelock lesson, but here a refused proposer does not retry at once (retry=backoff): it waits a random time from its own seeded generator, up to one retry timeout after the first failure and twice as long after each further one. The duel starts as before — p2\'s PREPARE 1.2 reaches a1 first, and a1 refuses p1\'s ACCEPT 1.1 with a NACK. But p1 now draws a wait (956 ms: the event log says "will retry with a higher ballot in 956 ms"). At 1.38 s p1 is idle, `waiting to retry`, and p2 is in phase 2 with nobody to preempt it.',
        'zh-CN': '链路和两个提案都与活锁那一课相同，但这里被拒绝的 Proposer 不会立即重试（retry=backoff）：它先从自己带种子的随机数生成器中抽取一段等待时间，第一次失败后最多等一个重试超时，之后每失败一次上限翻一倍。对决像以前一样开始——p2 编号为 1.2 的 PREPARE 先到达 a1，a1 用 NACK 拒绝了 p1 的 Accept 请求 1.1。但这次 p1 抽到了一段等待（956 毫秒：事件日志写着“将在 956 毫秒后以更高的编号重试”）。在 1.38 秒时 p1 处于空闲、`waiting to retry`，而 p2 正在阶段二，没有人抢占它。',
      },
      actions: [
        'lab delay p1->a2 600ms', 'lab delay p1->a3 600ms', 'lab delay p2->a2 600ms', 'lab delay p2->a3 600ms',
        'propose p1 x', 'lab run 380ms', 'propose p2 y', 'lab run 1s', 'lab status',
      ],
      checks: [
        { kind: 'packet', type: 'NACK', from: 1, to: 4 },
        { kind: 'output', contains: 'p1 proposer phase=idle ballot=1.1 value=x (waiting to retry)' },
        { kind: 'output', contains: 'p2 proposer phase=accept ballot=1.2 value=y' },
        { kind: 'output', contains: 'chosen: none' },
      ],
    },
    {
      narration: {
        en: 'One more second. p2\'s ACCEPT (1.2, y) reaches all three acceptors and they accept it: y is chosen at 1.7 s (`chosen: y (ballot 1.2)`). p1 wakes up at 1.7 s, too, and tries ballot 2.1 — but its promises from a1 and a3 report (1.2, y), so by P2c p1 now proposes y, not x: look at its line, `phase=accept ballot=2.1 value=y`. Randomness broke the symmetry: one proposer stayed quiet long enough for the other to finish both phases.',
        'zh-CN': '再运行一秒。p2 的 Accept 请求 (1.2, y) 到达全部三个 Acceptor 并被接受：y 在 1.7 秒时被选定（`chosen: y (ballot 1.2)`）。p1 也在 1.7 秒时醒来，用编号 2.1 重试——但它从 a1、a3 收到的承诺报告了 (1.2, y)，按照 P2c，p1 现在提出的是 y 而不是 x：看它这一行，`phase=accept ballot=2.1 value=y`。随机性打破了对称：一个 Proposer 安静得足够久，另一个就能走完两个阶段。',
      },
      actions: ['lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPTED', to: 5 },
        { kind: 'output', contains: 'chosen: y (ballot 1.2)' },
        { kind: 'output', contains: 'p1 proposer phase=accept ballot=2.1 value=y' },
      ],
    },
    {
      narration: {
        en: 'Two more seconds: p1\'s ballot 2.1 is accepted with y, and both proposers report y. Three NACKs in all, against dozens in the livelock. Nothing guarantees the back-off works on the first try — two proposers can draw similar waits and collide again — but each failure doubles the range of the next draw, so a collision gets less likely every time. That is why the back-off is random: a fixed delay would keep the two proposers in step.',
        'zh-CN': '再运行两秒：p1 的编号 2.1 连同 y 被接受，两个 Proposer 都报告 y。总共只有三个 NACK，而活锁时有几十个。没有什么能保证退避第一次就奏效——两个 Proposer 可能抽到相近的等待时间，再次相撞——但每失败一次，下一次抽取的范围就翻倍，相撞的可能一次比一次小。这就是退避必须随机的原因：固定的延迟只会让两个 Proposer 继续步调一致。',
      },
      actions: ['lab run 2s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'NACK', absent: true },
        { kind: 'output', contains: 'p1 proposer phase=done ballot=2.1 value=y' },
        { kind: 'output', contains: 'p2 proposer phase=done ballot=1.2 value=y' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
  ],
  challenge: {
    en: 'Open this lesson\'s lab with other seeds (`?protocol=paxos&retry=backoff&seed=2`, 3, 4 …) and run the same schedule. Which value is chosen each time, and how long does it take? Does a seed ever need more than one back-off?',
    'zh-CN': '换几个种子打开这一课的实验（`?protocol=paxos&retry=backoff&seed=2`、3、4……）并运行同样的时间表。每次被选定的是哪个 value？花了多长时间？有没有某个种子需要不止一次退避？',
  },
};
