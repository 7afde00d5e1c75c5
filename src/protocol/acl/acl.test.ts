import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addAuthInfo, authInfoIterationOrder, checkACL, fixupACL, generateDigest, getClientInfos, handleAuthentication,
  maskDigestIds, Perms, type ACL, type Id,
} from './acl.ts';
import { base64Encode } from './base64.ts';
import { javaSplit } from './javaString.ts';
import { sha1 } from './sha1.ts';
import { utf8Encode } from './utf8.ts';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const ascii = (s: string): Uint8Array => utf8Encode(s);

describe('sha1 + base64 (pure, no crypto global)', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(hex(sha1(ascii('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });
  it('agrees with node:crypto on every length around the block boundaries', () => {
    for (let n = 0; n < 200; n++) {
      const s = 'x'.repeat(n) + 'é' + String(n);
      expect(hex(sha1(utf8Encode(s)))).toBe(createHash('sha1').update(s, 'utf8').digest('hex'));
    }
  });
  it('base64 pads like Java', () => {
    expect(base64Encode(ascii(''))).toBe('');
    expect(base64Encode(ascii('f'))).toBe('Zg==');
    expect(base64Encode(ascii('fo'))).toBe('Zm8=');
    expect(base64Encode(ascii('foo'))).toBe('Zm9v');
    expect(base64Encode(ascii('foob'))).toBe('Zm9vYg==');
  });
  it('utf8 writes ? for unpaired surrogates, as Java does', () => {
    expect([...utf8Encode('h\u00e9')]).toEqual([0x68, 0xc3, 0xa9]);
    expect([...utf8Encode('\ud83d\ude00')]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
    expect([...utf8Encode('a\ud800b')]).toEqual([0x61, 0x3f, 0x62]);
  });
});

describe('digest scheme (ZooKeeper 3.8)', () => {
  it('bob:pw → bob:ikIaKsbtGweaHnb/jKn7OHqbunM=', () => {
    expect(generateDigest('bob:pw')).toBe('bob:ikIaKsbtGweaHnb/jKn7OHqbunM=');
    expect(generateDigest('super:admin')).toBe('super:xQJmxLMiHGwaqBvst5y6rkB6HQs=');
  });
  it('splits the user at the first colon only; a user without password still gets an id', () => {
    expect(generateDigest('a:b:c').startsWith('a:')).toBe(true);
    expect(generateDigest('bob').startsWith('bob:')).toBe(true);
  });
  it('addauth digest gives digest:user:hash; with the super digest also super:', () => {
    expect(handleAuthentication('digest', 'bob:pw', '127.0.0.1')).toEqual([{ scheme: 'digest', id: 'bob:ikIaKsbtGweaHnb/jKn7OHqbunM=' }]);
    expect(handleAuthentication('digest', 'super:admin', '127.0.0.1', { superDigest: 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=' })).toEqual([
      { scheme: 'super', id: '' },
      { scheme: 'digest', id: 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=' },
    ]);
  });
  it('unknown schemes and a digest without data fail (AuthFailed)', () => {
    expect(handleAuthentication('foo', 'bar', '127.0.0.1')).toBeNull();
    expect(handleAuthentication('digest', null, '127.0.0.1')).toBeNull();
    expect(handleAuthentication('super', 'x', '127.0.0.1')).toBeNull();
  });
});

const ip: Id = { scheme: 'ip', id: '127.0.0.1' };
const bob: Id = { scheme: 'digest', id: generateDigest('bob:pw') };
const acl = (scheme: string, id: string, perms: number): ACL => ({ perms, id: { scheme, id } });

describe('checkACL', () => {
  it('world:anyone matches everyone, but only for its bits', () => {
    expect(checkACL([acl('world', 'anyone', Perms.READ)], Perms.READ, [])).toBe(true);
    expect(checkACL([acl('world', 'anyone', Perms.READ)], Perms.WRITE, [ip])).toBe(false);
  });
  it('an empty ACL allows everything; super allows everything; skipACL too', () => {
    expect(checkACL([], Perms.ADMIN, [])).toBe(true);
    expect(checkACL([acl('digest', bob.id, Perms.ALL)], Perms.ADMIN, [{ scheme: 'super', id: '' }])).toBe(true);
    expect(checkACL([acl('digest', bob.id, Perms.ALL)], Perms.ADMIN, [ip], { skipACL: true })).toBe(true);
  });
  it('digest matches by exact id string', () => {
    const a = [acl('digest', bob.id, Perms.READ | Perms.WRITE)];
    expect(checkACL(a, Perms.WRITE, [ip, bob])).toBe(true);
    expect(checkACL(a, Perms.WRITE, [ip, { scheme: 'digest', id: generateDigest('bob:other') }])).toBe(false);
    expect(checkACL(a, Perms.DELETE, [bob])).toBe(false);
  });
  it('ip matches addresses and prefixes', () => {
    expect(checkACL([acl('ip', '127.0.0.1', Perms.READ)], Perms.READ, [ip])).toBe(true);
    expect(checkACL([acl('ip', '127.0.0.0/8', Perms.READ)], Perms.READ, [ip])).toBe(true);
    expect(checkACL([acl('ip', '10.0.0.0/8', Perms.READ)], Perms.READ, [ip])).toBe(false);
    expect(checkACL([acl('ip', '127.0.0.2', Perms.READ)], Perms.READ, [ip])).toBe(false);
    expect(checkACL([acl('ip', '127.0.0.1/33', Perms.READ)], Perms.READ, [ip])).toBe(false);
  });
  it('a scheme without provider (auth, super) never matches in an ACL', () => {
    expect(checkACL([acl('super', '', Perms.ALL)], Perms.READ, [ip, bob])).toBe(false);
  });
});

describe('fixupACL', () => {
  it('keeps world:anyone and removes duplicates', () => {
    expect(fixupACL([ip], [acl('world', 'anyone', 31), acl('world', 'anyone', 31)])).toEqual([acl('world', 'anyone', 31)]);
  });
  it('expands auth: into every authenticated id (digest, not ip); none → InvalidACL', () => {
    expect(fixupACL([ip, bob], [acl('auth', '', 31)])).toEqual([{ perms: 31, id: bob }]);
    expect(fixupACL([ip, bob], [acl('auth', 'bob:pw', 31)])).toEqual([{ perms: 31, id: bob }]);
    expect(fixupACL([ip], [acl('auth', '', 31)])).toBeNull();
  });
  it('validates digest ids (exactly user:hash) and ip ids', () => {
    expect(fixupACL([ip], [acl('digest', 'bob', 31)])).toBeNull();
    expect(fixupACL([ip], [acl('digest', 'bob:', 31)])).toBeNull();
    expect(fixupACL([ip], [acl('digest', 'bob:x:y', 31)])).toBeNull();
    expect(fixupACL([ip], [acl('digest', 'bob:x', 31)])).not.toBeNull();
    expect(fixupACL([ip], [acl('ip', '1.2.3.4/24', 31)])).not.toBeNull();
    expect(fixupACL([ip], [acl('ip', '1.2.3', 31)])).toBeNull();
    expect(fixupACL([ip], [acl('ip', '1.2.3.4/40', 31)])).toBeNull();
  });
  it('rejects unknown schemes, world with another id, and empty lists', () => {
    expect(fixupACL([ip], [acl('foo', 'bar', 31)])).toBeNull();
    expect(fixupACL([ip], [acl('world', 'someone', 31)])).toBeNull();
    expect(fixupACL([ip], [acl('super', '', 31)])).toBeNull();
    expect(fixupACL([ip], [])).toBeNull();
  });
});

describe('auth info bookkeeping', () => {
  it('is a set and iterates in ConcurrentHashMap bin order', () => {
    const first: Id[] = [ip];
    const info = addAuthInfo(addAuthInfo(first, [bob]), [bob]);
    expect(info).toHaveLength(2);
    // a new list: the old one may be in requests already sent
    expect(first).toEqual([ip]);
    // digest:bob:… lands in an earlier bin than ip:127.0.0.1 (whoami prints digest first, as recorded)
    expect(authInfoIterationOrder(info).map((i) => i.scheme)).toEqual(['digest', 'ip']);
    expect(getClientInfos(info)).toEqual([{ authScheme: 'digest', user: 'bob' }, { authScheme: 'ip', user: '127.0.0.1' }]);
    expect(getClientInfos([{ scheme: 'super', id: '' }])).toEqual([{ authScheme: 'super', user: '' }]);
  });
  it('masks digest ids for getAcl without ADMIN', () => {
    expect(maskDigestIds([{ perms: 1, id: bob }, acl('world', 'anyone', 1)])).toEqual([acl('digest', 'bob:x', 1), acl('world', 'anyone', 1)]);
  });
  it('javaSplit drops trailing empty strings like String.split', () => {
    expect(javaSplit('bob:', ':')).toEqual(['bob']);
    expect(javaSplit(':x', ':')).toEqual(['', 'x']);
    expect(javaSplit('a,,', ',')).toEqual(['a']);
    expect(javaSplit(',,', ',')).toEqual([]);
    expect(javaSplit('', ',')).toEqual(['']);
    expect(javaSplit('a:b:c', ':', 2)).toEqual(['a', 'b:c']);
  });
});
