/**
 * cli/AclParser: `scheme:id:perms[,…]`, the scheme split at the first `:` and the perms at the
 * last. Bad items and unknown perm letters are reported on stderr and skipped (ZooKeeper 3.8).
 */
import { javaSplit } from '../../protocol/acl/javaString.ts';
import type { ACL } from '../../protocol/acl/acl.ts';
import type { Output } from './output.ts';

export function parseAcl(aclString: string, out: Output): ACL[] {
  const acl: ACL[] = [];
  for (const a of javaSplit(aclString, ',')) {
    const firstColon = a.indexOf(':');
    const lastColon = a.lastIndexOf(':');
    if (firstColon === -1 || lastColon === -1 || firstColon === lastColon) {
      out.err(a + ' does not have the form scheme:id:perm');
      continue;
    }
    acl.push({
      id: { scheme: a.substring(0, firstColon), id: a.substring(firstColon + 1, lastColon) },
      perms: getPermFromString(a.substring(lastColon + 1), out),
    });
  }
  return acl;
}

function getPermFromString(permString: string, out: Output): number {
  let perm = 0;
  for (let i = 0; i < permString.length; i++) {
    switch (permString.charAt(i)) {
      case 'r': perm |= 1; break;
      case 'w': perm |= 2; break;
      case 'c': perm |= 4; break;
      case 'd': perm |= 8; break;
      case 'a': perm |= 16; break;
      default: out.err('Unknown perm type: ' + permString.charAt(i));
    }
  }
  return perm;
}
