/**
 * ACLs: ids, permissions, the auth providers (world, auth, digest, ip, super), checkACL and
 * fixupACL — ZooKeeper 3.8 (ZooDefs.Perms, ZooKeeperServer.checkACL,
 * PrepRequestProcessor.fixupACL, server/auth/*AuthenticationProvider).
 * Everything is plain data; nothing here knows about error codes: callers map `false`/`null` to
 * NoAuth / InvalidACL / AuthFailed.
 */
import { base64Encode } from './base64.ts';
import { javaHashOrder, javaParseInt, javaSplit, javaStringHash as javaStringHashOf } from './javaString.ts';
import { sha1 } from './sha1.ts';
import { utf8Encode } from './utf8.ts';

/** org.apache.zookeeper.data.Id */
export interface Id {
  scheme: string;
  id: string;
}

/** org.apache.zookeeper.data.ACL */
export interface ACL {
  perms: number;
  id: Id;
}

/** ZooDefs.Perms (ZooKeeper 3.8). */
export const Perms = {
  READ: 1,
  WRITE: 2,
  CREATE: 4,
  DELETE: 8,
  ADMIN: 16,
  ALL: 31,
} as const;

/** ZooDefs.Ids */
export const ANYONE_ID_UNSAFE: Id = { scheme: 'world', id: 'anyone' };
export const OPEN_ACL_UNSAFE: ACL[] = [{ perms: Perms.ALL, id: ANYONE_ID_UNSAFE }];
export const READ_ACL_UNSAFE: ACL[] = [{ perms: Perms.READ, id: ANYONE_ID_UNSAFE }];

/** Server-side knobs that change ACL behaviour (system properties of the real server). */
export interface AclConfig {
  /** zookeeper.skipACL */
  skipACL?: boolean;
  /** zookeeper.DigestAuthenticationProvider.superDigest, e.g. `super:D/InIHSb7yEEbrWz8b9l71RjZJU=` */
  superDigest?: string | null;
}

/** `DigestAuthenticationProvider.generateDigest("user:password")` = `user:BASE64(SHA1(user:password))`. */
export function generateDigest(idPassword: string): string {
  const user = javaSplit(idPassword, ':', 2)[0] ?? '';
  return user + ':' + base64Encode(sha1(utf8Encode(idPassword)));
}

/** The providers ProviderRegistry registers by default: ip and digest (ZooKeeper 3.8). */
interface AuthenticationProvider {
  isAuthenticated: boolean;
  isValid(id: string): boolean;
  matches(id: string, aclExpr: string): boolean;
  getUserName(id: string): string;
}

function v4addr2Bytes(addr: string): number[] | null {
  const parts = addr.split('.');
  if (parts.length !== 4) return null;
  const b: number[] = [];
  for (const p of parts) {
    const v = javaParseInt(p);
    if (v === null || v < 0 || v > 255) return null;
    b.push(v);
  }
  return b;
}

function mask(b: number[], bits: number): void {
  let start = Math.floor(bits / 8);
  let startMask = ~((1 << (8 - (bits % 8))) - 1);
  while (start < b.length) {
    b[start] = (b[start] ?? 0) & startMask & 0xff;
    startMask = 0;
    start++;
  }
}

const ipProvider: AuthenticationProvider = {
  isAuthenticated: false,
  isValid(id) {
    const parts = javaSplit(id, '/', 2);
    const addr = v4addr2Bytes(parts[0] ?? '');
    if (addr === null) return false;
    if (parts.length === 2) {
      const bits = javaParseInt(parts[1] ?? '');
      if (bits === null || bits < 0 || bits > addr.length * 8) return false;
    }
    return true;
  },
  matches(id, aclExpr) {
    const parts = javaSplit(aclExpr, '/', 2);
    const aclAddr = v4addr2Bytes(parts[0] ?? '');
    if (aclAddr === null) return false;
    let bits = aclAddr.length * 8;
    if (parts.length === 2) {
      const b = javaParseInt(parts[1] ?? '');
      if (b === null || b < 0 || b > aclAddr.length * 8) return false;
      bits = b;
    }
    mask(aclAddr, bits);
    const remote = v4addr2Bytes(id);
    if (remote === null) return false;
    mask(remote, bits);
    return remote.every((v, i) => v === aclAddr[i]);
  },
  getUserName: (id) => id,
};

const digestProvider: AuthenticationProvider = {
  isAuthenticated: true,
  // `id.split(":").length == 2`, with Java's trailing-empty-string removal: `bob:` is invalid.
  isValid: (id) => javaSplit(id, ':').length === 2,
  matches: (id, aclExpr) => id === aclExpr,
  getUserName: (id) => javaSplit(id, ':')[0] ?? '',
};

const providers: Record<string, AuthenticationProvider> = { ip: ipProvider, digest: digestProvider };

function provider(scheme: string): AuthenticationProvider | undefined {
  return Object.prototype.hasOwnProperty.call(providers, scheme) ? providers[scheme] : undefined;
}

/** Every connection gets `ip:<its address>` automatically (IPAuthenticationProvider). */
export function initialAuthInfo(clientIp: string): Id[] {
  return [{ scheme: 'ip', id: clientIp }];
}

/**
 * `addauth scheme auth` on the server (ZooKeeperServer.processPacket, OpCode.auth): the ids to add
 * to the connection, or null for AUTHFAILED (unknown scheme, or digest without auth data, which
 * throws a NullPointerException in the real provider). A digest equal to `superDigest` also
 * grants `super:` (ZooKeeper 3.8).
 */
export function handleAuthentication(scheme: string, auth: string | null, clientIp: string, config: AclConfig = {}): Id[] | null {
  if (scheme === 'ip') return [{ scheme: 'ip', id: clientIp }];
  if (scheme === 'digest') {
    if (auth === null) return null;
    const digest = generateDigest(auth);
    const ids: Id[] = [];
    if (config.superDigest != null && digest === config.superDigest) ids.push({ scheme: 'super', id: '' });
    ids.push({ scheme: 'digest', id: digest });
    return ids;
  }
  return null;
}

/**
 * ServerCnxn.addAuthInfo: authInfo is a set (Id equality by scheme and id). Returns a new list:
 * the old one may be in requests already sent (and in the trace), which must not change.
 */
export function addAuthInfo(authInfo: readonly Id[], ids: readonly Id[]): Id[] {
  const out = authInfo.slice();
  for (const id of ids) {
    if (!out.some((a) => a.scheme === id.scheme && a.id === id.id)) out.push(id);
  }
  return out;
}

/** Jute's `Id.hashCode()`: 37*(37*17 + scheme.hashCode()) + id.hashCode(). */
function idHash(id: Id): number {
  let result = 17;
  result = (Math.imul(37, result) + javaStringHashOf(id.scheme)) | 0;
  result = (Math.imul(37, result) + javaStringHashOf(id.id)) | 0;
  return result;
}

/**
 * The order in which the server iterates a connection's auth ids: ServerCnxn keeps them in a
 * `ConcurrentHashMap`-backed set (16 bins), so the order is by bin, then insertion. This is the
 * order `whoami` prints and `auth:` ACLs expand in (observed: super, digest, ip — ZooKeeper 3.8).
 */
export function authInfoIterationOrder(authInfo: readonly Id[]): Id[] {
  return javaHashOrder(authInfo, idHash, 16);
}

/** `whoami` (AuthUtil.getClientInfos): scheme and user name per auth id. */
export function getClientInfos(authInfo: readonly Id[]): { authScheme: string; user: string }[] {
  return authInfoIterationOrder(authInfo).map((id) => {
    const p = provider(id.scheme);
    return { authScheme: id.scheme, user: p ? p.getUserName(id.id) : '' };
  });
}

/**
 * ZooKeeperServer.checkACL (ZooKeeper 3.8): true when `perm` is granted. An empty ACL allows
 * everything; a `super` id allows everything; otherwise some entry with the bit must match.
 */
export function checkACL(acl: readonly ACL[] | null, perm: number, authInfo: readonly Id[], config: AclConfig = {}): boolean {
  if (config.skipACL) return true;
  if (acl === null || acl.length === 0) return true;
  if (authInfo.some((a) => a.scheme === 'super')) return true;
  for (const a of acl) {
    if ((a.perms & perm) === 0) continue;
    if (a.id.scheme === 'world' && a.id.id === 'anyone') return true;
    const ap = provider(a.id.scheme);
    if (!ap) continue;
    for (const authId of authInfo) {
      if (authId.scheme === a.id.scheme && ap.matches(authId.id, a.id.id)) return true;
    }
  }
  return false;
}

function aclEquals(a: ACL, b: ACL): boolean {
  return a.perms === b.perms && a.id.scheme === b.id.scheme && a.id.id === b.id.id;
}

/**
 * PrepRequestProcessor.fixupACL (ZooKeeper 3.8): removes duplicates, keeps `world:anyone`,
 * expands `auth:` into every *authenticated* id of the caller (digest, super-less), checks the
 * other schemes with their provider's isValid. Returns null where ZooKeeper throws InvalidACL.
 */
export function fixupACL(authInfo: readonly Id[], acls: readonly ACL[] | null): ACL[] | null {
  const uniq: ACL[] = [];
  for (const a of acls ?? []) if (!uniq.some((u) => aclEquals(u, a))) uniq.push(a);
  if (uniq.length === 0) return null;
  const rv: ACL[] = [];
  for (const a of uniq) {
    const id = a.id;
    if (id.scheme === 'world' && id.id === 'anyone') {
      rv.push(a);
    } else if (id.scheme === 'auth') {
      let authIdValid = false;
      for (const cid of authInfoIterationOrder(authInfo)) {
        const ap = provider(cid.scheme);
        if (ap && ap.isAuthenticated) {
          authIdValid = true;
          rv.push({ perms: a.perms, id: { scheme: cid.scheme, id: cid.id } });
        }
      }
      if (!authIdValid) return null;
    } else {
      const ap = provider(id.scheme);
      if (!ap || !ap.isValid(id.id)) return null;
      rv.push(a);
    }
  }
  return rv;
}

/** FinalRequestProcessor getACL: without ADMIN, digest ids are shown as `user:x` (ZooKeeper 3.8). */
export function maskDigestIds(acl: readonly ACL[]): ACL[] {
  return acl.map((a) =>
    a.id.scheme === 'digest' ? { perms: a.perms, id: { scheme: 'digest', id: a.id.id.replace(/:.*/g, ':x') } } : a,
  );
}
