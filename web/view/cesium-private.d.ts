/**
 * Declarations for the few renderer classes of CesiumJS that its package exports but its typings
 * leave out (they are "private" API: stable in practice, used by Cesium's own primitives). The
 * link and satellite layers (link-primitive.ts, point-primitive.ts) use them to draw every link, and
 * every satellite, in one draw call from one buffer.
 * Only the members used here are declared. Checked against cesium 1.140.
 */
import "cesium";

declare module "cesium" {
  /** The scene's WebGL context (the browser test's probe reads the drawing buffer through it). */
  interface Scene {
    readonly context: PrivateContext;
  }
  interface PrivateContext {
    readonly _gl: WebGL2RenderingContext;
  }
  /** Every primitive's per-frame hook (the pick-only satellites call it themselves: point-primitive.ts). */
  interface PointPrimitiveCollection {
    update(frameState: PrivateFrameState): void;
  }
  interface PrivateFrameState {
    context: PrivateContext;
    commandList: DrawCommand[];
    passes: { render: boolean; pick: boolean };
  }
  export class Buffer {
    static createVertexBuffer(o: { context: PrivateContext; sizeInBytes: number; usage: number }): Buffer;
    copyFromArrayView(view: ArrayBufferView, offsetInBytes?: number): void;
    destroy(): void;
  }
  export const BufferUsage: { STREAM_DRAW: number; DYNAMIC_DRAW: number; STATIC_DRAW: number };
  export class VertexArray {
    constructor(o: {
      context: PrivateContext;
      attributes: {
        index: number;
        vertexBuffer: Buffer;
        componentsPerAttribute: number;
        componentDatatype: number;
        normalize?: boolean;
      }[];
    });
    destroy(): void;
  }
  export class ShaderProgram {
    static fromCache(o: {
      context: PrivateContext;
      vertexShaderSource: string;
      fragmentShaderSource: string;
      attributeLocations: Record<string, number>;
    }): ShaderProgram;
    destroy(): void;
  }
  export const RenderState: { fromCache(o: object): object };
  export const Pass: { OPAQUE: number; TRANSLUCENT: number };
  export class DrawCommand {
    constructor(o: {
      primitiveType: number;
      vertexArray?: VertexArray;
      shaderProgram?: ShaderProgram;
      renderState?: object;
      pass: number;
      owner?: object;
      boundingVolume?: BoundingSphere;
      count?: number;
      uniformMap?: Record<string, () => unknown>;
    });
    vertexArray: VertexArray | undefined;
    shaderProgram: ShaderProgram | undefined;
    count: number;
  }
}
