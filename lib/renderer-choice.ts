/**
 * Which xterm renderer a pane uses. The WebGL renderer is the fastest on a real GPU, but
 * on a software rasteriser (SwiftShader, llvmpipe: headless CI, VMs, Chrome with the GPU
 * blocklisted) it is about 4x slower than the DOM renderer, and a dashboard with six busy
 * panes then pins a core. So WebGL only when the GL renderer string names hardware.
 * `?renderer=webgl|dom` in the page URL overrides the detection (for benchmarks and bugs).
 */
export type RendererKind = 'webgl' | 'dom';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen|lavapipe/i;

export function isSoftwareRenderer(rendererName: string): boolean {
  return SOFTWARE_RENDERER.test(rendererName);
}

export function rendererOverride(search: string): RendererKind | null {
  const value = new URLSearchParams(search).get('renderer');
  return value === 'webgl' || value === 'dom' ? value : null;
}

/** The unmasked GL renderer name, or null when WebGL is unavailable. */
export function probeGlRenderer(): string | null {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  // Give the context back now: browsers cap live WebGL contexts (~16) and every pane
  // with the WebGL renderer needs one of its own.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

let detected: RendererKind | null = null;

/** The renderer for new panes: the URL override, else the (cached) GPU detection. */
export function chooseRenderer(search: string = window.location.search): RendererKind {
  const forced = rendererOverride(search);
  if (forced) return forced;
  if (detected === null) {
    const name = probeGlRenderer();
    detected = name !== null && !isSoftwareRenderer(name) ? 'webgl' : 'dom';
  }
  return detected;
}
