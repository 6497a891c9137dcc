/**
 * Every satellite in one draw call: a custom Cesium primitive holding one vertex buffer of points
 * (a position and a colour per satellite), positions rewritten in one upload per frame, colours
 * only when a node goes up or down. It replaces a PointPrimitiveCollection for drawing: that
 * collection keeps an object per point, writes four attributes per moved point into its own
 * buffers (position split into high and low floats, size, outline, translucency) and runs a vertex
 * and fragment shader built for every option a point may have (outline, translucency by distance,
 * depth-test distance, anti-aliased disc), which a software renderer pays per point per frame
 * (docs/view.md, "Frame times").
 *
 * Picking is not done here: the page keeps a PointPrimitiveCollection of the same satellites, with
 * the same ids, that takes part only in Cesium's pick pass (pick-only.ts), so `scene.pick` answers
 * exactly as before.
 *
 * Positions are Float32 ECEF metres relative to the Earth's centre (~0.5 m resolution at 7,000 km,
 * as the links). Drawn in the opaque pass after the globe, depth-tested and depth-written.
 */
import {
  BoundingSphere,
  Cartesian3,
  DrawCommand,
  type NearFarScalar,
  Pass,
  PrimitiveType,
  type PrivateFrameState,
  RenderState,
  ShaderProgram,
} from "cesium";
import type { Rgba } from "./link-primitive.js";
import { createPosColBuffers, POS_COL_ATTRIBUTES, type PosColBuffers } from "./pos-col-vertex-array.js";

// The size rule is Cesium's own for a PointPrimitive with scaleByDistance (czm_nearFarScalar of the
// squared eye distance) times czm_pixelRatio (device pixels per CSS pixel, with resolutionScale).
// Points of 3 or more drawing-buffer pixels are cut to a disc, as Cesium's points are; smaller ones
// are a square of 1-2 pixels, which a disc would not change.
//
// A point the Earth hides is moved outside the clip volume (z > w), so the rasteriser drops it
// before set-up instead of rasterising it and failing every pixel's depth test behind the globe.
// The test is horizon.ts's sightlineBlocked, the same arithmetic in float32: does the segment from
// the camera (czm_viewerPositionWC) to the point pass within u_occluderRadiusM of the Earth's
// centre? At LEO and camera distances (|c| <= ~1e8 m) float32 rounding moves that distance by
// metres, against the 100 km the occluding ball keeps inside the drawn tiles (horizon.ts). The
// point is still submitted: every satellite is in the draw call, the GPU keeps the visible ones.
const VS = `
in vec3 position;
in vec4 color;
uniform float u_pixelSize;
uniform vec4 u_scaleByDistance;
uniform float u_occluderRadiusM;
out vec4 v_color;
out float v_disc;
void main() {
  v_color = color;
  vec3 c = czm_viewerPositionWC;
  vec3 d = position - c;
  float t = clamp(-dot(c, d) / max(dot(d, d), 1.0), 0.0, 1.0);
  vec3 q = c + t * d;
  if (dot(q, q) < u_occluderRadiusM * u_occluderRadiusM) {
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
    gl_PointSize = 1.0;
    v_disc = 0.0;
    return;
  }
  vec4 eye = czm_modelView * vec4(position, 1.0);
  gl_PointSize = u_pixelSize * czm_nearFarScalar(u_scaleByDistance, dot(eye.xyz, eye.xyz)) * czm_pixelRatio;
  v_disc = gl_PointSize >= 3.0 ? 1.0 : 0.0;
  gl_Position = czm_projection * eye;
}`;
const FS = `
in vec4 v_color;
in float v_disc;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  if (v_disc > 0.5 && dot(d, d) > 0.25) discard;
  out_FragColor = v_color;
}`;

export class PointsPrimitive {
  show = true;
  /** Radius of a sphere about the Earth's centre holding every point, m (for culling). */
  radiusM = 8.0e6;
  /**
   * Radius of the ball about the Earth's centre that hides points from the camera, m; 0 culls
   * nothing. Every point is submitted either way (count); this only lets the GPU drop hidden ones early.
   */
  occluderRadiusM = 0;
  /** Points submitted to the GPU (each drawn unless the Earth hides it). */
  count = 0;
  private capacity = 0;
  private positions = new Float32Array(0);
  private colors = new Uint8Array(0);
  private colorsDirty = true;
  private buffers: PosColBuffers | null = null;
  private command: DrawCommand | null = null;
  private shader: ShaderProgram | null = null;
  private readonly uniforms: {
    u_pixelSize: () => number;
    u_scaleByDistance: () => unknown;
    u_occluderRadiusM: () => number;
  };

  constructor(
    private readonly pixelSize: number,
    scaleByDistance: NearFarScalar,
  ) {
    const s = {
      x: scaleByDistance.near,
      y: scaleByDistance.nearValue,
      z: scaleByDistance.far,
      w: scaleByDistance.farValue,
    };
    this.uniforms = {
      u_pixelSize: () => this.pixelSize,
      u_scaleByDistance: () => s,
      u_occluderRadiusM: () => this.occluderRadiusM,
    };
  }

  /** Make room for n points (keeps the first min(n, old) points' data). */
  resize(n: number): void {
    this.count = n;
    if (n <= this.capacity) return;
    const cap = Math.max(n, 256);
    const p = new Float32Array(cap * 3);
    p.set(this.positions);
    const c = new Uint8Array(cap * 4);
    c.set(this.colors);
    this.positions = p;
    this.colors = c;
    this.capacity = cap;
    this.destroyBuffers();
  }

  setColor(i: number, rgba: Rgba): void {
    const o = i * 4;
    this.colors[o] = rgba[0];
    this.colors[o + 1] = rgba[1];
    this.colors[o + 2] = rgba[2];
    this.colors[o + 3] = rgba[3];
    this.colorsDirty = true;
  }

  /** Point i at node n of m (ECEF metres, xyz per node). */
  setPosition(i: number, m: Float64Array, n: number): void {
    const o = 3 * i;
    this.positions[o] = m[3 * n]!;
    this.positions[o + 1] = m[3 * n + 1]!;
    this.positions[o + 2] = m[3 * n + 2]!;
  }

  private destroyBuffers(): void {
    if (!this.buffers) return;
    this.buffers.va.destroy();
    this.buffers = null;
    this.colorsDirty = true;
  }

  /** Called by Cesium once per frame (scene.primitives). */
  update(frameState: PrivateFrameState): void {
    if (!this.show || this.count === 0 || !frameState.passes.render) return;
    const context = frameState.context;
    this.buffers ??= createPosColBuffers(context, this.positions.byteLength, this.colors.byteLength);
    this.shader ??= ShaderProgram.fromCache({
      context,
      vertexShaderSource: VS,
      fragmentShaderSource: FS,
      attributeLocations: POS_COL_ATTRIBUTES,
    });
    this.buffers.pos.copyFromArrayView(this.positions.subarray(0, this.count * 3));
    if (this.colorsDirty) {
      this.buffers.col.copyFromArrayView(this.colors.subarray(0, this.count * 4));
      this.colorsDirty = false;
    }
    this.command ??= new DrawCommand({
      primitiveType: PrimitiveType.POINTS,
      pass: Pass.OPAQUE,
      owner: this,
      boundingVolume: new BoundingSphere(Cartesian3.ZERO, this.radiusM),
      renderState: RenderState.fromCache({ depthTest: { enabled: true }, depthMask: true }),
      uniformMap: this.uniforms,
    });
    (this.command as unknown as { boundingVolume: BoundingSphere }).boundingVolume.radius = this.radiusM;
    this.command.vertexArray = this.buffers.va;
    this.command.shaderProgram = this.shader;
    this.command.count = this.count;
    frameState.commandList.push(this.command);
  }

  isDestroyed(): boolean {
    return false;
  }

  destroy(): void {
    this.destroyBuffers();
    this.shader?.destroy();
  }
}
