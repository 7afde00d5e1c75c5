/** Play / pause, step one event (or to the next vote …), breakpoints, speed 0.1×–100×, the clock, the time slider and branches. */
import {
  healAllLinks, selectCutLinks, selectPaused, selectSpeed, slowDown, speedUp, setSpeed, stepEvent, togglePlayback, useLabStore,
} from '../../store/index.ts';
import { t } from '../strings.ts';
import { PauseIcon, PlayIcon, StepIcon } from './icons.tsx';
import { SimClock } from './SimClock.tsx';
import { BranchPicker, BreakpointPicker, StepToButtons, TimeSlider } from './TimeTravel.tsx';
import { formatSpeed, SLIDER_STEPS, sliderToSpeed, speedToSlider } from './speedScale.ts';

/** Play/Pause and Step: the two buttons every page with a lab has (the full page's controls, an embed's). */
export function PlayStepButtons({ paused }: { paused: boolean }) {
  return (
    <>
      <button
        type="button"
        className={`btn btn-play ${paused ? 'btn-primary' : ''}`}
        onClick={togglePlayback}
        aria-label={paused ? t.play : t.pause}
      >
        {paused ? <PlayIcon /> : <PauseIcon />}
        {paused ? t.play : t.pause}
      </button>
      <button type="button" className="btn" onClick={() => void stepEvent()} aria-label={t.stepLabel} title={t.stepTitle}>
        <StepIcon />
        {t.step}
      </button>
    </>
  );
}

export function PlaybackControls() {
  const paused = useLabStore(selectPaused);
  const speed = useLabStore(selectSpeed);
  const hasCuts = useLabStore((s) => selectCutLinks(s).length > 0);
  return (
    <div className="controls" role="group" aria-label={t.playbackGroup}>
      <PlayStepButtons paused={paused} />
      <StepToButtons />
      <BreakpointPicker />
      <div className="speed">
        <button type="button" className="btn btn-icon" onClick={slowDown} aria-label={t.slower}>
          −
        </button>
        <input
          type="range"
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={speedToSlider(speed)}
          aria-label={t.speed}
          aria-valuetext={formatSpeed(speed)}
          onChange={(e) => setSpeed(sliderToSpeed(Number(e.currentTarget.value)))}
        />
        <button type="button" className="btn btn-icon" onClick={speedUp} aria-label={t.faster}>
          +
        </button>
        <output className="speed-value" aria-live="off">
          {formatSpeed(speed)}
        </output>
      </div>
      <SimClock paused={paused} />
      <TimeSlider />
      <BranchPicker />
      {hasCuts && (
        <button type="button" className="btn" onClick={() => void healAllLinks()}>
          {t.healAll}
        </button>
      )}
    </div>
  );
}
