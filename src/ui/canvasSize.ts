/** A canvas drawn at the device's pixel ratio: its backing store and its CSS size. */
export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

/**
 * Sizes `canvas` to `width`×`height` CSS pixels at `dpr` and records it in `size`. Returns false
 * (and touches nothing) when the size is unchanged; a resized canvas is blank.
 */
export function resizeCanvas(canvas: HTMLCanvasElement, size: CanvasSize, width: number, height: number, dpr: number): boolean {
  if (width === size.width && height === size.height && dpr === size.dpr) return false;
  size.width = width;
  size.height = height;
  size.dpr = dpr;
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.max(1, Math.round(height * dpr));
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  return true;
}
