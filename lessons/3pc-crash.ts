import type { Lesson } from './types.ts';

/**
 * Three-phase commit (notes 003 §1, "3PC": CanCommit, PreCommit, DoCommit) removes 2PC's
 * blocking under crashes: the same coordinator crash as `2pc-blocking`, and participants decide
 * alone on their timeouts. Processes: c = 1, p1 = 2, p2 = 3, p3 = 4.
 */
export const threePcCrash: Lesson = {
  id: '3pc-crash',
  title: {
    en: '3PC: CanCommit, PreCommit, DoCommit — no blocking when the coordinator crashes',
    'zh-CN': '三阶段提交（3PC）：CanCommit、PreCommit、DoCommit——协调者宕机也不阻塞',
  },
  ensemble: 'protocol=3pc&participants=3&seed=1',
  steps: [
    {
      narration: {
        en: 'This lab runs three-phase commit. It splits 2PC\'s second phase in two. CanCommit: c asks every participant whether it can commit (CAN-COMMIT) and each answers yes. PreCommit: every answer was yes, so c logs PRE-COMMIT and sends it; a participant that receives it is pre-committed — it now knows that everyone voted yes — and ACKs. DoCommit: with the ACKs in, c sends DO-COMMIT; each participant commits, releases its locks and ACKs again. The extra round is what lets a participant decide alone later: the state it is in tells it what the others can be in.',
        'zh-CN': '这个实验运行三阶段提交。它把 2PC 的第二阶段一分为二。CanCommit：c 询问每个参与者能否提交（CAN-COMMIT），每个参与者都回答 Yes。PreCommit：所有回答都是 Yes，于是 c 把 PRE-COMMIT 写入日志并发送；收到它的参与者进入预提交状态——它知道所有人都投了 Yes——并回复 ACK。DoCommit：收到 ACK 后，c 发送 DO-COMMIT；每个参与者正式提交、释放锁并再次回复 ACK。多出来的这一轮，让参与者之后可以自行决定：它所处的状态告诉它其他参与者可能处于什么状态。',
      },
      actions: ['begin T1', 'lab run 2s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'CAN-COMMIT', from: 1, to: 2 },
        { kind: 'packet', type: 'VOTE-COMMIT', from: 3, to: 1 },
        { kind: 'packet', type: 'PRE-COMMIT', from: 1, to: 4 },
        { kind: 'packet', type: 'DO-COMMIT', from: 1, to: 2 },
        { kind: 'packet', type: 'VOTE-REQUEST', absent: true },
        { kind: 'output', contains: 'p1: participant, T1 committed (voted yes)' },
        { kind: 'output', contains: 'T1: committed' },
      ],
    },
    {
      narration: {
        en: 'Now the crash of lesson `2pc-blocking`: begin T2 and kill c 55 ms later, after the participants voted yes and before c has their votes. No PRE-COMMIT went out, so every participant is still uncertain — and in 3PC an uncertain participant knows that nobody can have committed yet (a commit needs a PRE-COMMIT first). So when its timeout runs out it aborts alone, and releases its locks. No blocking: `T2: aborted` about 2 s after the crash, with c still down. The invariants stay green — 3PC has no BlockedNotGuessed check, because deciding on a timeout is its rule. Then c restarts, finds T2 undecided in its log and aborts it too: the same outcome.',
        'zh-CN': '现在重演 `2pc-blocking` 一课中的宕机：开启 T2，55 毫秒后杀掉 c——参与者已投 Yes，c 还没收到投票。没有发出任何 PRE-COMMIT，所以每个参与者仍处于不确定状态——而在 3PC 中，不确定的参与者知道还不可能有人提交（提交之前必须先有 PRE-COMMIT）。于是超时后它自行中断事务并释放锁。没有阻塞：宕机大约 2 秒后就是 `T2: aborted`，而 c 仍未恢复。不变式保持绿色——3PC 没有 BlockedNotGuessed 检查，因为超时后自行决定正是它的规则。随后 c 重启，在日志中发现 T2 未决定，也将其回滚：结果一致。',
      },
      actions: ['begin T2', 'lab run 55ms', 'lab kill c', 'lab run 4s', 'lab status', 'lab invariants', 'lab start c', 'lab run 1s'],
      checks: [
        { kind: 'packet', type: 'CAN-COMMIT', from: 1, to: 3 },
        { kind: 'packet', type: 'PRE-COMMIT', absent: true },
        { kind: 'output', contains: 'c: down; log: T2 voting' },
        { kind: 'output', contains: 'p1: participant, T2 aborted (voted yes)' },
        { kind: 'output', contains: 'p3: participant, T2 aborted (voted yes)' },
        { kind: 'output', contains: 'T2: aborted' },
        { kind: 'output', contains: 'Atomicity ok' },
      ],
    },
    {
      narration: {
        en: 'Begin T3 and kill c 110 ms later — this time after it sent PRE-COMMIT. Every participant is pre-committed: it knows everyone voted yes, so nobody can have aborted on the coordinator\'s word. When its timeout runs out it commits alone: `T3: committed`, with c down. This is the advantage the notes name: 3PC narrows the blocking and reaches agreement after a single point of failure. Whatever state the coordinator died in, the participants finish without it.',
        'zh-CN': '开启 T3，110 毫秒后杀掉 c——这次是在它发出 PRE-COMMIT 之后。每个参与者都已预提交：它知道所有人都投了 Yes，所以不可能有人根据协调者的指令回滚。超时后它自行提交：`T3: committed`，而 c 仍然宕机。这正是笔记所说的优点：3PC 降低了参与者的阻塞范围，并能在出现单点故障后继续达成一致。无论协调者宕机时处于哪个阶段，参与者都能在没有它的情况下完成事务。',
      },
      actions: ['begin T3', 'lab run 110ms', 'lab kill c', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'PRE-COMMIT', from: 1, to: 2 },
        { kind: 'packet', type: 'DO-COMMIT', absent: true },
        { kind: 'output', contains: 'c: down; log: T3 precommit' },
        { kind: 'output', contains: 'p1: participant, T3 committed (voted yes)' },
        { kind: 'output', contains: 'p2: participant, T3 committed (voted yes)' },
        { kind: 'output', contains: 'T3: committed' },
        { kind: 'output', contains: 'Atomicity ok' },
      ],
    },
  ],
  challenge: {
    en: 'Both timeouts above assume that every participant heard the same thing. What if PRE-COMMIT reaches p1 and p2 but not p3, and p3 cannot reach them? Guess what each side decides, then play the next lesson, `3pc-partition`.',
    'zh-CN': '上面两种超时规则都假设每个参与者收到的消息相同。如果 PRE-COMMIT 到达了 p1 和 p2，却没有到达 p3，而 p3 又联系不到它们呢？先猜猜两边各自会做什么决定，再学习下一课 `3pc-partition`。',
  },
};
