import { describe, expect, it } from 'vitest';
import { ensembleUrl, settingsUrl } from './EnsembleSize.tsx';

describe('ensembleUrl', () => {
  it('keeps the seed and settings, changes the numbers, drops servers that no longer exist from boot', () => {
    const q = new URLSearchParams(ensembleUrl('?voters=5&seed=7&tickTime=1000&boot=1,2,5', 3, 1, '7').slice(1));
    expect(q.get('voters')).toBe('3');
    expect(q.get('observers')).toBe('1');
    expect(q.get('seed')).toBe('7');
    expect(q.get('tickTime')).toBe('1000');
    expect(q.get('boot')).toBe('1,2');
  });
});

describe('settingsUrl', () => {
  it('sets a protocol\'s sizes and policy, keeps the rest and the seed', () => {
    const q = new URLSearchParams(settingsUrl('?protocol=paxos&acceptors=3&seed=4&lang=zh-CN', { acceptors: 5, proposers: 3, retry: 'leader' }, '4').slice(1));
    expect(Object.fromEntries(q)).toEqual({ protocol: 'paxos', acceptors: '5', proposers: '3', retry: 'leader', seed: '4', lang: 'zh-CN' });
  });
});
