/** What PickOnly reads of the frame state Cesium hands every primitive (its PrivateFrameState). */
export interface FramePasses {
  passes: { pick: boolean };
}

/**
 * A primitive (here a PointPrimitiveCollection) that Cesium updates only in its pick pass: it is
 * never drawn on screen, only into the pick buffer that `scene.pick` reads. `beforePick` runs first,
 * so the caller can bring the primitive's state up to date only when a pick happens.
 */
export class PickOnly<
  F extends FramePasses,
  P extends { update(fs: F): void; destroy(): void; isDestroyed(): boolean },
> {
  constructor(
    readonly inner: P,
    private readonly beforePick: () => void,
  ) {}

  update(frameState: F): void {
    if (!frameState.passes.pick) return;
    this.beforePick();
    this.inner.update(frameState);
  }

  isDestroyed(): boolean {
    return this.inner.isDestroyed();
  }

  destroy(): void {
    this.inner.destroy();
  }
}
