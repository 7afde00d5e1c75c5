import type { Lesson } from './types.ts';

/**
 * The Paxos bug museum's minorityQuorum switch (src/protocol/paxos/bugs.ts): a "quorum" of ⌊N/2⌋
 * acceptors — one of three — so two quorums need not share an acceptor. Processes: a1–a3 = 1–3,
 * p1 = 4, p2 = 5, l1 = 6.
 */
export const paxosMinority: Lesson = {
  id: 'paxos-minority',
  title: {
    en: 'Paxos broken: one acceptor of three counted as a majority',
    'zh-CN': '故障博物馆：把三个 Acceptor 中的一个当作过半',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&bugs=minorityQuorum',
  steps: [
    {
      narration: {
        en: 'Here the rule broken is the size of a quorum (switch minorityQuorum): proposers and the learner count ⌊3/2⌋ = 1 acceptor as enough, instead of a majority of 2. With a3 cut off from p1, ask p1 to propose x and look 80 ms later: p1 is already in phase 2 with a single promise (`promises=a2`). Its ACCEPT still goes to every acceptor it can reach, so a1 and a2 accept (1.1, x) and x is really chosen by a true majority — `chosen: x (ballot 1.1)` counts true majorities, whatever the processes believe.',
        'zh-CN': '这里被破坏的是 quorum（法定人数）的大小（开关 minorityQuorum）：Proposer 和 Learner 认为 ⌊3/2⌋ = 1 个 Acceptor 就够了，而不是过半的 2 个。切断 a3 与 p1 的链路，让 p1 提出 x，80 毫秒后看一看：p1 只拿到一个承诺（`promises=a2`）就已进入阶段二。它的 Accept 请求仍发给所有能到达的 Acceptor，所以 a1 和 a2 接受了 (1.1, x)，x 确实被真正的过半集合选定——`chosen: x (ballot 1.1)` 按真正的过半计算，而不管进程自己怎么认为。',
      },
      actions: ['lab cut p1 a3', 'propose p1 x', 'lab run 80ms', 'lab status', 'lab run 420ms', 'lab status'],
      checks: [
        { kind: 'output', contains: 'p1 proposer phase=accept ballot=1.1 value=x promises=a2 accepted-by=none' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
      ],
    },
    {
      narration: {
        en: 'Now p2 proposes y, but its links to a1 and a2 are slow (400 ms more). Only a3 answers quickly, and its promise reports nothing — a3 never saw x. One promise is a "quorum", so p2 sends ACCEPT (1.2, y) at once; a3 accepts it, p2 declares y chosen, and l1 learns y from a3\'s ACCEPTED alone. At this moment y is accepted by one acceptor only: `lab invariants` turns LearnerConsistency red — l1 learned a value that is not chosen — while Agreement is still green.',
        'zh-CN': '现在让 p2 提出 y，但它到 a1、a2 的链路很慢（多出 400 毫秒）。只有 a3 很快回应，它的承诺里什么也没有——a3 从未见过 x。一个承诺就算“quorum”，于是 p2 立即发出 Accept 请求 (1.2, y)；a3 接受了它，p2 宣布 y 被选定，l1 仅凭 a3 的一个 ACCEPTED 就学习到了 y。此刻 y 只被一个 Acceptor 接受：`lab invariants` 中 LearnerConsistency 变红——l1 学习到了一个并未被选定的 value——而 Agreement 还是绿色。',
      },
      actions: ['lab delay p2->a1 400ms', 'lab delay p2->a2 400ms', 'propose p2 y', 'lab run 200ms', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'output', contains: 'a3 acceptor promised=1.2 accepted=(1.2, y)' },
        { kind: 'output', contains: 'l1 learner learned=y' },
        { kind: 'output', contains: 'LearnerConsistency BROKEN' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
    {
      narration: {
        en: 'Run on. p2\'s slow PREPARE and ACCEPT finally reach a1 and a2. Both promise 1.2 (reporting x, too late for anyone to listen) and accept (1.2, y), because 1.2 is the highest ballot they have seen. Now y has a true majority as well: Agreement turns red. The real rule, a majority ⌊N/2⌋+1, makes any two quorums share an acceptor; one acceptor out of three shares nothing with the a1–a2 majority that chose x.',
        'zh-CN': '继续运行。p2 那些迟到的 PREPARE 和 Accept 请求终于到达 a1 和 a2。两者都承诺了编号 1.2（也报告了 x，但已经没人听了），并接受了 (1.2, y)，因为 1.2 是它们见过的最大编号。现在 y 也得到了真正的过半：Agreement 变红。正确的规则要求过半，即 ⌊N/2⌋+1，这样任意两个 quorum 都有共同的 Acceptor；三个中的一个，与选定 x 的 a1、a2 这个过半集合毫无交集。',
      },
      actions: ['lab run 3s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', from: 5, to: 1 },
        { kind: 'output', contains: 'a1 acceptor promised=1.2 accepted=(1.2, y)' },
        { kind: 'output', contains: 'Agreement BROKEN' },
      ],
    },
  ],
  challenge: {
    en: 'With the switch on, how many acceptors of five would count as a quorum? Open `?protocol=paxos&acceptors=5&bugs=minorityQuorum` and find a schedule where two values are chosen although every message arrives.',
    'zh-CN': '开关打开时，五个 Acceptor 中多少个就算一个 quorum？打开 `?protocol=paxos&acceptors=5&bugs=minorityQuorum`，找一个所有消息都能送达、却仍有两个 value 被选定的时间表。',
  },
};
