/**
 * Scene labels are plain DOM in one overlay (no React root per label, no draw calls). The overlay
 * registers each label's element, its 3D anchor and its measured size here, most important first; the
 * projector inside the Canvas moves them.
 */
export interface Anchor { el: HTMLElement; x: number; y: number; z: number; w: number; h: number }

export const anchors: Anchor[] = [];

export function setAnchors(next: readonly Anchor[]): void {
  anchors.length = 0;
  anchors.push(...next);
}
