import { describe, expect, it } from 'vitest';
import { pendingAuth, sessionIsSuper } from './superAuth.ts';

const DIGEST = 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs='; // super:admin (scripts/real-zk/)
const enc = (s: string) => new TextEncoder().encode(s);
const session = (state: string, ...auth: Array<[string, string | null]>) => ({
  state, authInfo: auth.map(([scheme, a]) => ({ scheme, auth: a === null ? null : enc(a) })),
});

describe('sessionIsSuper', () => {
  it('is true when a digest the session presents matches the servers\' superDigest', () => {
    expect(sessionIsSuper(session('CONNECTED', ['digest', 'super:admin']), DIGEST)).toBe(true);
    expect(sessionIsSuper(session('CONNECTING', ['ip', null], ['digest', 'bob:x'], ['digest', 'super:admin']), DIGEST)).toBe(true);
  });
  it('is false for another password, another user, another scheme, or no auth at all', () => {
    expect(sessionIsSuper(session('CONNECTED', ['digest', 'super:wrong']), DIGEST)).toBe(false);
    expect(sessionIsSuper(session('CONNECTED', ['digest', 'admin:admin']), DIGEST)).toBe(false);
    expect(sessionIsSuper(session('CONNECTED', ['ip', null]), DIGEST)).toBe(false);
    expect(sessionIsSuper(session('CONNECTED'), DIGEST)).toBe(false);
  });
  it('is false without a superDigest, for a closed or auth-failed session, and for no session', () => {
    expect(sessionIsSuper(session('CONNECTED', ['digest', 'super:admin']), undefined)).toBe(false);
    expect(sessionIsSuper(session('CLOSED', ['digest', 'super:admin']), DIGEST)).toBe(false);
    expect(sessionIsSuper(session('AUTH_FAILED', ['digest', 'super:admin']), DIGEST)).toBe(false);
    expect(sessionIsSuper(null, DIGEST)).toBe(false);
  });
});

describe('pendingAuth', () => {
  it('takes the auth operations queued for one client, in order, and nothing else', () => {
    const a = enc('super:admin');
    const events = [
      { kind: 'client', sid: 1001, input: { type: 'op', tag: 1, op: { op: 'getData', path: '/' } } },
      { kind: 'client', sid: 1002, input: { type: 'op', tag: 1, op: { op: 'auth', scheme: 'digest', auth: enc('x:y') } } },
      { kind: 'deliver', sid: 1001, input: { type: 'op', op: { op: 'auth', scheme: 'digest', auth: a } } },
      { kind: 'client', sid: 1001, input: { type: 'op', tag: 2, op: { op: 'auth', scheme: 'digest', auth: a } } },
    ];
    expect(pendingAuth(events, 1001)).toEqual([{ scheme: 'digest', auth: a }]);
    expect(pendingAuth([], 1001)).toEqual([]);
  });
});
