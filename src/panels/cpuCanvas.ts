/**
 * 2D canvases that never wait on the GPU. A GPU-backed 2D canvas is rate-limited against the GPU, so
 * redrawing a chart while the GPU is busy with a 10,000-rack frame (software GL especially) blocks the
 * main thread for hundreds of ms. Charts are small: rasterising them on the CPU is cheap, and the page
 * stays responsive whatever the 3D view costs. `willReadFrequently` is how a page asks for that.
 */
const CPU: CanvasRenderingContext2DSettings = { willReadFrequently: true };

export function cpuContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  return canvas.getContext('2d', CPU)!;
}

/** Runs `create` (e.g. `new uPlot(…)`, which takes its canvas context synchronously) with 2D contexts CPU-backed. */
export function withCpuCanvases<T>(create: () => T): T {
  const proto = HTMLCanvasElement.prototype;
  const original = proto.getContext;
  proto.getContext = function (this: HTMLCanvasElement, type: string, options?: unknown) {
    return original.call(this, type, type === '2d' ? { ...(options as object | undefined), ...CPU } : options);
  } as typeof proto.getContext;
  try {
    return create();
  } finally {
    proto.getContext = original;
  }
}
