/** The canvas the frame loop draws packets onto (see packetDrawer.ts), between the links and the cards. */
import { useEffect, useRef } from 'react';
import { subscribeFrame } from '../../store/index.ts';
import type { RingLayout } from './layout.ts';
import { PacketDrawer } from './packetDrawer.ts';
import { PRESENT_PACKET_SCALE, usePresenting } from '../present/presentMode.ts';
import { registerPacketDrawer } from '../export/registry.ts';

export function PacketLayer({ layout }: { layout: RingLayout }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const layoutRef = useRef(layout);
  const drawerRef = useRef<PacketDrawer | null>(null);
  // Presenting, the packets' labels are legible from the back of a room.
  const scale = usePresenting() ? PRESENT_PACKET_SCALE : 1;
  const scaleRef = useRef(scale);
  useEffect(() => {
    scaleRef.current = scale;
    drawerRef.current?.setScale(scale);
  }, [scale]);
  useEffect(() => {
    layoutRef.current = layout;
    drawerRef.current?.resize(layout.width, layout.height, window.devicePixelRatio || 1);
  }, [layout]);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const drawer = new PacketDrawer(canvas);
    drawerRef.current = drawer;
    drawer.setScale(scaleRef.current);
    const unregister = registerPacketDrawer(drawer); // what the ring's exports draw
    drawer.resize(layoutRef.current.width, layoutRef.current.height, window.devicePixelRatio || 1);
    const unsubscribe = subscribeFrame((frame) => drawer.draw(frame, layoutRef.current));
    // The canvas lets the pointer through (to the links and cards); the cluster names the packet under it.
    const cluster = canvas.parentElement;
    const onMove = (e: PointerEvent) => {
      if (!cluster) return;
      const r = canvas.getBoundingClientRect();
      const text = drawer.packetAt(e.clientX - r.left, e.clientY - r.top);
      if (text === null) cluster.removeAttribute('title');
      else if (cluster.getAttribute('title') !== text) cluster.setAttribute('title', text);
    };
    cluster?.addEventListener('pointermove', onMove);
    return () => {
      cluster?.removeEventListener('pointermove', onMove);
      unsubscribe();
      unregister();
      drawer.clear();
      drawerRef.current = null;
    };
  }, []);
  return <canvas className="packet-canvas" ref={ref} aria-hidden="true" />;
}
