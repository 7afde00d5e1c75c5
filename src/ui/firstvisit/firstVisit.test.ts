import { describe, expect, it } from 'vitest';
import { shouldWelcome } from './firstVisit.ts';

const bare = { search: '', dismissed: false, automated: false, asked: false };

describe('shouldWelcome', () => {
  it('welcomes a newcomer on the bare address', () => {
    expect(shouldWelcome(bare)).toBe(true);
    expect(shouldWelcome({ ...bare, search: '?' })).toBe(true);
  });
  it('never with a query parameter: lessons, protocols, embed, presenter mode, ensembles', () => {
    for (const search of ['?lesson=zk-in-five-minutes', '?protocol=paxos', '?embed', '?present', '?voters=3', '?lang=zh-CN']) {
      expect(shouldWelcome({ ...bare, search })).toBe(false);
    }
  });
  it('never once dismissed', () => {
    expect(shouldWelcome({ ...bare, dismissed: true })).toBe(false);
    expect(shouldWelcome({ ...bare, dismissed: true, automated: true, asked: true })).toBe(false);
  });
  it('not in automated browsers unless the page asks for it', () => {
    expect(shouldWelcome({ ...bare, automated: true })).toBe(false);
    expect(shouldWelcome({ ...bare, automated: true, asked: true })).toBe(true);
  });
});
