import type { Lesson } from './types.ts';

/**
 * Two-phase commit, the real protocol (notes 003 §1, "2PC"): a coordinator c and participants
 * p1–p3 (src/protocol/commit/). The happy path, an abort on one no, and an abort on a missing vote.
 * Processes: c = 1, p1 = 2, p2 = 3, p3 = 4.
 */
export const twoPcBasics: Lesson = {
  id: '2pc-basics',
  title: {
    en: '2PC: the happy path and the abort',
    'zh-CN': '两阶段提交（2PC）：正常提交与中断',
  },
  ensemble: 'protocol=2pc&participants=3&seed=1',
  steps: [
    {
      narration: {
        en: 'This lab runs two-phase commit: one coordinator c and three participants p1–p3, each a process of its own. `begin T1` starts a transaction. Phase one asks: c sends VOTE-REQUEST to every participant; each one does the work, writes its undo and redo information to its log, answers VOTE-COMMIT (yes) and from then on is uncertain — it holds its locks and may not decide alone. Phase two decides: every vote was yes, so c logs COMMIT and sends GLOBAL-COMMIT; each participant commits, releases its locks and ACKs; when every ACK is in, the transaction is complete. `lab status` prints each process and one line per transaction: `T1: committed`.',
        'zh-CN': '这个实验运行两阶段提交：一个协调者 c 和三个参与者 p1–p3，每个都是独立的进程。`begin T1` 开启一个事务。阶段一是“提交事务请求”：c 向每个参与者发送 VOTE-REQUEST（事务询问）；参与者执行事务，把 Undo 和 Redo 信息写入事务日志，回复 VOTE-COMMIT（Yes），此后进入不确定状态——它持有锁，不能自己做决定。阶段二是“执行事务提交”：所有反馈都是 Yes，于是 c 先把 COMMIT 写入日志，再发送 GLOBAL-COMMIT；每个参与者提交事务、释放锁并回复 ACK；收齐所有 ACK，事务完成。`lab status` 列出每个进程，每个事务一行：`T1: committed`。',
      },
      actions: ['begin T1', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'VOTE-REQUEST', from: 1, to: 2 },
        { kind: 'packet', type: 'VOTE-COMMIT', from: 4, to: 1 },
        { kind: 'packet', type: 'GLOBAL-COMMIT', from: 1, to: 3 },
        { kind: 'packet', type: 'ACK', from: 2, to: 1 },
        { kind: 'output', contains: 'c: coordinator, T1 committed (votes p1:yes p2:yes p3:yes, acks 3)' },
        { kind: 'output', contains: 'p3: participant, T1 committed (voted yes)' },
        { kind: 'output', contains: 'T1: committed' },
      ],
    },
    {
      narration: {
        en: 'Now `vote p2 no` tells p2 to refuse the coming transaction, and `begin T2` starts it. p2 answers VOTE-ABORT and rolls back at once — a participant that voted no knows the outcome already. p1 and p3 voted yes and wait, uncertain. One no is enough: c decides ABORT and sends GLOBAL-ABORT; p1 and p3 use their undo information to roll back and release their locks. `lab invariants` checks what a commit protocol promises: Atomicity (no transaction committed at one participant and aborted at another) and Validity (commit only if everyone voted yes).',
        'zh-CN': '现在用 `vote p2 no` 让 p2 拒绝下一个事务，再用 `begin T2` 开启它。p2 回复 VOTE-ABORT 并立即回滚——投了 No 的参与者已经知道结果。p1 和 p3 投了 Yes，处于不确定状态等待。只要有一个 No 就足够了：c 决定中断事务，发送 GLOBAL-ABORT（回滚请求）；p1 和 p3 利用 Undo 信息回滚，并释放锁。`lab invariants` 检查提交协议的承诺：原子性 Atomicity（不会有事务在一个参与者上提交、在另一个上回滚）与有效性 Validity（只有所有人都投 Yes 才能提交）。',
      },
      actions: ['vote p2 no', 'begin T2', 'lab run 1s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'VOTE-ABORT', from: 3, to: 1 },
        { kind: 'packet', type: 'GLOBAL-ABORT', from: 1, to: 2 },
        { kind: 'output', contains: 'p2: participant, T2 aborted (voted no)' },
        { kind: 'output', contains: 'p1: participant, T2 aborted (voted yes)' },
        { kind: 'output', contains: 'T2: aborted' },
        { kind: 'output', contains: 'Atomicity ok' },
        { kind: 'output', contains: 'Validity ok' },
      ],
    },
    {
      narration: {
        en: 'A vote that never comes counts as no. Kill p3 and begin T3: p1 and p2 vote yes, p3 cannot answer, and c, waiting for the votes, times out and aborts T3 — `votes p1:yes p2:yes p3:-`. This is what the notes call too conservative (太过保守): one silent participant aborts the work of all the others. The coordinator may time out while it waits for votes; a participant that has voted yes may not. The next lesson shows why that matters.',
        'zh-CN': '没有到达的投票按 No 处理。杀掉 p3，再开启 T3：p1 和 p2 投 Yes，p3 无法回应；正在等待投票的 c 超时后中断了 T3——`votes p1:yes p2:yes p3:-`。这就是笔记所说的“太过保守”：一个参与者没有回应，其他所有参与者的工作都要回滚，协调者只能依靠超时机制来中断事务。协调者在等待投票时可以超时；而已经投了 Yes 的参与者却不可以。下一课会说明这一点为什么重要。',
      },
      actions: ['lab kill p3', 'begin T3', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'VOTE-COMMIT', from: 2, to: 1 },
        { kind: 'packet', type: 'GLOBAL-COMMIT', absent: true },
        { kind: 'output', contains: 'c: coordinator, T3 aborted (votes p1:yes p2:yes p3:-' },
        { kind: 'output', contains: 'p3: down' },
        { kind: 'output', contains: 'p1: participant, T3 aborted (voted yes)' },
        { kind: 'output', contains: 'Validity ok' },
      ],
    },
  ],
  challenge: {
    en: 'Open `?protocol=2pc&participants=3&bugs=commitWithoutVotes` and run `lab preset`. What does the coordinator do with p3\'s missing vote, and which invariant turns red?',
    'zh-CN': '打开 `?protocol=2pc&participants=3&bugs=commitWithoutVotes`，运行 `lab preset`。协调者如何对待 p3 缺失的投票？哪个不变式变红了？',
  },
};
