import type { Lesson } from './types.ts';

/**
 * Observers (notes 004 §9; notes 001 §1: add them when read load calls for it, not up front): they
 * scale reads, not writes, and never vote. The lab starts with voters only and adds the observers
 * while it runs (ZooKeeper 3.5+ dynamic reconfiguration), as an operator would.
 */
export const observers: Lesson = {
  id: 'observers',
  title: { en: 'Observers: reads scale, writes do not', 'zh-CN': 'Observer：读可以扩展，写不能' },
  // reconfigEnabled is false by default in 3.8; the super digest makes `addauth digest super:admin` a super user.
  ensemble: 'voters=3&seed=14&reconfigEnabled=true&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=',
  steps: [
    {
      narration: {
        en: 'Three voters elect zk3 and serve the clients. Observers are not something to configure up front: you add them when reads outgrow the servers you have. So add two to the running ensemble. `lab add observer` starts zk4, then zk5, each with an empty disk and a zoo.cfg listing the voters and itself; a super user (`addauth digest super:admin`) then runs `reconfig -add` for both, a transaction committed through ZAB that makes them observers. The ensemble, its data and its sessions stay as they were. The observers take no part in the vote: they connect to the leader and say OBSERVING, and `srvr` on zk4 answers Mode: observer.',
        'zh-CN': '三个投票者选出 zk3 并为客户端服务。Observer 不必一开始就配置好：等读请求超出现有服务器的能力时再添加。下面就给运行中的集群加两个。`lab add observer` 先后启动 zk4 和 zk5，它们的磁盘是空的，zoo.cfg 中列出投票者和它自己；然后超级用户（`addauth digest super:admin`）对这两台执行 `reconfig -add`，这是一个经 ZAB 提交的事务，提交后它们成为 Observer。集群、数据和会话都保持原样。Observer 不参与投票：它们连接到 Leader，状态为 OBSERVING；在 zk4 上执行 `srvr`，Mode 显示为 observer。',
      },
      actions: [
        'lab run 3s',
        'lab add observer',
        'lab add observer',
        'lab run 1s',
        'addauth digest super:admin',
        'reconfig -add server.4=zk4:2888:3888:observer;zk4:2181,server.5=zk5:2888:3888:observer;zk5:2181',
        'lab run 1s',
        'lab 4lw 4 srvr',
      ],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'state', server: 4, is: 'OBSERVING' },
        { kind: 'state', server: 5, is: 'OBSERVING' },
        { kind: 'packet', type: 'SNAP', from: 3, to: 4 },
        { kind: 'output', contains: 'server.5=zk5:2888:3888:observer;zk5:2181' },
        { kind: 'output', contains: 'Mode: observer' },
      ],
    },
    {
      narration: {
        en: 'Connect to observer zk4 and write. zk4 forwards the REQUEST to the leader, which sends PROPOSAL only to the voters and waits for a quorum of their ACKs. Observers never ACK; once the write is committed they receive it as a single INFORM packet. Adding observers adds no work to the quorum, but every write still goes through the one leader: writes do not scale.',
        'zh-CN': '连接到 Observer zk4 并写入。zk4 把 REQUEST 转发给 Leader，Leader 只把 PROPOSAL 发给投票者，并等待它们过半的 ACK。Observer 从不 ACK；事务提交后，它们以一个 INFORM 报文收到它。增加 Observer 不会加重过半投票的负担，但每次写入仍要经过唯一的 Leader：写能力无法扩展。',
      },
      actions: ['connect zk4:2181', 'create /o observed', 'lab run 500ms'],
      checks: [
        { kind: 'packet', type: 'REQUEST', from: 4, to: 3 },
        { kind: 'packet', type: 'PROPOSAL', from: 3, to: 1 },
        { kind: 'packet', type: 'INFORM', from: 3, to: 4 },
        { kind: 'packet', type: 'INFORM', from: 3, to: 5 },
        { kind: 'packet', type: 'PROPOSAL', to: 4, absent: true },
        { kind: 'packet', type: 'ACK', from: 4, absent: true },
        { kind: 'output', contains: 'Created /o' },
      ],
    },
    {
      narration: {
        en: 'Reads are answered by the server the client is connected to, from its own copy of the tree: the observer serves `get` without asking anyone. More observers, more servers to spread readers over — reads scale.',
        'zh-CN': '读请求由客户端所连接的服务器用自己的数据副本直接应答：Observer 处理 `get` 时不需要询问任何人。Observer 越多，能分担读请求的服务器就越多——读可以扩展。',
      },
      actions: ['get /o', 'lab 4lw 4 stat'],
      checks: [
        { kind: 'output', contains: 'observed' },
        { kind: 'output', contains: 'Mode: observer' },
      ],
    },
    {
      narration: {
        en: 'Kill voters zk1 and zk2. Three of five servers still run, but only voters count: 1 of 3 voters is no quorum. The leader steps down, the observers lose it and go LOOKING, and nobody serves — observers add no fault tolerance.',
        'zh-CN': '杀掉投票者 zk1 和 zk2。五台服务器中还有三台在运行，但只有投票者才算数：三个投票者中只剩一个，不过半。Leader 退位，Observer 失去 Leader 后进入 LOOKING，没有人提供服务——Observer 不增加容错能力。',
      },
      actions: ['lab kill 1', 'lab kill 2', 'lab run 5s', 'lab 4lw 4 srvr'],
      checks: [
        { kind: 'state', server: 3, is: 'LOOKING' },
        { kind: 'state', server: 4, is: 'LOOKING' },
        { kind: 'output', contains: 'This ZooKeeper instance is not currently serving requests' },
      ],
    },
  ],
  challenge: {
    en: 'Restart one voter so that the observers serve again. Which servers must be running, and would starting only zk1 and the two observers ever be enough?',
    'zh-CN': '重启一个投票者，让 Observer 重新提供服务。哪些服务器必须在运行？只启动 zk1 和两个 Observer 够不够？',
  },
};
