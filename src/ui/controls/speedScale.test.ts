import { describe, expect, test } from 'vitest';
import { formatSpeed, SLIDER_STEPS, sliderToSpeed, speedToSlider } from './speedScale.ts';

describe('speed slider', () => {
  test('ends and middle', () => {
    expect(sliderToSpeed(0)).toBe(0.1);
    expect(sliderToSpeed(SLIDER_STEPS)).toBe(100);
    expect(sliderToSpeed(SLIDER_STEPS / 3)).toBe(1);
    expect(sliderToSpeed((2 * SLIDER_STEPS) / 3)).toBe(10);
  });
  test('round trip of the presets', () => {
    for (const s of [0.1, 1, 10, 100]) expect(sliderToSpeed(speedToSlider(s))).toBe(s);
    expect(speedToSlider(1000)).toBe(SLIDER_STEPS);
  });
  test('format', () => {
    expect(formatSpeed(1)).toBe('1×');
    expect(formatSpeed(0.25)).toBe('0.25×');
  });
});
