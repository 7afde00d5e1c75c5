import type { Lesson } from './types.ts';

/**
 * Leader crash and re-election (notes 004 §9.3 second half, §11.7, §11.8): epochs and the zxid's
 * two halves, and what a restarted old leader becomes.
 */
export const leaderCrash: Lesson = {
  id: 'leader-crash',
  title: { en: 'Leader crash: re-election, epochs and the zxid', 'zh-CN': 'Leader 崩溃：重新选举、epoch 与 zxid' },
  ensemble: 'voters=3&seed=4',
  steps: [
    {
      narration: {
        en: 'Three servers elect zk3. Write two znodes: each write is a transaction with a zxid whose high 32 bits are the epoch (1) and whose low 32 bits count transactions in that epoch (the console\'s own session is the first one).',
        'zh-CN': '三台服务器选出 zk3。写入两个 znode：每次写入都是一个事务，它的 zxid 高 32 位是 epoch（1），低 32 位是该 epoch 内的事务计数（控制台自己的会话是第一个事务）。',
      },
      actions: ['lab run 3s', 'create /a 1', 'create /b 2', 'stat /b'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'output', contains: 'cZxid = 0x100000003' },
      ],
    },
    {
      narration: {
        en: 'Kill the leader. Its followers notice at once (their connection to it closes), go LOOKING, and start a new election round (logicalclock 2). zk2 wins: same zxid, higher sid. In ZAB\'s discovery phase the new leader proposes epoch 2 = the highest acceptedEpoch of a quorum + 1, so its Zxid becomes 0x200000000. Until then nobody serves: zk1 closes its clients’ connections when it goes LOOKING, so the console\'s session sees Disconnected and reconnects once zk1 follows the new leader — here a fraction of a second; in production, with real timeouts, often seconds (a cost the notes list among ZooKeeper\'s problems in use).',
        'zh-CN': '杀掉 Leader。Follower 立即察觉（与它的连接断开），进入 LOOKING，开始新一轮选举（logicalclock 为 2）。zk2 胜出：zxid 相同，sid 更大。在 ZAB 的发现阶段，新 Leader 提出的 epoch 为过半服务器中最大的 acceptedEpoch 加 1，即 2，所以它的 Zxid 变为 0x200000000。在此之前没有任何服务器提供服务：zk1 进入 LOOKING 时会关闭客户端连接，所以控制台的会话先看到 Disconnected，等 zk1 跟随新 Leader 后再重新连上——这里不到一秒；在生产环境中，真实的超时往往让它持续数秒（笔记把它列为 ZooKeeper 使用中的问题之一）。',
      },
      actions: ['lab kill 3', 'lab run 3s', 'lab 4lw 2 srvr'],
      checks: [
        { kind: 'state', server: 2, is: 'LEADING' },
        { kind: 'epoch', server: 2, is: 2 },
        { kind: 'output', contains: 'Zxid: 0x200000000' },
        { kind: 'output', contains: 'WatchedEvent state:Disconnected type:None path:null' },
        { kind: 'output', contains: 'WatchedEvent state:SyncConnected type:None path:null' },
      ],
    },
    {
      narration: {
        en: 'Restart the old leader. It does not win back leadership: it starts LOOKING, hears FOLLOWING and LEADING votes for zk2, follows zk2 and is synchronized (here by DIFF: it has everything that was committed).',
        'zh-CN': '重启旧 Leader。它不会夺回领导权：它以 LOOKING 启动，收到投给 zk2 的 FOLLOWING 和 LEADING 选票，于是跟随 zk2，并被同步（这里是 DIFF：已提交的事务它都有）。',
      },
      actions: ['lab start 3', 'lab run 3s'],
      checks: [
        { kind: 'state', server: 3, is: 'FOLLOWING' },
        { kind: 'packet', type: 'DIFF', to: 3 },
      ],
    },
  ],
  challenge: {
    en: 'Make a write reach only the leader, then kill it and bring it back: which sync packet does it receive, and what happens to that write?',
    'zh-CN': '让一次写入只到达 Leader，然后杀掉它再重启：它会收到哪种同步包？那次写入会怎样？',
  },
};
