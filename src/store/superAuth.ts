/**
 * Whether a zkCli session is a super user, from its real auth info: the `addauth` data its
 * ClientCnxn presents to the server (ClientCnxn.authInfo, sent again after every reconnect), judged
 * the way the server does (ZooKeeperServer's OpCode.auth → handleAuthentication: a digest equal to
 * the servers' superDigest adds `super:` to the connection). Nothing is read from the console's text.
 */
import { handleAuthentication } from '../protocol/acl/acl.ts';
import { CLIENT_IP } from '../protocol/server/ZooKeeperServer.ts';

export interface SessionAuth {
  /** The client's state: a closed or AUTH_FAILED session is no one. */
  state: string;
  authInfo: ReadonlyArray<{ scheme: string; auth: Uint8Array | null }>;
}

export function sessionIsSuper(session: SessionAuth | null | undefined, superDigest: string | undefined): boolean {
  if (!session || !superDigest) return false;
  if (session.state === 'CLOSED' || session.state === 'AUTH_FAILED') return false;
  return session.authInfo.some((a) => {
    const text = a.auth === null ? null : new TextDecoder().decode(a.auth);
    return handleAuthentication(a.scheme, text, CLIENT_IP, { superDigest })?.some((id) => id.scheme === 'super') ?? false;
  });
}

/** The `auth` operations queued for client `cid` that it has not stepped yet (the simulation's pending events). */
export function pendingAuth(events: readonly unknown[], cid: number): Array<{ scheme: string; auth: Uint8Array | null }> {
  const out: Array<{ scheme: string; auth: Uint8Array | null }> = [];
  for (const ev of events) {
    const e = ev as { kind?: string; sid?: number; seq?: number; input?: { type?: string; op?: { op?: string; scheme?: string; auth?: Uint8Array | null } } };
    if (e.kind !== 'client' || e.sid !== cid || e.input?.type !== 'op' || e.input.op?.op !== 'auth') continue;
    out.push({ scheme: e.input.op.scheme ?? '', auth: e.input.op.auth ?? null });
  }
  return out;
}
