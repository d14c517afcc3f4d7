// How much the 3D views may ask of the graphics stack: a software rasteriser (SwiftShader, llvmpipe — headless
// browsers, VMs, some tablets) gets no MSAA and 1× pixels, so the console stays responsive there too.

export interface RenderQuality {
  /** The WebGL renderer string, when the browser reveals it. */
  renderer: string;
  software: boolean;
  antialias: boolean;
  /** Device-pixel-ratio range for r3f's `dpr`. */
  dpr: [number, number];
}

let cached: RenderQuality | undefined;

export function renderQuality(): RenderQuality {
  if (cached) return cached;
  let renderer = '';
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    renderer = String((info && gl?.getParameter(info.UNMASKED_RENDERER_WEBGL)) ?? gl?.getParameter(gl.RENDERER) ?? '');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    // No WebGL2 at all: the canvases will report it themselves.
  }
  const software = /swiftshader|llvmpipe|software|softpipe/i.test(renderer);
  cached = { renderer, software, antialias: !software, dpr: software ? [1, 1] : [1, 2] };
  return cached;
}
