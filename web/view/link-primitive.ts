/**
 * Every link in one draw call: a custom Cesium primitive holding one vertex buffer of line
 * segments (two endpoints and a colour per link), rewritten in one upload per frame. Cesium's
 * PolylineCollection uploads each changed polyline separately and recomputes its bounding sphere,
 * which at starlink-gen1 (~11,000 links) cost more than the rest of the frame (docs/view.md).
 *
 * Positions are Float32 ECEF metres relative to the Earth's centre: ~0.5 m resolution at 7,000 km,
 * invisible at the zoom a constellation is looked at. Drawn in the opaque pass after the globe,
 * depth-tested (links behind the Earth are hidden), alpha-blended, not written to depth.
 */
import {
  BlendingState,
  BoundingSphere,
  Cartesian3,
  DrawCommand,
  Pass,
  PrimitiveType,
  type PrivateFrameState,
  RenderState,
  ShaderProgram,
} from "cesium";
import { createPosColBuffers, POS_COL_ATTRIBUTES, type PosColBuffers } from "./pos-col-vertex-array.js";

const VS = `
in vec3 position;
in vec4 color;
out vec4 v_color;
void main() {
  v_color = color;
  gl_Position = czm_modelViewProjection * vec4(position, 1.0);
}`;
const FS = `
in vec4 v_color;
void main() {
  out_FragColor = v_color;
}`;

/** Colours as RGBA bytes. */
export type Rgba = readonly [number, number, number, number];

export class LinkPrimitive {
  show = true;
  /** Radius of a sphere about the Earth's centre holding every link, m (for culling; see update). */
  radiusM = 8.0e6;
  /** Links drawn (each a segment of two vertices). */
  count = 0;
  private capacity = 0;
  private positions = new Float32Array(0);
  private colors = new Uint8Array(0);
  /** The kind whose colour slot i holds (setKind), -1 when unset. */
  private slotKind = new Int16Array(0);
  private colorsDirty = true;
  private buffers: PosColBuffers | null = null;
  private command: DrawCommand | null = null;
  private shader: ShaderProgram | null = null;

  /** Make room for n links (keeps the first min(n, old) links' data). */
  resize(n: number): void {
    this.count = n;
    if (n <= this.capacity) return;
    const cap = Math.max(n, Math.ceil(this.capacity * 1.5), 256);
    const p = new Float32Array(cap * 6);
    p.set(this.positions);
    const c = new Uint8Array(cap * 8);
    c.set(this.colors);
    const k = new Int16Array(cap).fill(-1);
    k.set(this.slotKind);
    this.positions = p;
    this.colors = c;
    this.slotKind = k;
    this.capacity = cap;
    this.destroyBuffers();
  }

  private setColor(i: number, rgba: Rgba): void {
    const o = i * 8;
    const c = this.colors;
    c[o] = c[o + 4] = rgba[0];
    c[o + 1] = c[o + 5] = rgba[1];
    c[o + 2] = c[o + 6] = rgba[2];
    c[o + 3] = c[o + 7] = rgba[3];
    this.colorsDirty = true;
  }

  /**
   * Give slot i the colour of a kind (a small integer chosen by the caller). Slots keep their
   * colour, so a caller that refills the slots every frame in a slightly different order (links
   * culled behind the Earth) rewrites, and uploads, only the colours that changed.
   */
  setKind(i: number, kind: number, rgba: Rgba): void {
    if (this.slotKind[i] === kind) return;
    this.slotKind[i] = kind;
    this.setColor(i, rgba);
  }

  /** Endpoints of link i, ECEF metres. */
  setEnds(i: number, m: Float64Array, a: number, b: number): void {
    const o = i * 6;
    const p = this.positions;
    p[o] = m[3 * a]!;
    p[o + 1] = m[3 * a + 1]!;
    p[o + 2] = m[3 * a + 2]!;
    p[o + 3] = m[3 * b]!;
    p[o + 4] = m[3 * b + 1]!;
    p[o + 5] = m[3 * b + 2]!;
  }

  private destroyBuffers(): void {
    if (!this.buffers) return;
    // A VertexArray destroys its vertex buffers with it.
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
    this.buffers.pos.copyFromArrayView(this.positions.subarray(0, this.count * 6));
    if (this.colorsDirty) {
      this.buffers.col.copyFromArrayView(this.colors.subarray(0, this.count * 8));
      this.colorsDirty = false;
    }
    this.command ??= new DrawCommand({
      primitiveType: PrimitiveType.LINES,
      pass: Pass.OPAQUE,
      owner: this,
      boundingVolume: new BoundingSphere(Cartesian3.ZERO, this.radiusM),
      renderState: RenderState.fromCache({
        depthTest: { enabled: true },
        depthMask: false,
        blending: BlendingState.ALPHA_BLEND,
      }),
    });
    (this.command as unknown as { boundingVolume: BoundingSphere }).boundingVolume.radius = this.radiusM;
    this.command.vertexArray = this.buffers.va;
    this.command.shaderProgram = this.shader;
    this.command.count = this.count * 2;
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
