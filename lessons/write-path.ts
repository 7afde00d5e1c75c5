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
    {
      narration: {
        en: 'Every write ends up as a transaction (事务) in each server\'s transaction log (事务日志) on disk. Start zk1 and zk2 again, open a new session on zk1, create /w4, try to create it once more, then print the logs of zk1 and zk3 with `lab txnlog` — the lines ZooKeeper\'s TxnLogToolkit prints for a log file. The two logs are identical: the same txns with the same zxids in the same order. Sessions are txns too: createSession when one opens, closeSession when one closes (each `connect` closed the console\'s previous session). The failed create is a txn of its own, `error -110` (NodeExists) at zxid 0x200000004: the leader proposes a failing write like any other. And /w3, which ended in ConnectionLoss, is there at 0x100000006: nothing commits without a majority, but zk3 had logged the proposal before it lost its quorum, won the next election with the newest zxid and committed it when epoch 2 began — ConnectionLoss means "unknown", not "failed". zk1 and zk2 were killed, yet their logs survived, and the leader\'s DIFF filled in what they had missed. A restarting server loads its latest snapshot (快照) and replays the log after it.',
        'zh-CN': '每一次写入最终都会成为每台服务器磁盘上事务日志里的一条事务。重新启动 zk1 和 zk2，在 zk1 上打开一个新会话，创建 /w4，再创建一次，然后用 `lab txnlog` 打印 zk1 和 zk3 的事务日志——也就是 ZooKeeper 的 TxnLogToolkit 查看日志文件时打印的内容。两份日志完全相同：同样的事务、同样的 zxid、同样的顺序。会话也是事务：会话创建时记录 createSession，关闭时记录 closeSession（每次 `connect` 都关闭了控制台之前的会话）。失败的 create 也是一条独立的事务：`error -110`（NodeExists），有自己的 zxid 0x200000004——Leader 对失败的写请求也像对其他写请求一样发起 Proposal。上一步以 ConnectionLoss 结束的 /w3 也在日志里（0x100000006）：没有过半就不会提交，但 zk3 在失去过半之前已经把这个 Proposal 写进了事务日志，随后凭最新的 zxid 再次当选，并在 epoch 2 开始时提交了它——ConnectionLoss 的意思是“结果未知”，而不是“失败”。zk1 和 zk2 都被杀掉过，但它们的事务日志还在，Leader 通过 DIFF 补上了它们错过的事务。服务器重启时，先加载最新的快照，再重放快照之后的事务日志。',
      },
      actions: ['lab start 1 2', 'lab run 5s', 'connect zk1:2181', 'create /w4 four', 'create /w4 again', 'lab txnlog 1', 'lab txnlog 3'],
      // Each check is the exact end of one log line (from cxid or zxid on): the time and the
      // session id at the start of a line depend on when the learner acts (the clock runs while
      // they read), the rest does not.
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'packet', type: 'DIFF', from: 3, to: 2 },
        { kind: 'output', contains: "zxid 0x100000006 create /w3,three,[31,s{'world,'anyone}" },
        { kind: 'output', contains: 'zxid 0x200000001 closeSession v{}' },
        { kind: 'output', contains: 'cxid 0x0 zxid 0x200000002 createSession 30000' },
        { kind: 'output', contains: 'cxid 0x2 zxid 0x200000004 error -110' },
        { kind: 'output', contains: 'EOF reached after 10 txns.' },
      ],
    },
  ],
  challenge: {
    en: 'Open an ensemble of five voters (voters=5). How many servers can you kill while `create` still succeeds? Find the exact number and show the packet log of the last successful write.',
    'zh-CN': '打开一个有五个投票者的集群（voters=5）。最多杀掉几台服务器，`create` 仍然能成功？找出确切的数字，并展示最后一次成功写入的报文日志。',
  },
};
