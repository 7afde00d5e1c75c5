import type { Lesson } from './types.ts';

/**
 * The bug museum's commitWithoutQuorum switch (src/protocol/bugs.ts): a leader that commits without a
 * quorum of ACKs loses a write it acknowledged — the reason ZAB waits for 过半.
 */
export const quorumBug: Lesson = {
  id: 'quorum-bug',
  title: { en: 'Bug museum: committing without a quorum', 'zh-CN': '故障博物馆：不等过半就提交' },
  ensemble: 'voters=3&seed=1&bugs=commitWithoutQuorum',
  steps: [
    {
      narration: {
        en: 'This ensemble runs with a deliberate bug: the leader commits a proposal as soon as it has logged it, without waiting for ACKs. Connect to the leader zk3 and isolate it from zk1 and zk2. The write "succeeds": the client is told Created, although no other server has it.',
        'zh-CN': '这个集群故意带着一个缺陷运行：Leader 记录提议后立即提交，不等任何 ACK。连接到 Leader zk3，并把它与 zk1、zk2 隔开。写入“成功”了：客户端收到 Created，尽管没有任何其他服务器持有它。',
      },
      actions: ['lab run 3s', 'connect zk3:2181', 'lab partition 1,2 3', 'create /acked x'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'output', contains: 'Created /acked' },
      ],
    },
    {
      narration: {
        en: 'zk1 and zk2 are a majority. They stop hearing zk3, elect a new leader in epoch 2, and carry on without /acked. When the network heals zk3 must follow it and is truncated to the new leader\'s history: a write the client was told succeeded is gone. The client that was told Created has even seen a zxid no server has any more: every server refuses its session ("client must try another server"), so its reads fail with ConnectionLoss forever; a new session (console 2) finds no /acked. With the real rule the leader would have waited for a quorum of ACKs, and any later quorum would have contained a server holding the write.',
        'zh-CN': 'zk1 和 zk2 是多数派。它们收不到 zk3 的消息，以 epoch 2 选出新的 Leader，在没有 /acked 的情况下继续工作。网络恢复后 zk3 只能跟随它，并被截断为新 Leader 的历史：客户端被告知成功的写入消失了。那个收到 Created 的客户端甚至见过一个任何服务器都已不再拥有的 zxid：每台服务器都会拒绝它的会话（“client must try another server”），它的读请求只能一直得到 ConnectionLoss；新的会话（控制台 2）则找不到 /acked。按照正确的规则，Leader 会等待过半的 ACK，而之后任何一个过半集合都必然包含持有这次写入的服务器。',
      },
      actions: ['lab run 25s', 'lab heal', 'lab run 10s', 'lab status', 'get /acked', '@2 get /acked'],
      checks: [
        { kind: 'state', server: 3, is: 'FOLLOWING' },
        { kind: 'packet', type: 'TRUNC', to: 3 },
        { kind: 'output', contains: 'KeeperErrorCode = ConnectionLoss for /acked' },
        { kind: 'output', contains: 'Node does not exist: /acked' },
      ],
    },
  ],
  challenge: {
    en: 'Open the same ensemble without `bugs=` and repeat both steps. What does the client see instead of Created, and is anything lost after the heal?',
    'zh-CN': '去掉 `bugs=` 打开同样的集群，重复这两步。客户端看到的不再是 Created，而是什么？网络恢复后有没有丢失数据？',
  },
};
