/**
 * The ring as a video (WebM) of a span of simulated time. Frames are not captured as the page
 * plays: the lab seeks to each frame's simulated moment in turn (`from + k · speed · 1000/fps`),
 * the ring is read as a scene (./ringScene.ts), and only then are the scenes drawn onto a canvas
 * whose stream MediaRecorder encodes, one frame per 1/fps of wall time (`requestFrame`). So the
 * pictures depend only on the run, not on how fast the machine is; the lab goes back to where it
 * was afterwards (src/store/exportRun.ts walkTimes).
 */
import { walkTimes } from '../../store/exportRun.ts';
import { drawScene, type Scene } from './scene.ts';
import { ringScene } from './ringScene.ts';

export interface VideoOptions {
  fromMs: number;
  toMs: number;
  /** Frames per second of the video. */
  fps: number;
  /** Simulated time per video time (0.25: a simulated second lasts four seconds). */
  speed: number;
  /** 0–1 of each phase: reading the frames from the simulation, then encoding them. */
  onProgress?: (phase: 'frames' | 'encode', done: number, total: number) => void;
  cancelled?: () => boolean;
  caption?: (tMs: number) => string;
  title?: string;
}

/** At most this many frames (a minute at 30 fps). */
export const MAX_FRAMES = 1800;

/** The moments of the frames. */
export function frameTimes(fromMs: number, toMs: number, fps: number, speed: number): number[] {
  const step = (1000 / fps) * speed;
  if (!(step > 0) || !(toMs >= fromMs)) return [];
  const n = Math.min(MAX_FRAMES, Math.floor((toMs - fromMs) / step + 1e-9) + 1);
  return Array.from({ length: n }, (_, k) => Math.round((fromMs + k * step) * 1000) / 1000);
}

/** Whether this browser can record a canvas as WebM. */
export function canRecordVideo(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof HTMLCanvasElement.prototype.captureStream === 'function' && webmType() !== null;
}

function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  for (const type of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']) if (MediaRecorder.isTypeSupported(type)) return type;
  return null;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Records the ring from `fromMs` to `toMs` of simulated time; null when cancelled. */
export async function recordRingVideo(opts: VideoOptions): Promise<Blob | null> {
  const type = webmType();
  if (!type) throw new Error('this browser cannot record WebM video');
  const times = frameTimes(opts.fromMs, opts.toMs, opts.fps, opts.speed);
  if (times.length === 0) throw new Error('an empty span');
  const cancelled = opts.cancelled ?? (() => false);
  const scenes: Scene[] = [];
  // 1. The frames, each from the simulation at its moment (React and the packet canvas catch up in two frames).
  await walkTimes(
    times,
    async (i, t) => {
      await nextFrame();
      await nextFrame();
      const scene = ringScene(opts.caption ? opts.caption(t) : `${(t / 1000).toFixed(3)} s`, opts.title ?? '');
      if (scene) scenes.push(scene);
      opts.onProgress?.('frames', i + 1, times.length);
    },
    cancelled,
  );
  if (cancelled() || scenes.length === 0) return null;
  // 2. Encode: one scene per 1/fps of wall time (even width and height: the encoders want them).
  const width = scenes[0]!.width + (scenes[0]!.width % 2);
  const height = scenes[0]!.height + (scenes[0]!.height % 2);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  drawScene(ctx, scenes[0]!);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as (MediaStreamTrack & { requestFrame?: () => void }) | undefined;
  const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start(1000);
  const start = performance.now();
  const interval = 1000 / opts.fps;
  for (let k = 0; k < scenes.length; k++) {
    if (cancelled()) break;
    drawScene(ctx, scenes[k]!);
    track?.requestFrame?.();
    opts.onProgress?.('encode', k + 1, scenes.length);
    await sleep(start + (k + 1) * interval - performance.now());
  }
  // The last frame stays for one more interval, then the recording ends.
  track?.requestFrame?.();
  await sleep(interval);
  recorder.stop();
  await stopped;
  for (const tr of stream.getTracks()) tr.stop();
  if (cancelled()) return null;
  return new Blob(chunks, { type: 'video/webm' });
}
