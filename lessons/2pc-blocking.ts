import type { Lesson } from './types.ts';

/**
 * 2PC's weaknesses (notes 003 §1: 同步阻塞, 单点问题): the coordinator dies after the participants
 * voted yes and every one of them blocks, holding its locks, for as long as it stays down; the
 * cooperative termination protocol cannot help; a restart decides. Then the partition schedule of
 * the 3PC lesson, on 2PC: it blocks instead. Processes: c = 1, p1 = 2, p2 = 3, p3 = 4.
 */
export const twoPcBlocking: Lesson = {
  id: '2pc-blocking',
  title: {
    en: '2PC blocks: the coordinator dies after the votes',
    'zh-CN': '2PC 的同步阻塞：协调者在投票之后宕机',
  },
  ensemble: 'protocol=2pc&participants=3&seed=1',
  steps: [
    {
      narration: {
        en: 'Begin T1 and kill the coordinator 55 ms later: every participant has received VOTE-REQUEST, voted yes and logged its vote, but c dies before it has the votes. Each participant is now uncertain: it promised to commit if asked, so it may not abort on its own, and it does not know whether c decided commit. After 2 s without an outcome each one starts the cooperative termination protocol: it sends DECISION-REQUEST to c and to the other participants. `lab status` says it plainly: `uncertain (voted yes, holding locks, blocked: nobody it reached knows the outcome)`, and `T1: blocked`. This is the single point of failure (单点问题) of the notes: with the coordinator gone in phase two, the participants sit on locked resources.',
        'zh-CN': '开启 T1，55 毫秒后杀掉协调者：每个参与者都已收到 VOTE-REQUEST、投了 Yes 并记入日志，但 c 在收到投票之前就宕机了。现在每个参与者都处于不确定状态：它已经承诺“被要求提交时就提交”，所以不能自行回滚；它也不知道 c 是否已经决定提交。2 秒收不到结果后，每个参与者启动协作终止协议（cooperative termination）：向 c 和其他参与者发送 DECISION-REQUEST。`lab status` 说得很清楚：`uncertain (voted yes, holding locks, blocked: nobody it reached knows the outcome)`，以及 `T1: blocked`。这就是笔记中的“单点问题”：协调者在阶段二出问题，参与者就一直锁定着事务资源。',
      },
      actions: ['begin T1', 'lab run 55ms', 'lab kill c', 'lab run 8s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'VOTE-REQUEST', from: 1, to: 4 },
        { kind: 'packet', type: 'DECISION-REQUEST', from: 2, to: 3 },
        { kind: 'packet', type: 'GLOBAL-COMMIT', absent: true },
        { kind: 'packet', type: 'GLOBAL-ABORT', absent: true },
        { kind: 'output', contains: 'c: down; log: T1 voting' },
        { kind: 'output', contains: 'p1: participant, T1 uncertain (voted yes, holding locks, blocked: nobody it reached knows the outcome)' },
        { kind: 'output', contains: 'p3: participant, T1 uncertain (voted yes, holding locks' },
        { kind: 'output', contains: 'T1: blocked (p1,p2,p3 uncertain, holding locks, asking)' },
      ],
    },
    {
      narration: {
        en: 'Wait twenty seconds more. The participants keep asking each other, and nothing changes: asking helps only if someone knows — a participant that already heard the outcome, or one that had not voted yet and can still abort. Here all three voted yes and none heard anything, so any answer would be a guess: had c logged COMMIT just before it died, an abort would break atomicity; had it not, a commit would. 2PC blocks rather than guesses, and the lab checks it: `BlockedNotGuessed ok`. This is synchronous blocking (同步阻塞): the locks stay held, and every other transaction that needs them waits too, for as long as the coordinator is down.',
        'zh-CN': '再等二十秒。参与者不断互相询问，什么都没有改变：只有当某个进程知道结果时，询问才有用——要么它已经收到了结果，要么它还没投票、仍可以回滚。这里三个参与者都投了 Yes，谁也没收到任何消息，所以任何回答都只是猜测：如果 c 宕机前刚把 COMMIT 写入日志，回滚就破坏了原子性；如果没有，提交也一样。2PC 宁可阻塞也不猜测，实验会检查这一点：`BlockedNotGuessed ok`。这就是“同步阻塞”：只要协调者不恢复，锁就一直被持有，需要这些锁的其他事务也只能跟着等待。',
      },
      actions: ['lab run 20s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'DECISION-REQUEST', from: 4, to: 2 },
        { kind: 'packet', type: 'GLOBAL-ABORT', absent: true },
        { kind: 'output', contains: 'time 28.055s' },
        { kind: 'output', contains: 'p2: participant, T1 uncertain (voted yes, holding locks, blocked' },
        { kind: 'output', contains: 'T1: blocked (p1,p2,p3 uncertain, holding locks, asking)' },
        { kind: 'output', contains: 'BlockedNotGuessed ok' },
        { kind: 'output', contains: 'Atomicity ok' },
      ],
    },
    {
      narration: {
        en: 'Start c again. Its decisions are on disk, so it knows what it did: its log has T1 begun and undecided — it never sent a commit — so it may safely abort, and it sends GLOBAL-ABORT. The participants roll back and release their locks at last: `T1: aborted`. Only the process that could have decided can end the wait. Had c logged COMMIT before it died, it would send GLOBAL-COMMIT now instead: the outcome is always the coordinator\'s, never a guess.',
        'zh-CN': '重新启动 c。它的决定保存在磁盘上，所以它知道自己做过什么：日志里 T1 已开始但未决定——它从未发出提交——因此可以安全地回滚，并发送 GLOBAL-ABORT。参与者终于回滚并释放了锁：`T1: aborted`。只有可能做出决定的那个进程才能结束等待。如果 c 宕机前已经记录了 COMMIT，它现在发送的就是 GLOBAL-COMMIT：结果永远由协调者决定，而不是猜出来的。',
      },
      actions: ['lab start c', 'lab run 2s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'GLOBAL-ABORT', from: 1, to: 2 },
        { kind: 'output', contains: 'c: coordinator, T1 aborted' },
        { kind: 'output', contains: 'p1: participant, T1 aborted (voted yes)' },
        { kind: 'output', contains: 'T1: aborted' },
        { kind: 'output', contains: 'Atomicity ok' },
      ],
    },
    {
      narration: {
        en: 'Now the schedule of the 3PC partition lesson (`3pc-partition`), on 2PC: slow down c\'s next message to p3 by 500 ms, begin T2, and 600 ms later split p3 from the rest. c has every yes vote and commits; its GLOBAL-COMMIT reaches p1 and p2, but the one to p3 is still in flight when the partition drops it. p3 is uncertain, asks, reaches nobody — and blocks, holding its locks. Atomicity is not broken: nobody has aborted T2. In 3PC the same schedule ends differently. This is also how the notes\' data inconsistency (数据不一致) looks in 2PC: only some participants received the commit; they are not wrong, just not all finished.',
        'zh-CN': '现在在 2PC 上运行 3PC 分区那一课（`3pc-partition`）的时间表：把 c 发给 p3 的下一条消息延迟 500 毫秒，开启 T2，600 毫秒后把 p3 与其他节点隔开。c 收齐了 Yes 投票并决定提交；它的 GLOBAL-COMMIT 到达了 p1 和 p2，但发给 p3 的那条还在路上，就被分区丢弃了。p3 处于不确定状态，发出询问却联系不到任何人——于是阻塞，持有锁。原子性没有被破坏：没有人回滚 T2。3PC 在同样的时间表下结局不同。这也是笔记中 2PC“数据不一致”问题的样子：只有部分参与者收到了 Commit 请求；它们并没有出错，只是还没有全部完成。',
      },
      actions: ['lab delay c->p3 500ms', 'begin T2', 'lab run 600ms', 'lab partition c,p1,p2 p3', 'lab run 6s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'GLOBAL-COMMIT', from: 1, to: 2 },
        { kind: 'packet', type: 'GLOBAL-COMMIT', to: 4, absent: true },
        { kind: 'output', contains: 'p1: participant, T2 committed (voted yes)' },
        { kind: 'output', contains: 'p3: participant, T2 uncertain (voted yes, holding locks, blocked' },
        { kind: 'output', contains: 'T2: blocked (p1,p2 committed; p3 uncertain, holding locks, asking)' },
        { kind: 'output', contains: 'Atomicity ok' },
        { kind: 'output', contains: 'BlockedNotGuessed ok' },
      ],
    },
    {
      narration: {
        en: 'Heal the network. c has been sending GLOBAL-COMMIT to p3 again and again (a coordinator resends its decision until every participant ACKs); now one gets through, and p3 commits and releases its locks: `T2: committed`. 2PC paid for safety with waiting; it never lost atomicity.',
        'zh-CN': '恢复网络。c 一直在重发发给 p3 的 GLOBAL-COMMIT（协调者会重发它的决定，直到每个参与者都回复 ACK）；现在终于有一条送达，p3 提交并释放锁：`T2: committed`。2PC 用等待换来了安全；它从未失去原子性。',
      },
      actions: ['lab heal', 'lab run 3s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'GLOBAL-COMMIT', from: 1, to: 4 },
        { kind: 'packet', type: 'ACK', from: 4, to: 1 },
        { kind: 'output', contains: 'p3: participant, T2 committed (voted yes)' },
        { kind: 'output', contains: 'T2: committed' },
        { kind: 'output', contains: 'Atomicity ok' },
      ],
    },
  ],
  challenge: {
    en: 'Begin T3, kill p2 (not c) right after the votes (`lab run 45ms`, `lab kill p2`), wait, and restart it. Is anyone blocked while p2 is down? What does p2 do when it comes back with T3 undecided in its log?',
    'zh-CN': '开启 T3，在投票之后立即杀掉 p2（而不是 c）（`lab run 45ms`、`lab kill p2`），等一会儿再重启它。p2 宕机期间有人阻塞吗？p2 回来时日志里 T3 未决定，它会怎么做？',
  },
};
