/**
 * The vertex array the page's own primitives draw from (links, satellites): positions as 3 floats
 * per vertex, rewritten every frame (STREAM_DRAW), and colours as 4 normalised bytes per vertex,
 * rewritten only when a state changes (DYNAMIC_DRAW). Attribute 0 is `position`, 1 is `color`.
 */
import { Buffer, BufferUsage, ComponentDatatype, type PrivateFrameState, VertexArray } from "cesium";

export interface PosColBuffers {
  pos: Buffer;
  col: Buffer;
  /** Destroying it destroys both buffers. */
  va: VertexArray;
}

export const POS_COL_ATTRIBUTES = { position: 0, color: 1 } as const;

export function createPosColBuffers(
  context: PrivateFrameState["context"],
  positionBytes: number,
  colorBytes: number,
): PosColBuffers {
  const pos = Buffer.createVertexBuffer({
    context,
    sizeInBytes: positionBytes,
    usage: BufferUsage.STREAM_DRAW,
  });
  const col = Buffer.createVertexBuffer({
    context,
    sizeInBytes: colorBytes,
    usage: BufferUsage.DYNAMIC_DRAW,
  });
  const va = new VertexArray({
    context,
    attributes: [
      {
        index: POS_COL_ATTRIBUTES.position,
        vertexBuffer: pos,
        componentsPerAttribute: 3,
        componentDatatype: ComponentDatatype.FLOAT,
      },
      {
        index: POS_COL_ATTRIBUTES.color,
        vertexBuffer: col,
        componentsPerAttribute: 4,
        componentDatatype: ComponentDatatype.UNSIGNED_BYTE,
        normalize: true,
      },
    ],
  });
  return { pos, col, va };
}
