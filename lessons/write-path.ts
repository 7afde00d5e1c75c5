import type { Lesson } from './types.ts';

/** The write path (notes 004 §9.2, 消息广播): REQUEST, PROPOSAL, ACK, COMMIT, and why a quorum. */
export const writePath: Lesson = {
  id: 'write-path',
  title: { en: 'The write path: PROPOSAL, ACK, COMMIT', 'zh-CN': '写请求的路径：PROPOSAL、ACK、COMMIT' },
  ensemble: 'voters=3&seed=2',
  steps: [
    {
      narration: {
        en: 'The console talks to zk1, a follower. A follower cannot write by itself: it forwards the create to the leader zk3 as a REQUEST. The leader turns it into a transaction Proposal (事务 Proposal) with the next zxid, logs it, and sends PROPOSAL to every follower. Each follower logs it and answers ACK. With its own vote plus one ACK the leader has 2 of 3 — more than half (过半) — and sends COMMIT. This is ZAB\'s message broadcast (消息广播).',
        'zh-CN': '控制台连接的是 Follower zk1。Follower 不能自己完成写入：它把 create 以 REQUEST 的形式转发给 Leader zk3。Leader 把它变成带有下一个 zxid 的事务 Proposal，写入日志，再把 PROPOSAL 发给每个 Follower。Follower 记录日志后回复 ACK。Leader 自己的一票加上一个 ACK 就是三分之二，已经过半，于是发送 COMMIT。这就是 ZAB 的消息广播。',
      },
      actions: ['lab run 3s', 'create /w one', 'lab log PROPOSAL ACK COMMIT'],
      checks: [
        { kind: 'packet', type: 'REQUEST', from: 1, to: 3 },
        { kind: 'packet', type: 'PROPOSAL', from: 3, to: 1 },
        { kind: 'packet', type: 'ACK', from: 2, to: 3 },
        { kind: 'packet', type: 'COMMIT', from: 3, to: 1 },
        { kind: 'output', contains: 'Created /w' },
      ],
    },
    {
      narration: {
        en: 'Kill follower zk2 and write again. The leader still collects its own vote and zk1\'s ACK: 2 of 3, a quorum, so the write commits and the client gets its answer. Waiting for everyone would let one slow or dead server stop all writes; waiting for a majority keeps going while guaranteeing that any later majority overlaps this one in at least one server that has the write. (The console then moves to zk3, the leader, for the next step.)',
        'zh-CN': '杀掉 Follower zk2，再写一次。Leader 仍然拥有自己的一票和 zk1 的 ACK：三分之二，过半，所以写入被提交，客户端收到应答。如果要等所有服务器，一台慢的或宕机的服务器就能让所有写入停下来；只等过半，既能继续工作，又能保证以后任何一个过半集合都至少和这次有一台服务器重叠，而那台服务器持有这次写入。（随后控制台改为连接 Leader zk3，为下一步做准备。）',
      },
      actions: ['lab kill 2', 'create /w2 two', 'connect zk3:2181', 'get /w2'],
      checks: [
        { kind: 'state', server: 2, is: 'DOWN' },
        { kind: 'packet', type: 'ACK', from: 1, to: 3 },
        { kind: 'output', contains: 'Created /w2' },
      ],
    },
    {
      narration: {
        en: 'Now kill zk1 as well. The leader is alone: 1 of 3 is not a quorum. It cannot commit anything, and within syncLimit it notices that no quorum of followers is with it and stops LEADING. The client\'s create never gets a reply and ends in ConnectionLoss: without a majority there is no write at all.',
        'zh-CN': '现在把 zk1 也杀掉。Leader 只剩自己：三分之一没有过半。它无法提交任何事务，并在 syncLimit 内发现已没有过半的 Follower 跟随自己，于是不再 LEADING。客户端的 create 得不到应答，最终以 ConnectionLoss 结束：没有过半，就没有写入。',
      },
      actions: ['lab kill 1', 'create /w3 three'],
      checks: [
        { kind: 'state', server: 3, is: 'LOOKING' },
        { kind: 'packet', type: 'COMMIT', from: 3, absent: true },
        { kind: 'output', contains: 'ConnectionLoss' },
      ],
    },
  ],
  challenge: {
    en: 'Open an ensemble of five voters (voters=5). How many servers can you kill while `create` still succeeds? Find the exact number and show the packet log of the last successful write.',
    'zh-CN': '打开一个有五个投票者的集群（voters=5）。最多杀掉几台服务器，`create` 仍然能成功？找出确切的数字，并展示最后一次成功写入的报文日志。',
  },
};
