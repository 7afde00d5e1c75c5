import type { Lesson } from './types.ts';

/**
 * The Paxos derivation of notes 003 §2.4 (方案二: several acceptors, P1, 过半, numbered proposals,
 * P2 → P2a → P2b → P2c), each step done in the lab with correct Paxos. The bug lessons that follow
 * break the same steps one rule at a time. Processes: a1–a3 = 1–3, p1 = 4, p2 = 5, l1 = 6.
 */
export const paxosDerivation: Lesson = {
  id: 'paxos-derivation',
  title: {
    en: 'The Paxos derivation: a majority, numbered proposals, P1 to P2c',
    'zh-CN': 'Paxos 的推导：过半、提案编号、从 P1 到 P2c',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1',
  steps: [
    {
      narration: {
        en: 'Three acceptors now. Kill a3 and ask p1 to propose x. P1 says an acceptor must accept the first proposal it receives — otherwise a lone proposer with a lone proposal could never get anything chosen — so a1 and a2 accept (1.1, x). With several acceptors, a value is chosen once a majority (2 of 3 here) has accepted the same proposal: `lab status` says `chosen: x (ballot 1.1)` although a3 is down. Why a majority and not "any two" or "one"? Any two majorities of the same three acceptors share at least one member, and that shared acceptor is what will carry x into every later proposal (step 3).',
        'zh-CN': '现在有三个 Acceptor。杀掉 a3，让 p1 提出 x。P1 规定：一个 Acceptor 必须接受它收到的第一个提案——否则，如果只有一个 Proposer 提出唯一一个提案，就永远不会有 value 被选定——所以 a1 和 a2 接受了 (1.1, x)。有多个 Acceptor 时，一个提案要被半数以上的 Acceptor（这里是三个中的两个）接受，它的 value 才算被选定：尽管 a3 宕机，`lab status` 仍显示 `chosen: x (ballot 1.1)`。为什么必须过半，而不是“任意一个”或“任意两个”？同一组 Acceptor 中任意两个过半集合至少有一个共同成员，正是这个共同的 Acceptor 会把 x 带进之后的每一个提案（见第 3 步）。',
      },
      actions: ['lab kill a3', 'propose p1 x', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', from: 4, to: 1 },
        { kind: 'packet', type: 'ACCEPTED', from: 2, to: 6 },
        { kind: 'output', contains: 'a3 acceptor down' },
        { kind: 'output', contains: 'a1 acceptor promised=1.1 accepted=(1.1, x)' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
      ],
    },
    {
      narration: {
        en: 'Start a3 — it has never received a proposal, the very case the notes worry about — cut p2 off from a1, and ask p2 to propose y; stop 100 ms later. a2 has already accepted x, but it must be able to accept again: if every acceptor accepted only one proposal, values split across acceptors could never reach a majority. So an acceptor may accept several proposals, and proposals must be numbered to tell them apart. A number here is a ballot (round, proposer): p2\'s is 1.2, higher than 1.1, and no other proposer can ever issue it. Before proposing, p2 runs phase 1: a2 and a3 promise never to accept anything numbered below 1.2 (a2\'s card: `promised=1.2 accepted=(1.1, x)`) and report the highest-numbered proposal they accepted — a2 reports (1.1, x), a3 nothing. Look at p2\'s line: it was asked for y, yet its value is now x.',
        'zh-CN': '启动 a3——它从未收到过任何提案，正是笔记里担心的那种情况——切断 p2 与 a1 的链路，让 p2 提出 y，100 毫秒后停下。a2 已经接受了 x，但它必须能够再次接受：如果每个 Acceptor 只能接受一个提案，分散在不同 Acceptor 上的 value 就可能永远凑不够过半。所以 Acceptor 可以接受多个提案，提案就必须带上编号加以区分。这里的编号是 (轮次, Proposer)：p2 的编号是 1.2，比 1.1 大，而且别的 Proposer 永远不会用到它。提出提案之前，p2 先执行阶段一：a2 和 a3 承诺不再接受编号小于 1.2 的提案（a2 的卡片：`promised=1.2 accepted=(1.1, x)`），并报告各自接受过的编号最大的提案——a2 报告 (1.1, x)，a3 没有可报告的。看 p2 这一行：它被要求提出 y，现在的 value 却是 x。',
      },
      actions: ['lab start a3', 'lab cut p2 a1', 'propose p2 y', 'lab run 100ms', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PROMISE', from: 2, to: 5 },
        { kind: 'packet', type: 'PROMISE', from: 3, to: 5 },
        { kind: 'packet', type: 'PREPARE', to: 1, absent: true },
        { kind: 'output', contains: 'a2 acceptor promised=1.2 accepted=(1.1, x)' },
        { kind: 'output', contains: 'p2 proposer phase=accept ballot=1.2 value=x promises=a2,a3 highest-accepted=(1.1, x)@a2' },
      ],
    },
    {
      narration: {
        en: 'Run on: a2 and a3 accept (1.2, x) — a3\'s first proposal, a2\'s second, both with x — and x stays the only chosen value. This is the chain of the derivation. P2: once x is chosen, every higher-numbered proposal that is chosen has x. P2a, stronger: every higher-numbered proposal any acceptor accepts has x. But a3 never heard of x, and P1 forces it to accept the first proposal it gets, so P2a cannot be enforced by acceptors; P2b moves it to proposers: every higher-numbered proposal issued has x. P2c says how a proposer manages that: before issuing [N, V] it hears from a majority S, and either nobody in S accepted anything below N, or V is the value of the highest-numbered proposal accepted in S. S always contains an acceptor of the majority that chose x — here a2 — so x is always reported.',
        'zh-CN': '继续运行：a2 和 a3 接受了 (1.2, x)——这是 a3 的第一个提案、a2 的第二个提案，value 都是 x——x 仍是唯一被选定的 value。这就是推导的链条。P2：x 一旦被选定，之后每个被选定的编号更高的提案，value 都是 x。P2a 更强：任何 Acceptor 接受的编号更高的提案，value 都是 x。可是 a3 从未听说过 x，而 P1 又强迫它接受收到的第一个提案，所以 P2a 无法由 Acceptor 保证；P2b 把约束移到 Proposer：之后提出的编号更高的提案，value 都必须是 x。P2c 说明 Proposer 怎样做到：提出 [N, V] 之前，先从一个过半集合 S 得到回应，要么 S 中没有 Acceptor 接受过编号小于 N 的提案，要么 V 就是 S 中已接受的编号最大的提案的 value。S 必然包含选定 x 的那个过半集合中的某个 Acceptor——这里是 a2——所以 x 一定会被报告出来。',
      },
      actions: ['lab run 1s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', from: 5, to: 3 },
        { kind: 'packet', type: 'ACCEPTED', from: 3, to: 5 },
        { kind: 'output', contains: 'a3 acceptor promised=1.2 accepted=(1.2, x)' },
        { kind: 'output', contains: 'p2 proposer phase=done ballot=1.2 value=x' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
  ],
  challenge: {
    en: 'Replay step 2 cutting p2 off from a2 instead of a1 (`lab cut p2 a2`), so its majority is a1 and a3. Which acceptor reports x now? Can you cut links so that p2 gets a majority of promises and none of them reports x?',
    'zh-CN': '重做第 2 步，但切断的是 p2 与 a2 的链路（`lab cut p2 a2`），这样它的过半集合是 a1 和 a3。现在是哪个 Acceptor 报告了 x？你能否切断某些链路，让 p2 收到过半的承诺，却没有一个报告 x？',
  },
};
