import type { Lesson } from './types.ts';

/**
 * The Paxos bug museum's forgetPromise switch (src/protocol/paxos/bugs.ts): an acceptor without
 * stable storage forgets its promise and accepted proposal at every restart (notes 003 §2.3: a
 * restarted role must remember something). Processes: a1–a3 = 1–3, p1 = 4, p2 = 5, l1 = 6.
 */
export const paxosForgetPromise: Lesson = {
  id: 'paxos-forget-promise',
  title: {
    en: 'Paxos broken: an acceptor without stable storage',
    'zh-CN': '故障博物馆：没有持久存储的 Acceptor',
  },
  ensemble: 'protocol=paxos&acceptors=3&proposers=2&learners=1&seed=1&bugs=forgetPromise',
  steps: [
    {
      narration: {
        en: 'The notes set the scene: processes may fail and restart, and unless a restarted process has recorded something, it cannot know what was decided. A Paxos acceptor records two things — the highest ballot it promised and the highest-numbered proposal it accepted. This lab switches that off (forgetPromise): an acceptor keeps both only in memory. First nothing looks wrong: with a3 cut off from p1, a1 and a2 accept (1.1, x) and x is chosen; look at a1\'s line, `promised=1.1 accepted=(1.1, x)`.',
        'zh-CN': '笔记先交代了前提：进程可能出错停止，也可能重启；除非重启的进程记录了某些信息，否则它无法确定被选定的值。Paxos 的 Acceptor 要记录两样东西——它承诺过的最大编号，以及它接受过的编号最大的提案。这个实验把这一点关掉了（forgetPromise）：Acceptor 只把两者留在内存里。起初看不出任何问题：a3 与 p1 之间的链路被切断，a1 和 a2 接受了 (1.1, x)，x 被选定；看 a1 这一行：`promised=1.1 accepted=(1.1, x)`。',
      },
      actions: ['lab cut p1 a3', 'propose p1 x', 'lab run 500ms', 'lab status'],
      checks: [
        { kind: 'output', contains: 'a1 acceptor promised=1.1 accepted=(1.1, x)' },
        { kind: 'output', contains: 'chosen: x (ballot 1.1)' },
      ],
    },
    {
      narration: {
        en: 'Kill a1 and start it again. A real acceptor would read its promise and its accepted proposal back from disk. This one comes back empty: its line reads `promised=none accepted=none`, and the event log says it forgot its promise of ballot 1.1 and the proposal (1.1, x). `lab invariants` already shows PromiseMonotonic red: an acceptor\'s promise went backwards. Nothing has gone wrong with the value yet — but x now lives only on a2.',
        'zh-CN': '杀掉 a1 再启动它。真正的 Acceptor 会从磁盘读回它的承诺和已接受的提案。这个却空空如也地回来了：它这一行是 `promised=none accepted=none`，事件日志说它忘记了对编号 1.1 的承诺以及提案 (1.1, x)。`lab invariants` 中 PromiseMonotonic 已经变红：一个 Acceptor 的承诺倒退了。value 暂时还没出错——但现在只有 a2 还记着 x。',
      },
      actions: ['lab kill a1', 'lab start a1', 'lab run 10ms', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'output', contains: 'a1 acceptor promised=none accepted=none' },
        { kind: 'output', contains: 'PromiseMonotonic BROKEN' },
        { kind: 'output', contains: 'Agreement ok' },
      ],
    },
    {
      narration: {
        en: 'Cut p2 off from a2 — the one acceptor that still remembers x — and ask p2 to propose y. p2\'s majority is a1 and a3: both promise ballot 1.2 and neither reports anything, so P2c leaves p2 free to propose its own y, and a1 and a3 accept it. Agreement turns red: x was chosen by a1 and a2, y by a1 and a3. p2 followed every rule; the majority overlap (a1) simply forgot. With its disk, a1 would have reported (1.1, x) and p2 would have proposed x.',
        'zh-CN': '切断 p2 与 a2 的链路——a2 是唯一还记得 x 的 Acceptor——再让 p2 提出 y。p2 的过半集合是 a1 和 a3：两者都承诺了编号 1.2，却都没有可报告的提案，于是 P2c 允许 p2 提出自己的 y，a1 和 a3 接受了它。Agreement 变红：x 由 a1、a2 选定，y 由 a1、a3 选定。p2 遵守了每一条规则；只是两个过半集合的交集 a1 失忆了。如果 a1 保留了磁盘上的记录，它会报告 (1.1, x)，p2 就会提出 x。',
      },
      actions: ['lab cut p2 a2', 'propose p2 y', 'lab run 1s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'PROMISE', from: 1, to: 5 },
        { kind: 'output', contains: 'a1 acceptor promised=1.2 accepted=(1.2, y)' },
        { kind: 'output', contains: 'Agreement BROKEN' },
      ],
    },
  ],
  challenge: {
    en: 'Without the switch, `lab wipe a1` erases a1\'s disk on purpose. Open `?protocol=paxos&seed=1`, replay the three steps with `lab wipe a1` and `lab start a1` in place of the restart. What does that tell you about replacing a failed acceptor\'s disk?',
    'zh-CN': '不开这个开关时，`lab wipe a1` 会故意抹掉 a1 的磁盘。打开 `?protocol=paxos&seed=1`，重做这三步，用 `lab wipe a1` 和 `lab start a1` 代替重启。这说明更换一个故障 Acceptor 的磁盘时要注意什么？',
  },
};
