/**
 * ZooKeeper's own log lines as structured data: a key and values, never English text parsed back.
 * The English templates are the lines as ZooKeeper's Java code logs them (Leader, Learner,
 * ZooKeeperServer, QuorumPeer …), so the event log reads like a real server's log; the Chinese ones
 * say the same for the lab's Chinese-speaking learners. `{{name}}` placeholders take the values.
 */
import { renderText } from '../sim/module.ts';

/** English: exactly what ZooKeeper logs. */
export const ZK_LOG_EN = {
  expiring: 'Expiring session {{session}}, timeout of {{ms}}ms exceeded',
  lenError: 'Len error {{len}} (jute.maxbuffer={{max}}): closing the connection of client {{c}}',
  discovery: 'DISCOVERY: waiting for a quorum of FOLLOWERINFO',
  newEpoch: 'new epoch {{epoch}} = max acceptedEpoch of [{{sids}}] + 1',
  followerAhead: 'Follower is ahead of the leader, leader summary: {{epoch}} (current epoch), {{zxid}} (last zxid)',
  quorumOfSupporters: 'Have quorum of supporters, sids: [{{sids}}]; BROADCAST',
  learnerHandlerEnded: 'LearnerHandler for {{s}} ended (connection closed)',
  txnTimeout: 'Closing connection to peer {{s}} due to transaction timeout.',
  syncing: 'syncing with leader {{s}}: {{mode}} {{zxid}}',
  uptodate: 'UPTODATE: serving in epoch {{epoch}}',
  commitUnseen: 'Committing {{zxid}} without seeing txn',
  rollover: 'zxid lower 32 bits have rolled over, forcing re-election, and therefore new epoch start',
  epochTimeout: 'Timeout while waiting for epoch from quorum',
  epochAckTimeout: 'Timeout while waiting for epoch to be acked by quorum',
  waitingForQuorum: 'Waiting for a quorum of followers, only synced with sids: [ {{sids}} ]',
  notSufficientSynced: 'Not sufficient followers synced, only synced with sids: [ {{sids}} ]',
  closedByLeader: 'Exception when following the leader: connection closed by the leader',
  connectFailed: 'Failed to connect to the leader',
  readTimeout: 'Exception when following the leader: java.net.SocketTimeoutException: Read timed out',
  firstNotLeaderInfo: 'First packet should have been LEADERINFO, got {{type}}',
  epochBehind: 'Leaders epoch, {{epoch}} is less than accepted epoch, {{accepted}}',
  commitProcessorDied: 'Severe unrecoverable error, from thread : CommitProcessor:{{sid}}: {{error}}',
  internalError: 'Unexpected internal error',
  serverInError: 'ZooKeeperServer not running (state ERROR)',
  refusingSession: 'Refusing session request for client {{c}} as it has seen zxid {{seen}} our last zxid is {{last}} client must try another server',
  reconfigObserving: 'Exception when observing the leader: java.lang.Exception: changes proposed in reconfig',
  reconfigFollowing: 'Exception when following the leader: java.lang.Exception: changes proposed in reconfig',
} as const;

export type ZkLogKey = keyof typeof ZK_LOG_EN;

/** 简体中文. */
export const ZK_LOG_ZH: Record<ZkLogKey, string> = {
  expiring: '会话 {{session}} 过期：超过了 {{ms}} 毫秒的超时时间',
  lenError: '请求长度 {{len}} 超过 jute.maxbuffer={{max}}：关闭客户端 {{c}} 的连接',
  discovery: '发现阶段（DISCOVERY）：等待过半服务器的 FOLLOWERINFO',
  newEpoch: '新的 epoch {{epoch}} = [{{sids}}] 中最大的 acceptedEpoch + 1',
  followerAhead: '跟随者比领导者还新，领导者概况：当前 epoch {{epoch}}，最后 zxid {{zxid}}',
  quorumOfSupporters: '已有过半支持者（sid：[{{sids}}]）；进入广播阶段（BROADCAST）',
  learnerHandlerEnded: '{{s}} 的 LearnerHandler 结束（连接已关闭）',
  txnTimeout: '事务超时，关闭与 {{s}} 的连接',
  syncing: '与领导者 {{s}} 同步：{{mode}} {{zxid}}',
  uptodate: '收到 UPTODATE：在 epoch {{epoch}} 中开始服务',
  commitUnseen: '提交 {{zxid}}，却没有见过这个事务',
  rollover: 'zxid 低 32 位已用完，强制重新选举，从而开始新的 epoch',
  epochTimeout: '等待过半服务器报告 epoch 超时',
  epochAckTimeout: '等待过半服务器确认 epoch 超时',
  waitingForQuorum: '等待过半跟随者，只与 sid [ {{sids}} ] 完成了同步',
  notSufficientSynced: '已同步的跟随者不足过半，只与 sid [ {{sids}} ] 保持同步',
  closedByLeader: '跟随领导者时出错：领导者关闭了连接',
  connectFailed: '连接领导者失败',
  readTimeout: '跟随领导者时出错：读超时（java.net.SocketTimeoutException: Read timed out）',
  firstNotLeaderInfo: '第一个包应当是 LEADERINFO，却收到了 {{type}}',
  epochBehind: '领导者的 epoch {{epoch}} 小于已接受的 epoch {{accepted}}',
  commitProcessorDied: '严重的不可恢复错误，线程 CommitProcessor:{{sid}} 终止：{{error}}',
  internalError: '意外的内部错误',
  serverInError: 'ZooKeeperServer 未在运行（状态 ERROR）',
  refusingSession: '拒绝客户端 {{c}} 的会话请求：它已见过 zxid {{seen}}，而本服务器的最后 zxid 是 {{last}}，客户端必须换一台服务器',
  reconfigObserving: '观察领导者时出错：领导者的配置改变了本服务器的角色（changes proposed in reconfig），重新寻找领导者',
  reconfigFollowing: '跟随领导者时出错：领导者的配置改变了本服务器的角色（changes proposed in reconfig），重新寻找领导者',
};

/** One log line: which, and its values (plain data in the trace). */
export interface ZkLogLine {
  key: ZkLogKey;
  values?: Record<string, string | number>;
}

export function zkLog(key: ZkLogKey, values?: Record<string, string | number>): ZkLogLine {
  return values ? { key, values } : { key };
}

/** The line as ZooKeeper prints it. */
export function zkLogText(line: ZkLogLine): string {
  return renderText(line, ZK_LOG_EN);
}
