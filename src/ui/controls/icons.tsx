/** Small inline icons (no icon font: every glyph renders the same everywhere). */
const common = { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': true, focusable: false } as const;

export function PlayIcon() {
  return (
    <svg {...common}>
      <path d="M2.5 1.5v9l8-4.5z" fill="currentColor" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg {...common}>
      <rect x="2" y="1.5" width="3" height="9" rx="0.6" fill="currentColor" />
      <rect x="7" y="1.5" width="3" height="9" rx="0.6" fill="currentColor" />
    </svg>
  );
}

export function StepIcon() {
  return (
    <svg {...common}>
      <path d="M1.5 1.5v9l6.5-4.5z" fill="currentColor" />
      <rect x="8.5" y="1.5" width="2" height="9" rx="0.5" fill="currentColor" />
    </svg>
  );
}
