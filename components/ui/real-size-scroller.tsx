"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A box that scrolls sideways for content shown at its real size — an ad wider than the
 * screen, a 728×90 on a phone — which is never scaled or cut. While it can scroll it is a
 * labelled, focusable region, so a keyboard can scroll it too (axe: scrollable-region-focusable);
 * while it cannot, it is no tab stop. Measured after layout and again on every resize.
 */
export function RealSizeScroller({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollable, setScrollable] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrollable(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={cn("max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600", className)}
      data-scrollable={scrollable ? "true" : undefined}
      {...(scrollable ? { tabIndex: 0, role: "region", "aria-label": `${label} (scrolls sideways)` } : {})}
    >
      {children}
    </div>
  );
}
