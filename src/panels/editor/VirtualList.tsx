/**
 * A long list in the editor that builds only the items near the editor's visible part. The 1,024-rack
 * hall's 64 rows and 131 power feeds were some 2,100 elements created, styled and laid out in the one task
 * that opened the model; now about 30 items are. Short lists (the usual hall) render every item.
 *
 * Items may differ in height (a row with problems is taller): each rendered item's height is measured by
 * a ResizeObserver (after layout, never forcing one) and kept; items not yet seen count as the mean of the
 * measured ones (`estimate` before any is).
 * The space of the items not built is held by two spacers, so the panel's scrollbar is the full list's.
 * Tab moves through every item: focus on an item near either end of the window widens it first.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Lists up to this long render every item. */
export const RENDER_ALL_UP_TO = 40;
/** Items built beyond each edge of the visible part. */
const OVERSCAN = 8;

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o === 'auto' || o === 'scroll') return p;
  }
  return null;
}

export function VirtualList({ count, estimate, item, className, testId }: {
  /** Number of items. */
  count: number;
  /** Height (px) assumed for an item never rendered. */
  estimate: number;
  /** Renders item i (its root element gets the list's bookkeeping attribute through a wrapper). */
  item: (i: number) => ReactNode;
  className?: string;
  testId?: string;
}) {
  const all = count <= RENDER_ALL_UP_TO;
  const box = useRef<HTMLDivElement>(null);
  const heights = useRef<number[]>([]);
  // Before anything is measured: as many items as a window's height could show, from the top.
  const [range, setRange] = useState<[number, number]>(() => [0, Math.min(count, Math.ceil(window.innerHeight / estimate))]);
  const [, setMeasured] = useState(0); // bumps when a height changes, so the spacers follow
  const focused = useRef(-1);

  // Items not yet rendered count as the mean of those measured (the items of a list are alike), else `estimate`.
  const mean = useRef({ sum: 0, n: 0 });
  const guess = () => (mean.current.n ? mean.current.sum / mean.current.n : estimate);
  const height = (i: number) => heights.current[i] ?? guess();

  // Window of items from the scroll position: read in scroll and resize callbacks only, when layout is
  // clean (never in a render or an effect, where it would force the new page's layout into that task).
  const scroller = useRef<HTMLElement | Window | null>(null);
  const update = useRef<() => void>(() => {});
  update.current = () => {
    const el = box.current;
    if (!el || all || !scroller.current) return;
    const view = scroller.current instanceof HTMLElement ? scroller.current.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    const top = el.getBoundingClientRect().top;
    // Item i spans [top + offset(i), top + offset(i + 1)) on screen.
    let y = top, first = count, last = count;
    for (let i = 0; i < count; i++) {
      if (y >= view.bottom) { last = i; break; }
      const h = height(i);
      if (first === count && y + h > view.top) first = i;
      y += h;
    }
    // No item in view: the list is below it (start at its top) or above it (its end).
    if (first === count) first = last < count ? last : Math.max(0, count - 1);
    let from = Math.max(0, first - OVERSCAN), to = Math.min(count, Math.max(last, first + 1) + OVERSCAN);
    const f = focused.current;
    if (f >= 0 && f < count) { from = Math.min(from, Math.max(0, f - 2)); to = Math.max(to, Math.min(count, f + 3)); }
    setRange((r) => (r[0] === from && r[1] === to ? r : [from, to]));
  };

  useEffect(() => {
    const el = box.current;
    if (!el || all) return;
    const onScroll = () => update.current();
    // Fires after the first layout (the scroller is looked up then) and whenever the list or the panel
    // changes size (a row added or removed, items measured, the window resized).
    const ro = new ResizeObserver(() => {
      if (!scroller.current) {
        const p = scrollParent(el);
        scroller.current = p ?? window;
        scroller.current.addEventListener('scroll', onScroll, { passive: true });
        if (p) ro.observe(p);
      }
      update.current();
    });
    ro.observe(el);
    return () => { ro.disconnect(); scroller.current?.removeEventListener('scroll', onScroll); scroller.current = null; };
  }, [all]);

  // Item heights, measured after layout.
  const itemObserver = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    if (all) return;
    const ro = new ResizeObserver((entries) => {
      let changed = false;
      for (const e of entries) {
        const i = Number((e.target as HTMLElement).dataset.index);
        const h = e.borderBoxSize?.[0]?.blockSize ?? (e.target as HTMLElement).offsetHeight; // fractional: no drift over many items
        const was = heights.current[i];
        if (h > 0 && was !== h) {
          if (was === undefined) mean.current.n++;
          mean.current.sum += h - (was ?? 0);
          heights.current[i] = h;
          changed = true;
        }
      }
      if (changed) {
        setMeasured((m) => m + 1); // the spacers follow
        update.current();
      }
    });
    itemObserver.current = ro;
    return () => { ro.disconnect(); itemObserver.current = null; };
  }, [all]);
  useLayoutEffect(() => {
    const ro = itemObserver.current;
    if (!ro || !box.current) return;
    for (const child of Array.from(box.current.children) as HTMLElement[]) if (child.dataset.index !== undefined) ro.observe(child);
  });

  if (all) {
    return <div className={className} data-testid={testId}>{Array.from({ length: count }, (_, i) => <div key={i} data-index={i} className="vl-item">{item(i)}</div>)}</div>;
  }
  const from = Math.min(range[0], count), to = Math.min(range[1], count);
  let before = 0, after = 0;
  for (let i = 0; i < from; i++) before += height(i);
  for (let i = to; i < count; i++) after += height(i);
  const shown: ReactNode[] = [];
  for (let i = from; i < to; i++) shown.push(<div key={i} data-index={i} className="vl-item">{item(i)}</div>);
  return (
    <div
      ref={box} className={className} data-testid={testId} data-virtual={`${from}-${to} of ${count}`}
      onFocus={(e) => {
        const at = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
        focused.current = at ? Number(at.dataset.index) : -1;
        if (focused.current >= 0 && (focused.current < from + 2 || focused.current >= to - 3)) update.current();
      }}
      onBlur={() => { focused.current = -1; }}
    >
      <div style={{ height: before }} aria-hidden />
      {shown}
      <div style={{ height: after }} aria-hidden />
    </div>
  );
}
