// Shared by the datatree/watch tests: a leader-less standalone pipeline over the pure functions.
import type { Id } from '../acl/acl.ts';
import { createDataTree, processTxn } from './DataTree.ts';
import { commitPendingChanges, emptyPendingChanges, prepRequest, type PendingChanges } from './PrepRequestProcessor.ts';
import type { DataTree, PrepConfig, ProcessTxnResult, Request, SessionId, Txn } from './types.ts';

export const OPEN = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
export const IP: Id = { scheme: 'ip', id: '127.0.0.1' };
export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export class Pipeline {
  tree: DataTree;
  pending: PendingChanges = emptyPendingChanges();
  zxid = 0x100000000;
  time = 1000;
  constructor(opts: { extendedTypesEnabled?: boolean } = {}, readonly config: PrepConfig = {}) {
    this.tree = createDataTree(opts);
  }
  prep(req: Request, session: SessionId = 1n, authInfo: Id[] = [IP]): Txn {
    return prepRequest({ tree: this.tree, pending: this.pending }, req, { sessionId: session, cxid: 0, authInfo }, ++this.zxid, ++this.time, this.config);
  }
  apply(txn: Txn): ProcessTxnResult {
    const rc = processTxn(this.tree, txn);
    commitPendingChanges(this.pending, txn.zxid);
    return rc;
  }
  write(req: Request, session: SessionId = 1n, authInfo: Id[] = [IP]): ProcessTxnResult {
    return this.apply(this.prep(req, session, authInfo));
  }
  create(path: string, data: string | null = null, mode: 'PERSISTENT' | 'EPHEMERAL' | 'PERSISTENT_SEQUENTIAL' | 'EPHEMERAL_SEQUENTIAL' | 'CONTAINER' = 'PERSISTENT', session: SessionId = 1n): ProcessTxnResult {
    return this.write({ type: 'create', path, data: data === null ? null : enc(data), acl: OPEN, mode }, session);
  }
}
