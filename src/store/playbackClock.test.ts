import { describe, expect, test } from 'vitest';
import { MAX_FRAME_WALL_MS, PlaybackClock } from './playbackClock.ts';

describe('PlaybackClock', () => {
  test('1x: one wall ms is one simulated ms', () => {
    const c = new PlaybackClock();
    expect(c.advance(0, 1, 16)).toBe(16);
    expect(c.advance(16, 1, 17)).toBe(33);
  });

  test('speed multiplies', () => {
    const c = new PlaybackClock();
    expect(c.advance(1000, 100, 16)).toBe(2600);
    expect(c.advance(2600, 0.5, 10)).toBe(2605);
  });

  test('a background tab does not jump: the wall step is capped', () => {
    const c = new PlaybackClock();
    expect(c.advance(0, 1, 5 * 60_000)).toBe(MAX_FRAME_WALL_MS);
    expect(c.advance(MAX_FRAME_WALL_MS, 100, 60_000)).toBe(MAX_FRAME_WALL_MS + 100 * MAX_FRAME_WALL_MS);
  });

  test('0.1x still advances: fractions carry to the next frame', () => {
    const c = new PlaybackClock();
    let now = 0;
    for (let i = 0; i < 60; i++) {
      const t = c.advance(now, 0.1, 16);
      if (t !== null) {
        expect(Number.isInteger(t)).toBe(true);
        now = t;
      }
    }
    expect(now).toBe(96);
  });

  test('when the simulation moved by itself, the clock follows it', () => {
    const c = new PlaybackClock();
    expect(c.advance(0, 1, 10)).toBe(10);
    // a `lab run 5s` happened meanwhile
    expect(c.advance(5010, 1, 10)).toBe(5020);
    // an interrupted run stopped short of the target
    expect(c.advance(5015, 1, 10)).toBe(5025);
  });

  test('negative wall steps do nothing', () => {
    expect(new PlaybackClock().advance(7, 1, -50)).toBeNull();
  });
});
