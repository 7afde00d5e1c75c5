import type { Lesson } from './types.ts';

/** Recovery (notes 004 §9.3, 崩溃恢复): how a leader synchronizes a learner — DIFF, SNAP, TRUNC. */
export const recoverySync: Lesson = {
  id: 'recovery-sync',
  title: { en: 'Recovery: DIFF, SNAP and TRUNC', 'zh-CN': '崩溃恢复：DIFF、SNAP 与 TRUNC' },
  // Keep only 5 committed proposals in memory and never sync from the txn log, so the window alone decides.
  ensemble: 'voters=3&seed=12&commitLogCount=5&snapshotSizeFactorPct=0',
  steps: [
    {
      narration: {
        en: 'zk3 leads. Kill follower zk1, write three znodes through zk2, and restart zk1. When it reconnects it tells the leader its last zxid (FOLLOWERINFO / ACKEPOCH). The leader keeps the last few committed proposals in memory (here 5); zk1\'s zxid is still inside that window, so the leader sends DIFF followed by the missing PROPOSAL/COMMIT pairs.',
        'zh-CN': 'zk3 是 Leader。杀掉 Follower zk1，通过 zk2 写入三个 znode，再重启 zk1。zk1 重新连接时把自己最后的 zxid 告诉 Leader（FOLLOWERINFO / ACKEPOCH）。Leader 在内存中保留最近若干个已提交的提议（这里是 5 个）；zk1 的 zxid 仍在这个窗口内，所以 Leader 发送 DIFF，随后补发缺失的 PROPOSAL/COMMIT。',
      },
      actions: ['lab run 3s', 'create /a 1', 'lab kill 1', 'connect zk2:2181', 'create /b 1', 'create /c 1', 'create /d 1', 'lab start 1', 'lab run 3s'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'packet', type: 'DIFF', from: 3, to: 1 },
        { kind: 'state', server: 1, is: 'FOLLOWING' },
      ],
    },
    {
      narration: {
        en: 'Do it again, but let zk1 miss eight writes. Its last zxid has now fallen out of the leader\'s window, so a diff is impossible: the leader sends SNAP, a whole snapshot of its DataTree, and zk1 replaces its state with it.',
        'zh-CN': '再来一次，但这次让 zk1 错过八次写入。它最后的 zxid 已经落到 Leader 的窗口之外，无法做差量同步：Leader 发送 SNAP，即整个 DataTree 的快照，zk1 用它替换自己的状态。',
      },
      actions: ['lab kill 1', 'create /e 1', 'create /f 1', 'create /g 1', 'create /h 1', 'create /i 1', 'create /j 1', 'create /k 1', 'create /l 1', 'lab start 1', 'lab run 3s'],
      checks: [
        { kind: 'packet', type: 'SNAP', from: 3, to: 1 },
        { kind: 'state', server: 1, is: 'FOLLOWING' },
      ],
    },
    {
      narration: {
        en: 'Now the opposite case: a server that has too much. Connect to the leader zk3 and cut its links towards both followers, then write. zk3 logs the proposal, but nobody receives it, so it is never committed; the client ends with ConnectionLoss. The followers stop hearing the leader, elect zk2 with a new epoch, and zk3 steps down. When the links heal, zk3 follows zk2, and because its log holds a transaction the new leader never had, zk2 sends TRUNC: zk3 cuts its log back to the last committed zxid, and /lost is gone everywhere.',
        'zh-CN': '再看相反的情况：服务器的数据比 Leader 多。连接到 Leader zk3，切断它发往两个 Follower 的链路，然后写入。zk3 记录了提议，但没有人收到，所以它永远不会被提交；客户端以 ConnectionLoss 结束。Follower 收不到 Leader 的消息，用新的 epoch 选出 zk2，zk3 也退位。链路恢复后 zk3 跟随 zk2；由于它的日志里有新 Leader 从未有过的事务，zk2 发送 TRUNC：zk3 把日志截断到最后一个已提交的 zxid，/lost 在所有服务器上都不存在。',
      },
      actions: ['connect zk3:2181', 'lab cut 3->1', 'lab cut 3->2', 'create /lost x', 'lab heal', 'lab run 10s', 'get /lost'],
      checks: [
        { kind: 'output', contains: 'ConnectionLoss' },
        { kind: 'state', server: 2, is: 'LEADING' },
        { kind: 'packet', type: 'TRUNC', from: 2, to: 3 },
        { kind: 'output', contains: 'Node does not exist: /lost' },
      ],
    },
  ],
  challenge: {
    en: 'Make zk1 miss exactly five writes. Does it get DIFF or SNAP? Predict first, then check with `lab log DIFF SNAP TRUNC`.',
    'zh-CN': '让 zk1 恰好错过五次写入。它会收到 DIFF 还是 SNAP？先预测，再用 `lab log DIFF SNAP TRUNC` 验证。',
  },
};
