import type { Lesson } from './types.ts';

/** ZooKeeper in five minutes (notes 000–002): znodes, Stat, sessions and the console. */
export const zkInFiveMinutes: Lesson = {
  id: 'zk-in-five-minutes',
  title: { en: 'ZooKeeper in five minutes', 'zh-CN': '五分钟认识 ZooKeeper' },
  ensemble: 'voters=3&seed=1',
  steps: [
    {
      narration: {
        en: 'Three servers start together and elect a leader. `lab status` shows each server\'s role: one LEADING, two FOLLOWING. Only once a leader exists does the ensemble serve clients. The console below is a zkCli connected to zk1: lines that start with `lab` drive the lab, everything else is a ZooKeeper 3.8 command.',
        'zh-CN': '三台服务器同时启动并选出一个 Leader。`lab status` 列出每台服务器的角色：一台 LEADING，两台 FOLLOWING。只有选出 Leader 之后，集群才对外提供服务。下面的控制台是连接到 zk1 的 zkCli：以 `lab` 开头的命令操控实验环境，其余都是 ZooKeeper 3.8 的原生命令。',
      },
      actions: ['lab run 3s', 'lab status'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'output', contains: 'zk1 FOLLOWING leader=zk3' },
      ],
    },
    {
      narration: {
        en: 'ZooKeeper stores a tree of znodes, like a small file system whose every node can hold data. Create /app and read it back with its Stat: cZxid is the transaction that created it (epoch 1, counter 2 — opening the console\'s session was transaction 1), dataVersion counts its changes, ephemeralOwner 0x0 means it is a persistent node.',
        'zh-CN': 'ZooKeeper 保存的是一棵 znode 树，好比一个小型文件系统，只是每个节点都可以存放数据。创建 /app，再连同 Stat 一起读出来：cZxid 是创建它的事务（epoch 1，计数 2——打开控制台会话本身是第 1 个事务），dataVersion 记录它被修改的次数，ephemeralOwner 为 0x0 说明这是持久节点。',
      },
      actions: ['create /app hello', 'get -s /app'],
      checks: [
        { kind: 'output', contains: 'Created /app' },
        { kind: 'output', contains: 'cZxid = 0x100000002' },
        { kind: 'output', contains: 'dataVersion = 0' },
      ],
    },
    {
      narration: {
        en: 'Change the data. The write is a new transaction, so mZxid moves on to 0x100000003 while cZxid stays, and dataVersion becomes 1. Versions let a client do compare-and-set: `set -v 1 /app …` only succeeds if nobody changed the node in between.',
        'zh-CN': '修改数据。这次写入是一个新的事务，所以 mZxid 前进到 0x100000003，而 cZxid 不变，dataVersion 变成 1。借助版本号，客户端可以做“比较并设置”：`set -v 1 /app …` 只有在期间没有别人修改过该节点时才会成功。',
      },
      actions: ['set /app world', 'stat /app'],
      checks: [
        { kind: 'output', contains: 'mZxid = 0x100000003' },
        { kind: 'output', contains: 'dataVersion = 1' },
      ],
    },
    {
      narration: {
        en: 'Two more node types. A sequential node (顺序节点) gets a ten-digit counter appended by its parent; an ephemeral node (临时节点) belongs to the session (会话) that created it — its ephemeralOwner is that session id. Close the session, reconnect to zk2, and list the root: /eph is gone, /app is still there.',
        'zh-CN': '再看两种节点类型。顺序节点的名字后面会由父节点追加一个十位计数器；临时节点属于创建它的会话——它的 ephemeralOwner 就是该会话的 id。关闭会话，重新连接到 zk2，列出根目录：/eph 已经消失，/app 仍然存在。',
      },
      actions: ['create -s /app/job- a', 'create -e /eph x', 'stat /eph', 'close', 'connect zk2:2181', 'ls /'],
      checks: [
        { kind: 'output', contains: 'Created /app/job-0000000000' },
        { kind: 'output', contains: 'ephemeralOwner = 0x1' },
        { kind: 'output', contains: '[app, zookeeper]' },
      ],
    },
  ],
  challenge: {
    en: 'Using only zkCli, make /app reach dataVersion 3, then make a `set -v` with a stale version fail. Which zxid does /app\'s mZxid show, and why is it not 0x100000004?',
    'zh-CN': '只用 zkCli，让 /app 的 dataVersion 达到 3，然后用一个过期的版本号执行 `set -v`，让它失败。此时 /app 的 mZxid 是多少？为什么不是 0x100000004？',
  },
};
