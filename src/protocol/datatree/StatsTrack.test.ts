/**
 * `new StatsTrack(byte[])` of 3.8.0, exceptions included (recorded through zkCli:
 * src/cli/testdata/conformance/60-…64-quota-*).
 */
import { describe, expect, test } from 'vitest';
import { JavaThrowable } from '../javaThrowable.ts';
import { formatStatsTrack, parseStatsTrack, parseStatsTrackBytes, statsAdd } from './StatsTrack.ts';

function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof JavaThrowable) return e.toString();
    throw e;
  }
  return 'no exception';
}

describe('StatsTrack', () => {
  test('what zkCli writes reads back', () => {
    const st = parseStatsTrack('count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1');
    expect(formatStatsTrack(st)).toBe('count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1');
  });

  test('odd but valid text: empty values are -1, empty keys and repeated separators are fine, longs are exact', () => {
    const st = parseStatsTrack('count=1,bytes=9223372036854775807=;x=-9223372036854775808;;,,=7;y=+5;w==3');
    expect(formatStatsTrack(st)).toBe('count=1,bytes=9223372036854775807=;=7;w=-1;x=-9223372036854775808;y=5');
    expect(formatStatsTrack(parseStatsTrack(','))).toBe('count=-1,bytes=-1');
    expect(formatStatsTrack(parseStatsTrack(''))).toBe('count=-1,bytes=-1');
  });

  test('long arithmetic wraps around', () => {
    const st = parseStatsTrack('count=9223372036854775807,bytes=0');
    statsAdd(st, 'count', 1);
    expect(formatStatsTrack(st)).toBe('count=-9223372036854775808,bytes=0');
  });

  test('text that is not key=long pairs throws what Java throws', () => {
    expect(thrown(() => parseStatsTrack('garbage'))).toBe('java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1');
    expect(thrown(() => parseStatsTrack('='))).toBe('java.lang.ArrayIndexOutOfBoundsException: Index 0 out of bounds for length 0');
    expect(thrown(() => parseStatsTrack(',count=1'))).toBe('java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1');
    expect(thrown(() => parseStatsTrack('count=1,bytes'))).toBe('java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1');
    expect(thrown(() => parseStatsTrack('count=abc'))).toBe('java.lang.NumberFormatException: For input string: "abc"');
    expect(thrown(() => parseStatsTrack('count=99999999999999999999'))).toBe('java.lang.NumberFormatException: For input string: "99999999999999999999"');
    expect(thrown(() => parseStatsTrackBytes(null))).toBe('java.lang.NullPointerException: Cannot read the array length because "bytes" is null');
  });
});
