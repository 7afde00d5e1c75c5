/** The speed slider is logarithmic: 0…SLIDER_STEPS ↔ 0.1×…100×. Pure, unit-tested. */
import { SPEED_MAX, SPEED_MIN } from '../../store/index.ts';

export const SLIDER_STEPS = 300;

const LOG_MIN = Math.log10(SPEED_MIN);
const LOG_MAX = Math.log10(SPEED_MAX);

export function sliderToSpeed(v: number): number {
  const u = Math.min(1, Math.max(0, v / SLIDER_STEPS));
  const x = 10 ** (LOG_MIN + u * (LOG_MAX - LOG_MIN));
  // Friendly values: 2 significant digits, exact presets where the slider passes them.
  return Number(x.toPrecision(x < 1 ? 1 : 2));
}

export function speedToSlider(speed: number): number {
  const s = Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
  return Math.round(((Math.log10(s) - LOG_MIN) / (LOG_MAX - LOG_MIN)) * SLIDER_STEPS);
}

/** `1×`, `0.25×`, `12×`. */
export function formatSpeed(speed: number): string {
  return `${Number(speed.toPrecision(3))}×`;
}
