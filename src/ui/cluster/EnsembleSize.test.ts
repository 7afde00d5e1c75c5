import { describe, expect, it } from 'vitest';
import { ensembleUrl, reconfigUrl, settingsUrl } from './EnsembleSize.tsx';

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

describe('reconfigUrl', () => {
  it('reopens the same ensemble with reconfigEnabled and the recordings\' superDigest, without the shared run', () => {
    const q = new URLSearchParams(reconfigUrl('?voters=5&observers=1&seed=7&lang=zh-CN&run=abc&boot=1,6', 5, 1, '7').slice(1));
    expect(Object.fromEntries(q)).toEqual({
      voters: '5', observers: '1', seed: '7', lang: 'zh-CN', boot: '1,6', reconfigEnabled: 'true', superDigest: 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=',
    });
  });
  it('keeps a superDigest the lab has', () => {
    const q = new URLSearchParams(reconfigUrl('?superDigest=super:abc=', 3, 0, '1').slice(1));
    expect(q.get('superDigest')).toBe('super:abc=');
  });
});
