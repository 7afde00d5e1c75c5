import type { Lesson } from './types.ts';

/**
 * The Paxos bug museum's sameBallot switch (src/protocol/paxos/bugs.ts): ballots compare by round
 * alone, so two proposers can hold "the same" proposal number. Processes: a1–a3 = 1–3, p1 = 4,
 * p2 = 5, l1 = 6.
 */
export const paxosSameBallot: Lesson = {
  id: 'paxos-same-ballot',
  title: {
    en: 'Paxos broken: two proposers with the same proposal number',
    'zh-CN': '故障博物馆：两个 Proposer 用了同一个提案编号',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&bugs=sameBallot',
  steps: [
    {
      narration: {
        en: 'Proposal numbers must be totally ordered and never shared: in this lab a ballot is (round, proposer), so p1\'s 1.1 and p2\'s 1.2 differ and 1.2 is higher. The switch sameBallot makes acceptors compare the round alone, so both are just "ballot 1". Ask p1 and p2 to propose at the same moment and stop after 100 ms. Every acceptor promised both — a2 even promised 1.1 after 1.2, which `lab invariants` reports as PromiseMonotonic broken — and each proposer holds a majority of promises for its own "ballot 1": p1 goes to phase 2 with x, p2 with y.',
        'zh-CN': '提案编号必须全序且不能共用：本实验中编号是 (轮次, Proposer)，所以 p1 的 1.1 与 p2 的 1.2 不同，而且 1.2 更大。开关 sameBallot 让 Acceptor 只比较轮次，两者于是都成了“编号 1”。让 p1 和 p2 同时提出，100 毫秒后停下。每个 Acceptor 都对两者作出了承诺——a2 甚至在承诺 1.2 之后又承诺了 1.1，`lab invariants` 把它报告为 PromiseMonotonic 被破坏——每个 Proposer 都为自己的“编号 1”拿到了过半承诺：p1 带着 x、p2 带着 y 进入阶段二。',
      },
      actions: ['propose p1 x', 'propose p2 y', 'lab run 100ms', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'output', contains: 'p1 proposer phase=accept ballot=1.1 value=x promises=a2,a1' },
        { kind: 'output', contains: 'p2 proposer phase=accept ballot=1.2 value=y promises=a2,a1' },
        { kind: 'output', contains: 'PromiseMonotonic BROKEN' },
      ],
    },
    {
      narration: {
        en: 'Run on. Each acceptor receives ACCEPT (1.1, x) and ACCEPT (1.2, y) and accepts both, since neither is "below" its promise of round 1. x is chosen as soon as a1 and a2 hold it, y as soon as a2 and a3 do: two values chosen, and Agreement turns red. p1 and p2 each report a different chosen value. With the proposer part in the number, 1.2 beats 1.1: an acceptor that has promised 1.2 refuses p1\'s PREPARE or ACCEPT 1.1 with a NACK, p1 retries with a higher ballot, and its promises report y.',
        'zh-CN': '继续运行。每个 Acceptor 都收到了 Accept 请求 (1.1, x) 和 (1.2, y)，并且两个都接受了，因为它们都不“低于”它对第 1 轮的承诺。a1、a2 一接受 x，x 就被选定；a2、a3 一接受 y，y 也被选定：两个 value 都被选定，Agreement 变红。p1 和 p2 各自报告了不同的被选定的 value。如果编号里包含 Proposer 部分，1.2 就大于 1.1：承诺了 1.2 的 Acceptor 会用 NACK 拒绝 p1 编号为 1.1 的 PREPARE 或 Accept 请求，p1 用更高的编号重试，它收到的承诺会报告 y。',
      },
      actions: ['lab run 3s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'ACCEPTED', from: 2, to: 4 },
        { kind: 'packet', type: 'ACCEPTED', from: 2, to: 5 },
        { kind: 'output', contains: 'p1 proposer phase=done ballot=1.1 value=x' },
        { kind: 'output', contains: 'p2 proposer phase=done ballot=1.2 value=y' },
        { kind: 'output', contains: 'Agreement BROKEN' },
      ],
    },
  ],
  challenge: {
    en: 'Open `?protocol=paxos&seed=1` (no switch) and replay step 1. Which acceptors send a NACK, to whom, and which value ends up chosen?',
    'zh-CN': '打开 `?protocol=paxos&seed=1`（不开开关），重做第 1 步。哪些 Acceptor 发出了 NACK、发给了谁？最终哪个 value 被选定？',
  },
};
