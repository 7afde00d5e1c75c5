import type { Lesson } from './types.ts';

/**
 * The Paxos bug museum's ignoreAcceptedValues switch (src/protocol/paxos/bugs.ts): P2c off — a
 * proposer ignores the proposals its promises report. The same moves as paxos-derivation steps
 * 2–3, with a3 cut off from p1 instead of killed. Processes: a1–a3 = 1–3, p1 = 4, p2 = 5, l1 = 6.
 */
export const paxosNoP2c: Lesson = {
  id: 'paxos-no-p2c',
  title: {
    en: 'Paxos broken: a proposer that ignores P2c',
    'zh-CN': '故障博物馆：不遵守 P2c 的 Proposer',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&bugs=ignoreAcceptedValues',
  steps: [
    {
      narration: {
        en: 'This lab runs Paxos with one rule switched off on purpose (`lab bugs` shows it): ignoreAcceptedValues, P2c. Its proposers still run phase 1 and still collect promises, but in phase 2 they always propose their own value, whatever the promises report. Everything else is correct, so the first value is chosen normally: with a3 cut off from p1, a1 and a2 accept (1.1, x), and `lab status` says `chosen: x (ballot 1.1)`. a3 has heard nothing — `promised=none accepted=none` — exactly like the latecomer of the derivation.',
        'zh-CN': '这个实验故意关掉了 Paxos 的一条规则（`lab bugs` 会列出来）：ignoreAcceptedValues，也就是 P2c。Proposer 仍然执行阶段一、收集承诺，但到了阶段二，不管承诺里报告了什么，它总是提出自己的 value。其余一切都是正确的，所以第一个 value 照常被选定：a3 与 p1 之间的链路被切断，a1 和 a2 接受了 (1.1, x)，`lab status` 显示 `chosen: x (ballot 1.1)`。a3 什么也没收到——`promised=none accepted=none`——正像推导那一课里那个迟到的 Acceptor。',
      },
      actions: ['lab cut p1 a3', 'propose p1 x', 'lab run 500ms', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', to: 3, absent: true },
        { kind: 'output', contains: 'a3 acceptor promised=none accepted=none' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
      ],
    },
    {
      narration: {
        en: 'Cut p2 off from a1 and ask it to propose y; stop 100 ms later, when its phase 1 is over. p2 holds promises for ballot 1.2 from a2 and a3 — a majority, which overlaps p1\'s majority in a2 — and a2 faithfully reported (1.1, x): p2\'s line shows `highest-accepted=(1.1, x)@a2`. A correct proposer would now propose x (compare step 2 of the derivation lesson). This one keeps `value=y` and has already sent ACCEPT (1.2, y) to every acceptor.',
        'zh-CN': '切断 p2 与 a1 的链路，让 p2 提出 y；100 毫秒后、它的阶段一结束时停下。p2 已经拿到 a2、a3 对编号 1.2 的承诺——这是一个过半集合，与 p1 的过半集合在 a2 处相交——a2 也如实报告了 (1.1, x)：p2 这一行显示 `highest-accepted=(1.1, x)@a2`。正确的 Proposer 此时会提出 x（对照推导那一课的第 2 步）。这个 Proposer 却保留了 `value=y`，并且已经向所有 Acceptor 发出 Accept 请求 (1.2, y)。',
      },
      actions: ['lab cut p2 a1', 'propose p2 y', 'lab run 100ms', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PROMISE', from: 2, to: 5 },
        { kind: 'output', contains: 'p2 proposer phase=accept ballot=1.2 value=y promises=a2,a3 highest-accepted=(1.1, x)@a2' },
      ],
    },
    {
      narration: {
        en: 'Run on. a3 accepts (1.2, y) — it must, by P1 — and so does a2, since 1.2 is not below its promise. Now a2 and a3, a majority, have accepted y: a second value is chosen. `lab invariants` turns Agreement red ("x chosen at ballot 1.1 by a1,a2 and y chosen at ballot 1.2 by a2,a3"); p1 tells its client x, p2 tells its client y, and l1, which had learned x, now says `learned=y`. The overlap of two majorities only helps if the proposer listens to it: that is all P2c is.',
        'zh-CN': '继续运行。a3 接受了 (1.2, y)——按照 P1 它必须接受——a2 也接受了，因为 1.2 不低于它的承诺。于是 a2 和 a3 这个过半集合接受了 y：第二个 value 被选定了。`lab invariants` 中 Agreement 变红（“x chosen at ballot 1.1 by a1,a2 and y chosen at ballot 1.2 by a2,a3”）；p1 告诉它的客户端 x，p2 告诉它的客户端 y，原本学习到 x 的 l1 现在显示 `learned=y`。两个过半集合必然相交，但只有 Proposer 肯听取交集里的报告才有用：P2c 说的就是这件事。',
      },
      actions: ['lab run 1s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'ACCEPTED', from: 2, to: 5 },
        { kind: 'output', contains: 'a2 acceptor promised=1.2 accepted=(1.2, y)' },
        { kind: 'output', contains: 'l1 learner learned=y' },
        { kind: 'output', contains: 'Agreement BROKEN' },
      ],
    },
  ],
  challenge: {
    en: 'In this broken lab, can you still get a single value chosen? Try proposing at p2 only after p1\'s value has reached all three acceptors (no cuts). Why does the bug stay hidden then?',
    'zh-CN': '在这个有缺陷的实验里，你还能只让一个 value 被选定吗？试着等 p1 的 value 到达全部三个 Acceptor 之后（不切断任何链路）再让 p2 提出。为什么这时缺陷不会暴露？',
  },
};
