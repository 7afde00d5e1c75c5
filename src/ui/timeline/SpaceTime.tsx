/**
 * The space-time diagram: a lane per server (and per client), an arrow per packet, role bands
 * from each server's state changes. The canvas is drawn by the frame loop (spaceTimeDrawer.ts);
 * React owns only the controls, the filter, the tooltip and the text alternative.
 * Hovering an arrow highlights the packet in the ring; hovering a lane (or a server's card in the
 * ring) highlights that server in both views (../highlight.ts).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { laneRoleSource, selectProtocol, selectServerIds, subscribeFrame, useLabStore, type ProtocolInfo } from '../../store/index.ts';
import { paletteOf } from '../cluster/packetPalette.ts';
import { highlightPacket, highlightServer } from '../highlight.ts';
import { t } from '../strings.ts';
import { panView, zoomView } from './layout.ts';
import { packetText } from './packetText.ts';
import { registerSpaceTime } from '../export/registry.ts';
import { LABEL_W, SpaceTimeDrawer, type RoleColours } from './spaceTimeDrawer.ts';

const TEXT_MAX = 200;

/** `#2563eb` at `alpha` as rgba (a role band's fill from the role's colour). */
function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)},${parseInt(m[2]!, 16)},${parseInt(m[3]!, 16)},${alpha})`;
}

/** Band colours for the protocol's roles from its description (ZooKeeper's bands keep the diagram's own). */
function roleColoursOf(p: ProtocolInfo): RoleColours {
  return p.hasZkCli ? {} : Object.fromEntries(p.roles.map((r) => [r.id, { fill: withAlpha(r.colour, 0.1), line: r.colour }]));
}

interface Tip {
  x: number;
  y: number;
  text: string;
}

export function SpaceTime() {
  const serverIds = useLabStore(selectServerIds);
  const protocol = useLabStore(selectProtocol);
  const palette = paletteOf(protocol);
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawerRef = useRef<SpaceTimeDrawer | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [hiddenTypes, setHiddenTypes] = useState<ReadonlySet<string>>(() => new Set());
  const [hiddenFamilies, setHiddenFamilies] = useState<ReadonlySet<string>>(() => new Set());
  const [showClients, setShowClients] = useState(true);
  // The clients' lanes toggle only where the run has clients (ZooKeeper's zkCli sessions).
  const [hasClients, setHasClients] = useState(false);
  const [follow, setFollow] = useState(true);
  const [tip, setTip] = useState<Tip | null>(null);
  const [textOpen, setTextOpen] = useState(false);
  const [textLines, setTextLines] = useState<string[]>([]);
  const [textMore, setTextMore] = useState(0);
  const textOpenRef = useRef(false);

  // The drawer lives as long as the canvas; the frame loop drives it.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const canvas = canvasRef.current;
    if (!root || !canvas) return;
    const drawer = new SpaceTimeDrawer(root, canvas);
    drawer.laneRoles = laneRoleSource();
    drawerRef.current = drawer;
    const unregister = registerSpaceTime(drawer); // what the diagram's exports draw
    drawer.onShape = () => {
      setTypes([...drawer.index.types]);
      setHasClients(drawer.index.clients.length > 0);
    };
    const body = canvas.parentElement!;
    const resize = () => {
      const r = body.getBoundingClientRect();
      drawer.resize(Math.floor(r.width), Math.floor(r.height), window.devicePixelRatio || 1);
    };
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(body);
    let lastText = 0;
    let lastTextKey = '';
    const unsubscribe = subscribeFrame((frame) => {
      drawer.frame(frame);
      if (textOpenRef.current) {
        const now = performance.now();
        const key = `${frame.generation}|${frame.sim.trace.length}|${drawer.version}`;
        if (key !== lastTextKey && now - lastText > 500) {
          lastText = now;
          lastTextKey = key;
          const list = drawer.drawnPackets();
          setTextMore(Math.max(0, list.length - TEXT_MAX));
          setTextLines(list.slice(-TEXT_MAX).map(packetText));
        }
      }
    });
    return () => {
      unsubscribe();
      unregister();
      ro.disconnect();
      drawerRef.current = null;
      highlightPacket(null);
    };
  }, []);

  // Options into the drawer.
  const effectiveHidden = useMemo(() => {
    const s = new Set(hiddenTypes);
    for (const type of types) if (hiddenFamilies.has(palette.group(type))) s.add(type);
    return s;
  }, [types, hiddenTypes, hiddenFamilies, palette]);
  useEffect(() => {
    const d = drawerRef.current;
    if (!d) return;
    d.options = { serverIds, showClients, hiddenTypes: effectiveHidden, palette, names: protocol.names, roleColours: roleColoursOf(protocol) };
    d.invalidate();
  }, [serverIds, showClients, effectiveHidden, palette, protocol]);
  useEffect(() => {
    textOpenRef.current = textOpen;
    drawerRef.current?.invalidate();
  }, [textOpen]);

  const setView = useCallback((fn: (d: SpaceTimeDrawer) => void) => {
    const d = drawerRef.current;
    if (!d) return;
    fn(d);
    d.invalidate();
    setFollow(d.view.follow);
  }, []);

  const zoom = useCallback(
    (factor: number, anchorX?: number) =>
      setView((d) => {
        const [t0, t1] = d.timeWindow;
        const anchor = anchorX === undefined ? (d.view.follow ? d.simNow : (t0 + t1) / 2) : d.timeAtX(anchorX);
        const follow = d.view.follow && anchorX === undefined;
        d.view = zoomView(d.view, d.simNow, anchor, factor);
        if (follow) d.view = { ...d.view, follow: true };
      }),
    [setView],
  );
  const pan = useCallback((dt: number) => setView((d) => (d.view = panView(d.view, d.simNow, dt))), [setView]);

  // Wheel zooms (a non-passive listener, so the page does not scroll meanwhile).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = drawerRef.current;
        if (d) pan(e.deltaX * d.msPerPx());
        return;
      }
      const r = canvas.getBoundingClientRect();
      zoom(Math.exp(e.deltaY * 0.002), Math.max(LABEL_W, e.clientX - r.left));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [zoom, pan]);

  const drag = useRef<{ x: number; moved: boolean } | null>(null);
  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = drawerRef.current;
    if (!d) return;
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const g = drag.current;
    if (g) {
      const dx = e.clientX - g.x;
      if (g.moved || Math.abs(dx) > 2) {
        g.moved = true;
        g.x = e.clientX;
        pan(-dx * d.msPerPx());
        setTip(null);
        return;
      }
    }
    const p = d.packetAt(px, py);
    highlightPacket(p?.id ?? null);
    highlightServer(p ? null : d.laneAtY(py));
    setTip(p ? { x: px, y: py, text: packetText(p) } : null);
  };
  const onPointerLeave = () => {
    highlightPacket(null);
    highlightServer(null);
    setTip(null);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const d = drawerRef.current;
    if (!d) return;
    const step = d.view.spanMs * 0.2;
    let handled = true;
    if (e.key === 'ArrowLeft') pan(-step);
    else if (e.key === 'ArrowRight') pan(step);
    else if (e.key === '+' || e.key === '=') zoom(1 / 1.5);
    else if (e.key === '-' || e.key === '_') zoom(1.5);
    else if (e.key === 'End') setView((dd) => (dd.view = { ...dd.view, follow: true }));
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const toggleType = (type: string) =>
    setHiddenTypes((s) => {
      const n = new Set(s);
      if (n.has(type)) n.delete(type);
      else n.add(type);
      return n;
    });
  const toggleFamily = (family: string) =>
    setHiddenFamilies((s) => {
      const n = new Set(s);
      if (n.has(family)) n.delete(family);
      else n.add(family);
      return n;
    });
  const familiesSeen = palette.groups.filter((g) => types.some((type) => palette.group(type) === g.id));

  return (
    <section className="timeline-panel panel" aria-labelledby="timeline-title">
      <header className="panel-head timeline-head">
        <h2 id="timeline-title" className="visually-hidden">{t.timelineTitle}</h2>
        <div className="timeline-families" role="group" aria-label={t.timelineFilterLabel}>
          {familiesSeen.map((g) => (
            <button
              key={g.id}
              type="button"
              className="chip"
              aria-pressed={!hiddenFamilies.has(g.id)}
              title={t.timelineFamilyToggle(g.label())}
              onClick={() => toggleFamily(g.id)}
            >
              <span className="pill" style={{ background: g.colour }} aria-hidden="true" />
              {g.label()}
            </button>
          ))}
          <details className="timeline-types">
            <summary>{t.timelineTypes}</summary>
            <div className="timeline-types-list">
              {types.map((type) => (
                <label key={type} className={hiddenFamilies.has(palette.group(type)) ? 'off' : undefined}>
                  <input
                    type="checkbox"
                    aria-label={type}
                    checked={!effectiveHidden.has(type)}
                    disabled={hiddenFamilies.has(palette.group(type))}
                    onChange={() => toggleType(type)}
                  />
                  <span className="pill" style={{ background: palette.colour(type) }} aria-hidden="true" />
                  {type}
                </label>
              ))}
            </div>
          </details>
        </div>
        <div className="timeline-tools">
{hasClients && (
          <label className="chip" title={t.timelineClientsTitle}>
            <input type="checkbox" checked={showClients} onChange={(e) => setShowClients(e.currentTarget.checked)} />
            {t.timelineClients}
          </label>
          )}
          <button type="button" className="btn" aria-label={t.timelineZoomOut} title={t.timelineZoomOut} onClick={() => zoom(1.5)}>
            −
          </button>
          <button type="button" className="btn" aria-label={t.timelineZoomIn} title={t.timelineZoomIn} onClick={() => zoom(1 / 1.5)}>
            +
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={follow}
            title={t.timelineFollowTitle}
            onClick={() => setView((d) => (d.view = { ...d.view, follow: !d.view.follow, endT: d.timeWindow[1] }))}
          >
            {t.timelineFollow}
          </button>
          <button type="button" className="btn" aria-expanded={textOpen} aria-controls="timeline-text" title={t.timelineAsTextTitle} onClick={() => setTextOpen((o) => !o)}>
            {t.timelineAsText}
          </button>
        </div>
      </header>
      <div className="timeline-body" ref={rootRef} data-follow={follow ? 'true' : 'false'}>
        <canvas
          ref={canvasRef}
          className="timeline-canvas"
          role="img"
          tabIndex={0}
          aria-label={t.timelineTitle}
          aria-describedby="timeline-hint"
          onPointerDown={onPointerDown}
          onPointerUp={onPointerUp}
          onPointerMove={onPointerMove}
          onPointerLeave={onPointerLeave}
          onKeyDown={onKeyDown}
        />
        {tip && (
          <div className="timeline-tip" role="tooltip" style={{ left: Math.min(tip.x + 12, 10000), top: tip.y + 14 }}>
            {tip.text}
          </div>
        )}
        {textOpen && (
          <div className="timeline-text" id="timeline-text">
            <ol aria-label={t.timelineTextLabel}>
              {textMore > 0 && <li className="more">{t.timelineTextMore(textMore)}</li>}
              {textLines.length === 0 ? <li>{t.timelineNone}</li> : textLines.map((line, i) => <li key={i}>{line}</li>)}
            </ol>
          </div>
        )}
      </div>
      <p className="timeline-foot" id="timeline-hint">
        <span>{t.timelineHint}</span>
        <span className="timeline-marks" aria-hidden="true">
          <span className="mark-flight">●</span> {t.timelineLegendFlight} <span className="mark-held">○</span> {t.timelineLegendHeld}{' '}
          <span className="mark-drop">×</span> {t.timelineLegendDropped}
        </span>
      </p>
    </section>
  );
}
