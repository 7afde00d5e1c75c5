/**
 * KeeperException.Code and getCodeMessage (ZooKeeper 3.8). Errors travel as plain data
 * `{ code, path }`; the CLI turns them into text.
 */
export const Code = {
  OK: 0,
  SYSTEMERROR: -1,
  RUNTIMEINCONSISTENCY: -2,
  DATAINCONSISTENCY: -3,
  CONNECTIONLOSS: -4,
  MARSHALLINGERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATIONTIMEOUT: -7,
  BADARGUMENTS: -8,
  UNKNOWNSESSION: -12,
  NEWCONFIGNOQUORUM: -13,
  RECONFIGINPROGRESS: -14,
  APIERROR: -100,
  NONODE: -101,
  NOAUTH: -102,
  BADVERSION: -103,
  NOCHILDRENFOREPHEMERALS: -108,
  NODEEXISTS: -110,
  NOTEMPTY: -111,
  SESSIONEXPIRED: -112,
  INVALIDCALLBACK: -113,
  INVALIDACL: -114,
  AUTHFAILED: -115,
  SESSIONMOVED: -118,
  NOTREADONLY: -119,
  EPHEMERALONLOCALSESSION: -120,
  NOWATCHER: -121,
  REQUESTTIMEOUT: -122,
  RECONFIGDISABLED: -123,
  SESSIONCLOSEDREQUIRESASLAUTH: -124,
  QUOTAEXCEEDED: -125,
  THROTTLEDOP: -127,
} as const;

export type CodeName = keyof typeof Code;

/** A KeeperException as data: the code and the path the *client* passed (may be null). */
export interface KeeperError {
  code: number;
  path: string | null;
}

const MESSAGES: Record<number, string> = {
  [Code.OK]: 'ok',
  [Code.SYSTEMERROR]: 'SystemError',
  [Code.RUNTIMEINCONSISTENCY]: 'RuntimeInconsistency',
  [Code.DATAINCONSISTENCY]: 'DataInconsistency',
  [Code.CONNECTIONLOSS]: 'ConnectionLoss',
  [Code.MARSHALLINGERROR]: 'MarshallingError',
  [Code.NEWCONFIGNOQUORUM]: 'NewConfigNoQuorum',
  [Code.RECONFIGINPROGRESS]: 'ReconfigInProgress',
  [Code.UNIMPLEMENTED]: 'Unimplemented',
  [Code.OPERATIONTIMEOUT]: 'OperationTimeout',
  [Code.BADARGUMENTS]: 'BadArguments',
  [Code.APIERROR]: 'APIError',
  [Code.NONODE]: 'NoNode',
  [Code.NOAUTH]: 'NoAuth',
  [Code.BADVERSION]: 'BadVersion',
  [Code.NOCHILDRENFOREPHEMERALS]: 'NoChildrenForEphemerals',
  [Code.NODEEXISTS]: 'NodeExists',
  [Code.INVALIDACL]: 'InvalidACL',
  [Code.AUTHFAILED]: 'AuthFailed',
  [Code.NOTEMPTY]: 'Directory not empty',
  [Code.SESSIONEXPIRED]: 'Session expired',
  [Code.INVALIDCALLBACK]: 'Invalid callback',
  [Code.SESSIONMOVED]: 'Session moved',
  [Code.NOTREADONLY]: 'Not a read-only call',
  [Code.EPHEMERALONLOCALSESSION]: 'Ephemeral node on local session',
  [Code.NOWATCHER]: 'No such watcher',
  [Code.RECONFIGDISABLED]: 'Reconfig is disabled',
  [Code.SESSIONCLOSEDREQUIRESASLAUTH]: 'Session closed because client failed to authenticate',
  [Code.QUOTAEXCEEDED]: 'Quota has exceeded',
  [Code.THROTTLEDOP]: 'Op throttled due to high load',
};

/** The enum constant's name, e.g. `UNKNOWNSESSION` for -12. */
export function codeName(code: number): string {
  for (const [k, v] of Object.entries(Code)) if (v === code) return k;
  return String(code);
}

/** KeeperException.getCodeMessage; codes without a case print `Unknown error <NAME>`. */
export function getCodeMessage(code: number): string {
  return MESSAGES[code] ?? 'Unknown error ' + codeName(code);
}

/** KeeperException.getMessage: `KeeperErrorCode = <msg>[ for <path>]`. */
export function keeperErrorMessage(e: KeeperError): string {
  const m = 'KeeperErrorCode = ' + getCodeMessage(e.code);
  return e.path === null || e.path === '' ? m : m + ' for ' + e.path;
}

export function keeperError(code: number, path: string | null = null): KeeperError {
  return { code, path };
}

export function isKeeperError(x: unknown): x is KeeperError {
  return typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'number' && 'path' in x;
}
