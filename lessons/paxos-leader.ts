import type { Lesson } from './types.ts';

/**
 * The dueling schedule of paxos-livelock with retry=leader (notes 003 §2.5: 通过选取主 Proposer
 * 保证活性): a proposer preempted by a lower-indexed proposer's ballot stands back. Processes:
 * a1–a3 = 1–3, p1 = 4, p2 = 5, l1 = 6.
 */
export const paxosLeader: Lesson = {
  id: 'paxos-leader',
  title: {
    en: 'Ending the duel, fix 2: a distinguished proposer',
    'zh-CN': '打破活锁之二：选取主 Proposer',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&retry=leader',
  steps: [
    {
      narration: {
        en: 'The notes\' remedy for livelock, built in: the proposers agree on a main (distinguished) proposer — here simply the lowest-numbered one that is alive, p1. A proposer refused because of a lower-numbered proposer\'s ballot stands back instead of retrying. Same links, same two proposals as before: at 0.74 s a1 refuses p1 (it promised p2\'s 1.2), and p1, the distinguished one, retries at once with 2.1. At 1.13 s a1 refuses p2 because of p1\'s 2.1 — and p2 stands back for 2 s (the event log: "p1 is the distinguished proposer"). p2\'s line reads `phase=idle … (waiting to retry)`.',
        'zh-CN': '笔记里治活锁的办法，这次内置在协议里：Proposer 们约定一个主 Proposer——这里就是仍在运行、序号最小的 p1。一个 Proposer 如果因为序号更小的 Proposer 的编号而被拒绝，就退让，而不是重试。链路和两个提案都与之前相同：0.74 秒时 a1 拒绝了 p1（它已承诺 p2 的 1.2），p1 作为主 Proposer 立即用 2.1 重试。1.13 秒时 a1 因为 p1 的 2.1 拒绝了 p2——p2 于是退让 2 秒（事件日志：“p1 是主 Proposer”）。p2 这一行显示 `phase=idle … (waiting to retry)`。',
      },
      actions: [
        'lab delay p1->a2 600ms', 'lab delay p1->a3 600ms', 'lab delay p2->a2 600ms', 'lab delay p2->a3 600ms',
        'propose p1 x', 'lab run 380ms', 'propose p2 y', 'lab run 1s', 'lab status',
      ],
      checks: [
        { kind: 'packet', type: 'NACK', from: 1, to: 4 },
        { kind: 'packet', type: 'NACK', from: 1, to: 5 },
        { kind: 'output', contains: 'p1 proposer phase=prepare ballot=2.1 value=x' },
        { kind: 'output', contains: 'p2 proposer phase=idle ballot=1.2 value=y (waiting to retry)' },
      ],
    },
    {
      narration: {
        en: 'One more second. With p2 quiet, p1\'s ballot 2.1 goes through both phases undisturbed: a1, a2 and a3 accept (2.1, x), and `chosen: x (ballot 2.1)` appears at about 2.1 s. p1 was preempted once, at the start, when nobody knew yet who leads; after that, a single proposer issued proposals and the duel was over. Unlike the back-off, no luck is involved: the proposers agree on the order in advance.',
        'zh-CN': '再运行一秒。p2 保持安静，p1 的编号 2.1 不受干扰地走完两个阶段：a1、a2、a3 接受了 (2.1, x)，大约 2.1 秒时出现 `chosen: x (ballot 2.1)`。p1 只在开头被抢占过一次，那时还没人知道谁是主 Proposer；此后只有一个 Proposer 在提出提案，对决就此结束。和随机退避不同，这里不靠运气：Proposer 们事先就约定了先后。',
      },
      actions: ['lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPTED', to: 4 },
        { kind: 'packet', type: 'PREPARE', from: 5, absent: true },
        { kind: 'output', contains: 'chosen: x (ballot 2.1)' },
      ],
    },
    {
      narration: {
        en: 'Let three more seconds pass. p2\'s stand-back ends at 3.13 s and it tries ballot 3.2; its promises report (2.1, x), so it proposes x and soon knows that x is chosen. A distinguished proposer is only a way to get progress — if two proposers believe they are the main one (say, after a partition), Paxos is still safe, just slow again. Multi-Paxos and Chubby make this idea permanent: one leader (Master) runs phase 1 once and then proposes alone; the next lessons show it.',
        'zh-CN': '再过三秒。p2 的退让在 3.13 秒结束，它用编号 3.2 重试；收到的承诺报告了 (2.1, x)，于是它提出 x，很快也得知 x 已被选定。主 Proposer 只是为了保证进展——如果两个 Proposer 都以为自己是主 Proposer（比如网络分区之后），Paxos 依旧安全，只是又会变慢。Multi-Paxos 和 Chubby 把这个想法固定下来：一个领导者（Master）只执行一次阶段一，之后独自提出提案；接下来几课会演示。',
      },
      actions: ['lab run 3s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 5 },
        { kind: 'output', contains: 'p2 proposer phase=done ballot=3.2 value=x' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
  ],
  challenge: {
    en: 'Kill p1 right after step 1 (`lab kill p1`). p2 is standing back for a proposer that no longer exists: how long until a value is chosen, and which one?',
    'zh-CN': '在第 1 步之后立即杀掉 p1（`lab kill p1`）。p2 正在为一个已不存在的主 Proposer 退让：要过多久才有 value 被选定？被选定的是哪个？',
  },
};
