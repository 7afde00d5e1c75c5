import type { Lesson } from './types.ts';

/** Consistency (notes 004 §11.3): a stale read from a lagging follower, and `sync`. */
export const consistencySync: Lesson = {
  id: 'consistency-sync',
  title: { en: 'Consistency: stale reads and sync', 'zh-CN': '一致性：过期读与 sync' },
  ensemble: 'voters=3&seed=15',
  steps: [
    {
      narration: {
        en: 'Writes are linearizable, reads are not: a server answers reads from its own copy. Slow the link from the leader zk3 to zk1 by 3 s. Console 2, on zk2, changes /x to "new" — zk2 and zk3 are a quorum, so it commits at once. Console 1, on zk1, still reads "old": zk1 has not received the COMMIT yet. ZooKeeper promises sequential consistency per client, not that every server is up to date at every moment.',
        'zh-CN': '写是线性一致的，读不是：服务器用自己的数据副本回答读请求。把 Leader zk3 到 zk1 的链路延迟 3 秒。连接 zk2 的控制台 2 把 /x 改为 "new"——zk2 和 zk3 已经过半，写入立即提交。连接 zk1 的控制台 1 读到的仍是 "old"：zk1 还没收到 COMMIT。ZooKeeper 保证的是每个客户端的顺序一致性，而不是每台服务器时时刻刻都是最新的。',
      },
      actions: ['lab run 3s', 'create /x old', 'lab delay 3->1 3s', '@2 connect zk2:2181', '@2 set /x new', '@2 get /x', 'get /x'],
      checks: [
        { kind: 'output', contains: 'new' },
        { kind: 'output', contains: 'old' },
      ],
    },
    {
      narration: {
        en: '`sync` sends a SYNC through zk1 to the leader. The leader\'s answer travels on the same FIFO connection as the COMMIT zk1 is still missing, so it arrives after it: when "Sync is OK" prints, zk1 has applied every write committed before the sync, and the next read returns "new".',
        'zh-CN': '`sync` 经由 zk1 向 Leader 发送 SYNC。Leader 的应答与 zk1 尚未收到的 COMMIT 走同一条 FIFO 连接，因此排在它后面到达：打印 "Sync is OK" 时，zk1 已经应用了 sync 之前提交的所有写入，下一次读取返回 "new"。',
      },
      actions: ['sync /x', 'get /x'],
      checks: [
        { kind: 'output', contains: 'Sync is OK' },
        { kind: 'output', contains: 'new' },
      ],
    },
  ],
  challenge: {
    en: 'Cut zk3->zk1 one way (`lab cut 3->1`) instead of delaying it, write through zk2, and read on zk1. What does `sync` do now, and what happens to zk1 if the link stays cut?',
    'zh-CN': '不用延迟，而是单向切断 zk3->zk1（`lab cut 3->1`），通过 zk2 写入，再在 zk1 上读取。这时 `sync` 会怎样？如果链路一直不恢复，zk1 会怎样？',
  },
};
