import type { Lesson } from './types.ts';

/**
 * Leader election at startup (notes 004 §9.3, §11.10): why the highest (epoch, zxid, sid) wins,
 * and what happens when five servers start one by one.
 */
export const startupElection: Lesson = {
  id: 'startup-election',
  title: { en: 'Leader election at startup', 'zh-CN': '启动时的领导者选举' },
  ensemble: 'voters=5&boot=1&seed=3',
  steps: [
    {
      narration: {
        en: 'Only zk1 is running. It votes for itself (sid 1, zxid 0x0, epoch 0) and sends NOTIFICATION packets to every voter, but nobody answers. One vote of five is not a majority, so zk1 stays LOOKING and cannot serve clients.',
        'zh-CN': '只有 zk1 在运行。它投票给自己（sid 1，zxid 0x0，epoch 0），向所有投票者发送 NOTIFICATION，但没有回应。五票中的一票没有过半，所以 zk1 一直处于 LOOKING 状态，不能为客户端服务。',
      },
      actions: ['lab run 3s', 'lab 4lw 1 srvr'],
      checks: [
        { kind: 'state', server: 1, is: 'LOOKING' },
        { kind: 'output', contains: 'This ZooKeeper instance is not currently serving requests' },
      ],
    },
    {
      narration: {
        en: 'zk2 starts. The two exchange votes: with equal epochs and zxids the higher sid wins (totalOrderPredicate), so zk1 changes its vote to zk2. But two votes are still not more than half of five: both keep LOOKING.',
        'zh-CN': 'zk2 启动。两台服务器交换选票：epoch 和 zxid 相同时 sid 大的胜出（totalOrderPredicate），于是 zk1 改投 zk2。但两票仍然没有超过五台的一半，两台都继续 LOOKING。',
      },
      actions: ['lab start 2', 'lab run 3s'],
      checks: [
        { kind: 'state', server: 1, is: 'LOOKING' },
        { kind: 'state', server: 2, is: 'LOOKING' },
        { kind: 'packet', type: 'NOTIFICATION', from: 2, to: 1 },
      ],
    },
    {
      narration: {
        en: 'zk3 starts and has the highest sid so far. zk1 and zk2 switch their votes to zk3: three of five agree — a quorum (过半). After waiting finalizeWait (200 ms) for a better vote, zk3 becomes LEADING and the others FOLLOWING; ZAB then starts epoch 1 (FOLLOWERINFO, LEADERINFO, ACKEPOCH, DIFF, NEWLEADER, UPTODATE).',
        'zh-CN': 'zk3 启动，它的 sid 是目前最大的。zk1 和 zk2 改投 zk3：五台中有三台一致——过半。等待 finalizeWait（200 毫秒）确认没有更好的选票后，zk3 成为 LEADING，其余成为 FOLLOWING；随后 ZAB 开始 epoch 1（FOLLOWERINFO、LEADERINFO、ACKEPOCH、DIFF、NEWLEADER、UPTODATE）。',
      },
      actions: ['lab start 3', 'lab run 3s'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'state', server: 1, is: 'FOLLOWING' },
        { kind: 'state', server: 2, is: 'FOLLOWING' },
        { kind: 'packet', type: 'UPTODATE', from: 3 },
      ],
    },
    {
      narration: {
        en: 'zk4 and zk5 start later. Their sids are higher, but a leader already exists: the others answer their LOOKING notifications with FOLLOWING / LEADING votes, and a server that sees a quorum following zk3 (plus zk3\'s own LEADING vote) follows it too. A higher sid does not take over a running ensemble.',
        'zh-CN': 'zk4 和 zk5 随后启动。它们的 sid 更大，但领导者已经存在：其他服务器用 FOLLOWING / LEADING 选票回应它们的 LOOKING 通知；当新服务器看到过半的服务器都跟随 zk3（并收到 zk3 自己的 LEADING 选票）时，它也跟随 zk3。sid 更大也不会夺取已在运行的集群的领导权。',
      },
      actions: ['lab start 4', 'lab start 5', 'lab run 3s'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'state', server: 4, is: 'FOLLOWING' },
        { kind: 'state', server: 5, is: 'FOLLOWING' },
      ],
    },
  ],
  challenge: {
    en: 'Restart the whole ensemble so that zk5 becomes the leader without wiping any disk. (Hint: which servers must be running when the vote is decided?)',
    'zh-CN': '在不清空任何磁盘的情况下重启整个集群，让 zk5 成为领导者。（提示：做出决定的那一轮选举时，哪些服务器必须在运行？）',
  },
};
