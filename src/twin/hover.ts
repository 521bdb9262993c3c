/** The component under the pointer (a signal: it changes on pointer moves, not through React state). */
import { createSignal } from '../state/store';

export const hovered = createSignal<{ id: string; x: number; y: number } | null>(null);
