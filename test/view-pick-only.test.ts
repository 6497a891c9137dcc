/**
 * The satellites' pick-only collection (web/view/pick-only.ts): Cesium calls every
 * primitive's update once per pass; the wrapped collection must see only the pick passes, with
 * its points moved (beforePick) first, and never a render pass, where the custom primitive draws.
 */
import { describe, expect, it } from "vitest";
import { type FramePasses, PickOnly } from "../web/view/pick-only.js";

const frame = (render: boolean, pick: boolean) => ({ passes: { render, pick } });

describe("PickOnly (web/view/pick-only.ts)", () => {
  it("updates the wrapped primitive in pick passes only, after moving its points", () => {
    const calls: string[] = [];
    const inner = {
      update: (fs: FramePasses) => calls.push(fs.passes.pick ? "pick" : "render"),
      destroy: () => calls.push("destroy"),
      isDestroyed: () => false,
    };
    const p = new PickOnly(inner, () => calls.push("move"));
    p.update(frame(true, false));
    p.update(frame(true, false));
    expect(calls).toEqual([]);
    p.update(frame(false, true));
    expect(calls).toEqual(["move", "pick"]);
    p.destroy();
    expect(calls).toEqual(["move", "pick", "destroy"]);
  });
});
