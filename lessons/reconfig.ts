import type { Lesson } from './types.ts';

/**
 * Dynamic reconfiguration (ZooKeeper 3.5+, notes 004 §3.5 动态增减集群节点; notes 001 §1 on when to
 * add observers): servers join and leave a running ensemble through `reconfig`, a transaction of
 * its own. Five voters, so that after removing a follower and then the leader three voters remain.
 */
export const reconfig: Lesson = {
  id: 'reconfig',
  title: {
    en: 'Dynamic reconfiguration: add observers, remove a voter, remove the leader',
    'zh-CN': '动态重配置：添加 Observer、移除投票者、移除 Leader',
  },
  // reconfigEnabled is false by default in 3.8; the super digest makes `addauth digest super:admin` a super user.
  ensemble: 'voters=5&seed=14&reconfigEnabled=true&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=',
  steps: [
    {
      narration: {
        en: 'Five voters elect zk5. This lab runs with `reconfigEnabled=true` (ZooKeeper 3.8 ships with it off), so the membership is data: `config` prints the dynamic configuration, one `server.N=host:quorumPort:electionPort:role;clientAddress` line per server, and its `version`, here 100000000. Console 1 writes /app; consoles 2 and 3 `connect` to zk2 and zk3 and read it there. These three clients are the read load that keeps running through the lesson.',
        'zh-CN': '五个投票者选出 zk5。这个实验打开了 `reconfigEnabled=true`（ZooKeeper 3.8 默认关闭），于是集群成员本身就是数据：`config` 打印动态配置，每台服务器一行 `server.N=主机:通信端口:选举端口:角色;客户端地址`，最后是它的 `version`，这里是 100000000。控制台 1 写入 /app；控制台 2 和 3 分别 `connect` 到 zk2、zk3 并在那里读取。这三个客户端就是贯穿整节课的读负载。',
      },
      actions: ['lab run 3s', 'config', 'create /app v1', '@2 connect zk2:2181', '@2 get /app', '@3 connect zk3:2181', '@3 get /app'],
      checks: [
        { kind: 'state', server: 5, is: 'LEADING' },
        { kind: 'output', contains: 'server.5=zk5:2888:3888:participant;zk5:2181' },
        { kind: 'output', contains: 'version=100000000' },
        { kind: 'output', contains: 'v1' },
      ],
    },
    {
      narration: {
        en: 'Reads grow, so add observers — that is when they are worth having, rather than configured up front. First the operator starts two new servers, zk6 and zk7 (`lab add observer`): each has an empty disk and a zoo.cfg listing the five voters and itself. They find the leader and sync — SNAP, since they hold nothing — then learn the ensemble\'s newer configuration, which does not name them yet, and stay on as non-voting followers (FOLLOWERINFO, a DIFF). Then a super user (`addauth digest super:admin`) runs one `reconfig -add` for both. The reconfig is a transaction proposed and committed through ZAB; on commit the leader sends COMMITANDACTIVATE to its followers, zk6 and zk7 included, which now read that they are observers and reconnect as such (OBSERVERINFO, a DIFF). The new `version` is the zxid of that transaction, the same as the leader\'s Zxid. Consoles 2 and 3 kept reading all along: no Disconnected, no new session.',
        'zh-CN': '读请求越来越多，这时再添加 Observer——Observer 应当在需要提升集群服务能力时再扩展，而不是一开始就配置好。运维先启动两台新服务器 zk6 和 zk7（`lab add observer`）：磁盘是空的，zoo.cfg 中列出五个投票者和它自己。它们找到 Leader 并同步——什么数据都没有，所以是 SNAP——随后得知集群更新的配置（其中还没有它们），于是作为不投票的 Follower 留下（FOLLOWERINFO，一次 DIFF）。然后超级用户（`addauth digest super:admin`）用一条 `reconfig -add` 同时加入这两台。重配置本身是一个事务 Proposal，经 ZAB 过半提交；提交后 Leader 向它的 Follower 发送 COMMITANDACTIVATE，zk6 和 zk7 也在其中，它们读到自己现在是 Observer，于是以 Observer 身份重新连接（OBSERVERINFO，一次 DIFF）。新的 `version` 就是这个事务的 zxid，与 Leader 的 Zxid 相同。控制台 2 和 3 一直在读：没有 Disconnected，会话也没有换。',
      },
      actions: [
        'lab add observer',
        'lab add observer',
        '@2 get /app',
        '@3 get /app',
        'lab run 1s',
        'addauth digest super:admin',
        'reconfig -add server.6=zk6:2888:3888:observer;zk6:2181,server.7=zk7:2888:3888:observer;zk7:2181',
        '@2 get /app',
        '@3 get /app',
        'lab run 1s',
        'lab 4lw 5 srvr',
      ],
      checks: [
        { kind: 'packet', type: 'SNAP', from: 5, to: 6 },
        { kind: 'packet', type: 'COMMITANDACTIVATE', from: 5, to: 1 },
        { kind: 'packet', type: 'COMMITANDACTIVATE', from: 5, to: 6 },
        { kind: 'packet', type: 'OBSERVERINFO', from: 6, to: 5 },
        { kind: 'packet', type: 'DIFF', from: 5, to: 6 },
        { kind: 'state', server: 6, is: 'OBSERVING' },
        { kind: 'state', server: 7, is: 'OBSERVING' },
        { kind: 'output', contains: 'server.7=zk7:2888:3888:observer;zk7:2181' },
        { kind: 'output', contains: 'version=100000009' },
        { kind: 'output', contains: 'Zxid: 0x100000009' },
        { kind: 'output', contains: 'state:Disconnected', absent: true },
      ],
    },
    {
      narration: {
        en: 'Console 4 connects to the new observer zk6 and reads /app from zk6\'s own copy of the tree. Then console 1 changes /app: the leader sends PROPOSAL to the five voters only and waits for three ACKs; zk6 gets the committed change as one INFORM and never ACKs. The observers took over readers without adding a single vote to any write.',
        'zh-CN': '控制台 4 连接新的 Observer zk6，直接从 zk6 自己的数据副本读取 /app。然后控制台 1 修改 /app：Leader 只把 PROPOSAL 发给五个投票者，等待三个 ACK；zk6 以一个 INFORM 报文收到已提交的修改，从不 ACK。Observer 分担了读请求，却没有给任何一次写入增加一票。',
      },
      actions: ['@4 connect zk6:2181', '@4 get /app', 'lab 4lw 6 srvr', 'set /app v2', 'lab run 500ms', '@4 get /app'],
      checks: [
        { kind: 'output', contains: 'Mode: observer' },
        { kind: 'packet', type: 'INFORM', from: 5, to: 6 },
        { kind: 'packet', type: 'PROPOSAL', to: 6, absent: true },
        { kind: 'packet', type: 'ACK', from: 6, absent: true },
        { kind: 'output', contains: 'v2' },
      ],
    },
    {
      narration: {
        en: 'Remove voter zk4: `reconfig -remove 4`. The leader commits it once a quorum of the old configuration (3 of 5) and a quorum of the new one (3 of 4) have ACKed; the followers get COMMITANDACTIVATE, the observers INFORMANDACTIVATE, and `config` no longer lists server.4. Four voters need 3 for a quorum, so they survive one failure, no more than three would. zk4 is not shut down: as in 3.8 it keeps running as a follower that no longer counts (`srvr` on it still says follower) until the operator stops it.',
        'zh-CN': '移除投票者 zk4：`reconfig -remove 4`。Leader 要等旧配置的过半（5 个中的 3 个）和新配置的过半（4 个中的 3 个）都 ACK 之后才提交它；Follower 收到 COMMITANDACTIVATE，Observer 收到 INFORMANDACTIVATE，此后 `config` 中不再有 server.4。四个投票者需要 3 个才过半，所以只能容忍一台故障，并不比三个投票者多。zk4 并没有被关掉：和 3.8 一样，它继续作为一个不再计票的 Follower 运行（在它上面执行 `srvr` 仍显示 follower），直到运维把它停掉。',
      },
      actions: ['reconfig -remove 4', 'lab run 1s', 'lab 4lw 4 srvr', '@2 get /app', '@4 get /app'],
      checks: [
        { kind: 'output', contains: 'Committed new configuration:' },
        { kind: 'output', contains: 'version=10000000e' },
        { kind: 'output', contains: 'server.4=', absent: true },
        { kind: 'state', server: 5, is: 'LEADING' },
        { kind: 'packet', type: 'INFORMANDACTIVATE', from: 5, to: 6 },
        { kind: 'state', server: 4, is: 'FOLLOWING' },
        { kind: 'output', contains: 'Mode: follower' },
      ],
    },
    {
      narration: {
        en: 'Why both quorums? Try to swap the whole voting membership for three servers that are not running (`reconfig -members` lists the new configuration in full). The leader refuses before proposing anything: no quorum of the new configuration is connected and up to date. Were such a config to take effect, its voters could elect a leader that never saw the committed writes; were a config activated without the old quorum, the old voters could still gather a majority of their own. Requiring ACKs from a quorum of both means every quorum of either configuration contains a server that has all committed history and knows about the switch — the two can never decide apart, and no split brain appears during the change. `config` shows nothing moved: the version is still 10000000e.',
        'zh-CN': '为什么要新旧两个过半？试着把全部投票成员换成三台没有运行的服务器（`reconfig -members` 给出完整的新配置）。Leader 在提出任何 Proposal 之前就拒绝了：新配置中没有过半的服务器已连接并同步到最新。假如这样的配置生效，新投票者可能选出一个从未见过已提交写入的 Leader；假如不经旧配置过半就激活新配置，旧投票者仍可能自己凑成过半。要求新旧两个配置都有过半 ACK，就保证任何一个配置的任何过半集合里，都有一台服务器拥有全部已提交的历史并知道这次切换——两边不可能各自做出决定，变更期间也不会出现脑裂。`config` 显示什么都没变：version 仍是 10000000e。',
      },
      actions: [
        'reconfig -members server.8=zk8:2888:3888:participant;zk8:2181,server.9=zk9:2888:3888:participant;zk9:2181,server.10=zk10:2888:3888:participant;zk10:2181',
        'config',
      ],
      checks: [
        { kind: 'output', contains: 'No quorum of new config is connected and up-to-date with the leader of last committed config' },
        { kind: 'output', contains: 'version=10000000e' },
        { kind: 'output', contains: 'server.8=', absent: true },
        { kind: 'state', server: 5, is: 'LEADING' },
      ],
    },
    {
      narration: {
        en: 'Now remove the leader itself: `reconfig -remove 5`. zk5 still commits this reconfig (its last act), then names a designated leader in COMMITANDACTIVATE: the lowest-numbered voter of the new configuration among those that had ACKed it, here zk1. There is no round of votes: every server goes straight to zk1 (no NOTIFICATION is sent), which starts epoch 2 with LEADERINFO and NEWLEADER. The clients see a short Disconnected and reconnect with their sessions; the next write is 0x200000001. Had zk1 been down, the servers would have fallen back to an ordinary FastLeaderElection. `config` lists three voters and the two observers.',
        'zh-CN': '现在移除 Leader 本身：`reconfig -remove 5`。zk5 仍然提交了这次重配置（这是它最后的工作），随后在 COMMITANDACTIVATE 中指定新的 Leader：新配置中已经 ACK 了它的投票者里编号最小的一个，这里是 zk1。这里没有一轮投票：所有服务器直接跟随 zk1（没有发送任何 NOTIFICATION），zk1 以 LEADERINFO 和 NEWLEADER 开始 epoch 2。客户端短暂 Disconnected，然后带着原来的会话重新连上；下一次写入的 zxid 是 0x200000001。假如 zk1 当时宕机，服务器就会退回到普通的 FastLeaderElection 领导者选举。`config` 中剩下三个投票者和两个 Observer。',
      },
      actions: ['reconfig -remove 5', 'lab run 3s', 'config', 'create /after-leader x', 'lab 4lw 1 srvr', '@2 get /app', '@3 get /app', '@4 get /app'],
      checks: [
        { kind: 'state', server: 1, is: 'LEADING' },
        { kind: 'state', server: 5, is: 'FOLLOWING' },
        { kind: 'epoch', server: 1, is: 2 },
        { kind: 'packet', type: 'LEADERINFO', from: 1, to: 2 },
        { kind: 'packet', type: 'NOTIFICATION', absent: true },
        { kind: 'output', contains: 'server.5=', absent: true },
        { kind: 'output', contains: 'version=100000010' },
        { kind: 'output', contains: 'Zxid: 0x200000001' },
        { kind: 'output', contains: 'Mode: leader' },
        { kind: 'output', contains: 'Expired', absent: true },
      ],
    },
  ],
  challenge: {
    en: 'Promote observer zk6 to a voter (`reconfig -add server.6=zk6:2888:3888:participant;zk6:2181`). What do `config` and `lab 4lw 6 srvr` say now, and how many voters may fail? Then kill the leader: this time there is no designated leader — which servers send NOTIFICATIONs, and which stay out of the vote?',
    'zh-CN': '把 Observer zk6 提升为投票者（`reconfig -add server.6=zk6:2888:3888:participant;zk6:2181`）。现在 `config` 和 `lab 4lw 6 srvr` 显示什么？可以容忍几个投票者故障？然后杀掉 Leader：这次没有指定的 Leader——哪些服务器发送 NOTIFICATION，哪些不参与投票？',
  },
};
