import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { clampSpeed, playbackMachine, SPEED_MAX, SPEED_MIN, stepSpeed } from './playbackMachine.ts';

function start(input: { speed?: number; paused?: boolean } = {}) {
  return createActor(playbackMachine, { input }).start();
}

describe('playbackMachine', () => {
  test('a lab opens playing at 1x', () => {
    const a = start();
    expect(a.getSnapshot().value).toBe('playing');
    expect(a.getSnapshot().context.speed).toBe(1);
  });

  test('can be started paused', () => {
    expect(start({ paused: true }).getSnapshot().value).toBe('paused');
  });

  test('play, pause and toggle', () => {
    const a = start();
    a.send({ type: 'PAUSE' });
    expect(a.getSnapshot().value).toBe('paused');
    a.send({ type: 'PAUSE' });
    expect(a.getSnapshot().value).toBe('paused');
    a.send({ type: 'TOGGLE' });
    expect(a.getSnapshot().value).toBe('playing');
    a.send({ type: 'PLAY' });
    expect(a.getSnapshot().value).toBe('playing');
    a.send({ type: 'TOGGLE' });
    expect(a.getSnapshot().value).toBe('paused');
  });

  test('speed is kept between 0.1x and 100x, in either state', () => {
    const a = start();
    a.send({ type: 'SET_SPEED', speed: 1000 });
    expect(a.getSnapshot().context.speed).toBe(SPEED_MAX);
    a.send({ type: 'PAUSE' });
    a.send({ type: 'SET_SPEED', speed: 0.001 });
    expect(a.getSnapshot().context.speed).toBe(SPEED_MIN);
    expect(a.getSnapshot().value).toBe('paused');
    a.send({ type: 'SET_SPEED', speed: Number.NaN });
    expect(a.getSnapshot().context.speed).toBe(1);
  });

  test('faster and slower walk the presets and stop at the ends', () => {
    const a = start();
    a.send({ type: 'FASTER' });
    expect(a.getSnapshot().context.speed).toBe(2);
    a.send({ type: 'SLOWER' });
    a.send({ type: 'SLOWER' });
    expect(a.getSnapshot().context.speed).toBe(0.5);
    for (let i = 0; i < 20; i++) a.send({ type: 'SLOWER' });
    expect(a.getSnapshot().context.speed).toBe(SPEED_MIN);
    for (let i = 0; i < 20; i++) a.send({ type: 'FASTER' });
    expect(a.getSnapshot().context.speed).toBe(SPEED_MAX);
  });
});

describe('speed helpers', () => {
  test('clampSpeed', () => {
    expect(clampSpeed(3.14159)).toBe(3.14);
    expect(clampSpeed(-5)).toBe(0.1);
    expect(clampSpeed(Infinity)).toBe(1);
  });
  test('stepSpeed from a value between presets', () => {
    expect(stepSpeed(3, 1)).toBe(5);
    expect(stepSpeed(3, -1)).toBe(2);
  });
});
