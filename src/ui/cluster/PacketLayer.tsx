/** The SVG group the frame loop draws packets into (see packetDrawer.ts). */
import { useEffect, useRef } from 'react';
import { subscribeFrame } from '../../store/index.ts';
import type { RingLayout } from './layout.ts';
import { PacketDrawer } from './packetDrawer.ts';

export function PacketLayer({ layout }: { layout: RingLayout }) {
  const ref = useRef<SVGGElement>(null);
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);
  useEffect(() => {
    const g = ref.current;
    if (!g) return;
    const drawer = new PacketDrawer(g);
    const unsubscribe = subscribeFrame((frame) => drawer.draw(frame, layoutRef.current));
    return () => {
      unsubscribe();
      drawer.clear();
    };
  }, []);
  return <g className="packets" ref={ref} />;
}
