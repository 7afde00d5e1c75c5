import { describe, expect, test } from 'vitest';
import { configToParams, parseLabConfig, quorumConfigOf } from './config.ts';

describe('parseLabConfig: superDigest', () => {
  test('a digest id reaches every server (QuorumConfig)', () => {
    const { config, errors } = parseLabConfig(new URLSearchParams('voters=3&superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs='));
    expect(errors).toEqual([]);
    expect(config.superDigest).toBe('super:xQJmxLMiHGwaqBvst5y6rkB6HQs=');
    expect(quorumConfigOf(config).superDigest).toBe('super:xQJmxLMiHGwaqBvst5y6rkB6HQs=');
  });

  test('none by default', () => {
    const { config } = parseLabConfig(new URLSearchParams('voters=3'));
    expect(config.superDigest).toBeUndefined();
    expect('superDigest' in quorumConfigOf(config)).toBe(false);
  });

  test('an unescaped + of the base64 arrives as a space and is taken back', () => {
    const { config, errors } = parseLabConfig(new URLSearchParams('superDigest=root:ab+cdefghijklmnopqrstuvwxyz='));
    expect(errors).toEqual([]);
    expect(config.superDigest).toBe('root:ab+cdefghijklmnopqrstuvwxyz=');
  });

  test('anything else is reported, and the lab opens without it', () => {
    for (const bad of ['super', 'super:admin', ':xQJmxLMiHGwaqBvst5y6rkB6HQs=', 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs', 'a:b:xQJmxLMiHGwaqBvst5y6rkB6HQs=']) {
      const { config, errors } = parseLabConfig([['superDigest', bad]]);
      expect(config.superDigest).toBeUndefined();
      expect(errors).toEqual([
        `superDigest must be user:base64(sha1(user:password)), e.g. superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs= (got "${bad}")`,
      ]);
    }
  });
});

describe('configToParams', () => {
  test('gives back the parameters that open the same lab', () => {
    for (const q of [
      '', 'voters=5&observers=2&seed=x', 'voters=1&tickTime=500&initLimit=4&syncLimit=2&latencyMs=5&latencySpreadMs=0',
      'boot=1,3&commitLogCount=5&snapshotSizeFactorPct=0&bugs=commitWithoutQuorum,skipTrunc', 'superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=&seed=123',
    ]) {
      const { config } = parseLabConfig(new URLSearchParams(q));
      const again = parseLabConfig(configToParams(config));
      expect(again.errors).toEqual([]);
      expect(again.config).toEqual(config);
    }
  });
});

describe('parseLabConfig: reconfigEnabled', () => {
  test('off by default (3.8), on with true or 1, and kept in the link', () => {
    expect(parseLabConfig(new URLSearchParams('voters=3')).config.reconfigEnabled).toBeUndefined();
    expect('reconfigEnabled' in quorumConfigOf(parseLabConfig(new URLSearchParams('voters=3')).config)).toBe(false);
    for (const v of ['true', 'TRUE', '1']) {
      const { config, errors } = parseLabConfig([['reconfigEnabled', v]]);
      expect(errors).toEqual([]);
      expect(quorumConfigOf(config).reconfigEnabled).toBe(true);
      expect(configToParams(config).get('reconfigEnabled')).toBe('true');
    }
    expect(parseLabConfig([['reconfigEnabled', 'false']]).config.reconfigEnabled).toBeUndefined();
  });

  test('anything else is reported as the 0–1 range', () => {
    const { config, errors } = parseLabConfig([['reconfigEnabled', 'yes']]);
    expect(config.reconfigEnabled).toBeUndefined();
    expect(errors).toEqual(['reconfigEnabled must be an integer from 0 to 1 (got "yes")']);
  });
});
