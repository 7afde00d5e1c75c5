import type { Lesson } from './types.ts';

/**
 * 3PC's weakness (notes 003 §1, 3PC 缺点): after PreCommit a network partition lets one side
 * commit and the other abort, each on its own timeout — atomicity broken (the `partition` preset).
 * 2PC under the same schedule blocks instead (`2pc-blocking`, steps 4–5). Processes: c = 1,
 * p1 = 2, p2 = 3, p3 = 4.
 */
export const threePcPartition: Lesson = {
  id: '3pc-partition',
  title: {
    en: '3PC broken by a partition: committed on one side, aborted on the other',
    'zh-CN': '网络分区下的 3PC：一边提交，另一边回滚',
  },
  ensemble: 'protocol=3pc&participants=3&seed=1',
  steps: [
    {
      narration: {
        en: '`lab preset partition` runs a fault schedule: c\'s next message to p3 is slowed by 500 ms, T1 begins, and 600 ms later the network splits p3 from c, p1 and p2. Every participant votes yes — p3 late, because its CAN-COMMIT was slow. c sends PRE-COMMIT; p1 and p2 get it and are pre-committed, but p3\'s is dropped by the partition. On the majority side c, missing p3\'s ACK but knowing everyone voted yes, sends DO-COMMIT: p1 and p2 commit. On the other side p3 is still uncertain; its timeout runs out, it cannot reach anyone, and by 3PC\'s rule an uncertain participant aborts alone. `lab status` shows the result: `T1: committed and aborted`.',
        'zh-CN': '`lab preset partition` 运行一个故障时间表：c 发给 p3 的下一条消息被延迟 500 毫秒，T1 开始，600 毫秒后网络把 p3 与 c、p1、p2 隔开。每个参与者都投了 Yes——p3 投得晚，因为它的 CAN-COMMIT 很慢。c 发送 PRE-COMMIT；p1 和 p2 收到后进入预提交状态，但发给 p3 的那条被分区丢弃了。在多数一侧，c 没有收到 p3 的 ACK，但知道所有人都投了 Yes，于是发送 DO-COMMIT：p1 和 p2 提交。另一侧的 p3 仍处于不确定状态；超时到了，它联系不到任何人，按照 3PC 的规则，不确定的参与者自行回滚。`lab status` 显示了结果：`T1: committed and aborted`。',
      },
      actions: ['lab preset partition', 'lab status'],
      checks: [
        { kind: 'packet', type: 'VOTE-COMMIT', from: 4, to: 1 },
        { kind: 'packet', type: 'PRE-COMMIT', from: 1, to: 2 },
        { kind: 'packet', type: 'PRE-COMMIT', to: 4, absent: true },
        { kind: 'packet', type: 'DO-COMMIT', from: 1, to: 3 },
        { kind: 'output', contains: 'p1: participant, T1 committed (voted yes)' },
        { kind: 'output', contains: 'p3: participant, T1 aborted (voted yes)' },
        { kind: 'output', contains: 'T1: committed and aborted (p1,p2 committed; p3 aborted)' },
      ],
    },
    {
      narration: {
        en: '`lab invariants`: Atomicity is red, with the moment and the reason — T1 is committed at c, p1 and p2 and aborted at p3, because a participant decided alone on its timeout, not knowing what the other side did. Validity is still green (everyone did vote yes). This is the weakness the notes give for 3PC: after the PreCommit message a network partition lets participants go on to decide, and the data becomes inconsistent (数据不一致). A timeout cannot tell "the coordinator crashed" from "the coordinator is alive on the other side of a partition".',
        'zh-CN': '`lab invariants`：原子性 Atomicity 变红，并给出时刻与原因——T1 在 c、p1、p2 上提交，在 p3 上回滚，因为一个参与者在超时后自行做了决定，并不知道另一侧做了什么。有效性 Validity 仍是绿色（所有人确实都投了 Yes）。这就是笔记给出的 3PC 缺点：参与者收到 preCommit 消息后若出现网络分区，参与者依然会自行做出决定，进而导致数据不一致。超时无法区分“协调者宕机了”和“协调者在分区的另一侧好好活着”。',
      },
      actions: ['lab invariants'],
      checks: [
        { kind: 'output', contains: 'Atomicity BROKEN at 2.537s' },
        { kind: 'output', contains: 'T1 is committed at c,p1,p2 and aborted at p3 — a participant decided alone on its timeout' },
        { kind: 'output', contains: 'Validity ok' },
      ],
    },
    {
      narration: {
        en: 'Heal the network and wait. Nothing repairs the damage: p3 has aborted and released its locks, p1 and p2 have committed, and neither decision can be taken back — `T1: committed and aborted`, Atomicity still red. Compare lesson `2pc-blocking`, steps 4 and 5: 2PC under this very schedule left p3 uncertain and blocked, holding its locks, until the heal — and then p3 committed. 2PC gives up availability to keep atomicity; 3PC gives up atomicity to stay available. Neither survives both crashes and partitions; the next lesson shows what does.',
        'zh-CN': '恢复网络，再等一会儿。没有任何东西能修复这个错误：p3 已经回滚并释放了锁，p1 和 p2 已经提交，两边的决定都无法撤销——仍然是 `T1: committed and aborted`，Atomicity 依然是红色。对照 `2pc-blocking` 一课的第 4、5 步：同样的时间表下，2PC 让 p3 处于不确定状态并阻塞、持有锁，直到网络恢复——然后 p3 提交了。2PC 牺牲可用性来保住原子性；3PC 牺牲原子性来保持可用。两者都无法同时扛住宕机和网络分区；下一课说明什么协议可以。',
      },
      actions: ['lab heal', 'lab run 5s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'DO-COMMIT', from: 1, to: 4 },
        { kind: 'output', contains: 'p3: participant, T1 aborted (voted yes)' },
        { kind: 'output', contains: 'T1: committed and aborted (p1,p2 committed; p3 aborted)' },
        { kind: 'output', contains: 'Atomicity BROKEN' },
      ],
    },
  ],
  challenge: {
    en: 'Open `?protocol=2pc&participants=3&seed=1` and run `lab preset partition`, then `lab status` and `lab invariants`. Which process blocks, what does it hold, and is any invariant red? What changes after `lab heal`?',
    'zh-CN': '打开 `?protocol=2pc&participants=3&seed=1`，运行 `lab preset partition`，再运行 `lab status` 和 `lab invariants`。哪个进程阻塞了？它持有什么？有不变式变红吗？`lab heal` 之后有什么变化？',
  },
};
