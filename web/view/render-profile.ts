/**
 * How much the page asks of the GPU. On a software renderer (SwiftShader, llvmpipe: WebGL on the
 * CPU, as in a headless browser or a machine without a GPU driver) every pixel of every pass costs
 * CPU time, so the page draws a "lean" scene there: fewer pixels (resolutionScale), no translucency
 * passes (order-independent translucency), no logarithmic depth (it writes depth per fragment, which
 * defeats early depth rejection), coarser globe tiles, smaller points, and a render only when
 * something moved (requestRenderMode with explicit renders). `?quality=full` or `?quality=lean`
 * overrides the detection (the browser test measures both, docs/view.md).
 */

/** Renderer strings of software WebGL implementations (Chromium's SwiftShader, Mesa's llvmpipe/softpipe, Windows' WARP). */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** Drawing-buffer scale in lean mode (our choice: a quarter of the pixels, points keep their apparent size). */
export const LEAN_RESOLUTION_SCALE = 0.5;
/** Globe tile refinement in lean mode (Cesium's default is 2: a larger error means fewer, coarser tiles). */
export const LEAN_MAX_SCREEN_SPACE_ERROR = 4;
/** Satellite point size, CSS px, in full and lean mode. */
export const SATELLITE_PX = { full: 3, lean: 2 } as const;

export interface RenderProfile {
  lean: boolean;
  /** The WebGL renderer string (unmasked when the browser allows), or "unknown". */
  renderer: string;
  software: boolean;
  /** Why lean is on or off: "software GL", "?quality=full", ... */
  reason: string;
}

export function detectRenderer(): string {
  const canvas = document.createElement("canvas");
  const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as WebGLRenderingContext | null;
  if (!gl) return "unknown";
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? "unknown");
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return name;
}

export function renderProfile(search: string): RenderProfile {
  const renderer = detectRenderer();
  const software = SOFTWARE_GL.test(renderer);
  const q = new URLSearchParams(search).get("quality");
  if (q === "full") return { lean: false, renderer, software, reason: "?quality=full" };
  if (q === "lean") return { lean: true, renderer, software, reason: "?quality=lean" };
  return { lean: software, renderer, software, reason: software ? "software GL" : "hardware GL" };
}
