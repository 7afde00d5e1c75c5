import type { Lesson } from './types.ts';

/** Observers (notes 004 §9): they scale reads, not writes, and never vote. */
export const observers: Lesson = {
  id: 'observers',
  title: { en: 'Observers: reads scale, writes do not', 'zh-CN': 'Observer：读可以扩展，写不能' },
  ensemble: 'voters=3&observers=2&seed=14',
  steps: [
    {
      narration: {
        en: 'Three voters and two observers, zk4 and zk5. The voters elect zk3; the observers take no part in the vote, they just connect to the leader and say OBSERVING. `srvr` on zk4 answers Mode: observer.',
        'zh-CN': '三个投票者加两个 Observer：zk4 和 zk5。投票者选出 zk3；Observer 不参与投票，只是连接到 Leader，状态为 OBSERVING。在 zk4 上执行 `srvr`，Mode 显示为 observer。',
      },
      actions: ['lab run 3s', 'lab 4lw 4 srvr'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'state', server: 4, is: 'OBSERVING' },
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
