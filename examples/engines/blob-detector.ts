/**
 * blob-detector: an inference engine as a module, doing real work asynchronously. For each job it
 * renders the scene from the job's `sceneSeed` (the objects the cost model's scene content plants,
 * as bright blobs on a noisy background), tile by tile at a reduced raster, yielding to the event
 * loop between tiles, then finds them with a threshold and 4-connected components, and classifies
 * each by its mean brightness. What it finds is what the pixels show: objects that touch in the
 * raster merge into one detection, as they would for a real detector at that resolution.
 *
 *   shells:
 *     - name: eo
 *       ...
 *       eo: { engine: { module: ../examples/engines/blob-detector.ts }, engineOptions: { rasterScale: 4 } }
 *
 * or `constellate replay <yaml> <workload> --engine examples/engines/blob-detector.ts`.
 * In your own project import from "constellate". docs/eo-engines.md explains the interface.
 *
 * The raster, in brightness units (our choices, made so the classes separate by construction):
 * background 0.2, object class k of n at 0.55 + 0.4 (k + 0.5) / n, plus noise: the centred sum of
 * four uniform bytes (one 32-bit draw; Irwin-Hall, near Gaussian but bounded), of half-width
 * `noise` <= 0.045. The threshold, 0.4, lies between the brightest background pixel (0.245) and the
 * dimmest object pixel (0.555) for n <= 4 classes (the most any scene tag has); class levels are
 * 0.4 / n >= 0.1 apart, more than twice the noise, so a blob's mean brightness names its class.
 */
import {
  type Detection,
  defineEngine,
  type InferenceJob,
  inferenceResult,
  latencyPerTileS,
  mulberry32,
  sceneClasses,
  sceneDetections,
  z,
} from "../../src/index.js";

const BACKGROUND = 0.2;
const THRESHOLD = 0.4;
const LEVEL_BASE = 0.55;
const LEVEL_SPAN = 0.4;

/** Brightness of class k of n. */
const levelOf = (k: number, n: number) => LEVEL_BASE + (LEVEL_SPAN * (k + 0.5)) / n;

/** The class index whose level is nearest to `mean`. */
const classOf = (mean: number, n: number) =>
  Math.min(n - 1, Math.max(0, Math.round(((mean - LEVEL_BASE) * n) / LEVEL_SPAN - 0.5)));

/** Next turn of the event loop, so other work (timers, the node's RPCs) runs between tiles. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A planted object's footprint in the raster: the raster pixels whose centres lie inside its box.
 * With a scale of at most 8 (the smallest planted object is 8 px a side: src/eo/inference.ts) every
 * object covers at least one pixel centre in each direction.
 */
function footprint(box: Detection["box"], scale: number) {
  const [x, y, w, h] = box;
  return {
    i0: Math.ceil(x / scale - 0.5),
    i1: Math.ceil((x + w) / scale - 0.5) - 1,
    j0: Math.ceil(y / scale - 0.5),
    j1: Math.ceil((y + h) / scale - 0.5) - 1,
  };
}

/** Render the scene into `img` (row-major, width x height) tile by tile, and threshold it into `mask`. */
async function renderAndThreshold(
  job: InferenceJob,
  img: Float32Array,
  mask: Uint8Array,
  width: number,
  height: number,
  scale: number,
  tileSide: number,
  noise: number,
): Promise<void> {
  const classes = sceneClasses(job.tag);
  const objects = sceneDetections(job).map((d) => ({
    ...footprint(d.box, scale),
    level: levelOf(Math.max(0, classes.indexOf(d.cls)), classes.length),
  }));
  // The noise stream is the scene's own (its seed), apart from the stream that placed the objects.
  const rng = mulberry32((job.sceneSeed ^ 0xa5a5a5a5) >>> 0);
  const perUnit = noise / 510; // four bytes sum to 0..1020: centred, that is +-510
  const base = new Float32Array(tileSide * tileSide); // brightness before noise, one tile
  for (let ty = 0; ty < height; ty += tileSide) {
    for (let tx = 0; tx < width; tx += tileSide) {
      const x1 = Math.min(width, tx + tileSide);
      const y1 = Math.min(height, ty + tileSide);
      base.fill(BACKGROUND);
      // Later objects paint over earlier ones where they overlap (not additive: levels stay apart).
      for (const o of objects) {
        const i0 = Math.max(o.i0, tx) - tx;
        const i1 = Math.min(o.i1, x1 - 1) - tx;
        if (i0 > i1) continue; // not in this tile (and fill() would read a negative end from the back)
        for (let j = Math.max(o.j0, ty); j <= Math.min(o.j1, y1 - 1); j++)
          base.fill(o.level, (j - ty) * tileSide + i0, (j - ty) * tileSide + i1 + 1);
      }
      for (let j = ty; j < y1; j++)
        for (let i = tx; i < x1; i++) {
          const p = j * width + i;
          const u = (rng() * 4294967296) >>> 0;
          const bytes = (u & 255) + ((u >>> 8) & 255) + ((u >>> 16) & 255) + (u >>> 24);
          const v = base[(j - ty) * tileSide + (i - tx)]! + perUnit * (bytes - 510);
          img[p] = v;
          mask[p] = v > THRESHOLD ? 1 : 0;
        }
      await yieldToLoop();
    }
  }
}

/** 4-connected components of `mask` (cleared as it goes), as detections in image pixels. */
function components(
  img: Float32Array,
  mask: Uint8Array,
  width: number,
  height: number,
  scale: number,
  classes: readonly string[],
): Detection[] {
  const out: Detection[] = [];
  const stack = new Int32Array(width * height);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start]) continue;
    let top = 0;
    stack[top++] = start;
    mask[start] = 0;
    let i0 = width;
    let i1 = -1;
    let j0 = height;
    let j1 = -1;
    let count = 0;
    let sum = 0;
    while (top > 0) {
      const p = stack[--top]!;
      const i = p % width;
      const j = (p - i) / width;
      count++;
      sum += img[p]!;
      if (i < i0) i0 = i;
      if (i > i1) i1 = i;
      if (j < j0) j0 = j;
      if (j > j1) j1 = j;
      if (i > 0 && mask[p - 1]) {
        mask[p - 1] = 0;
        stack[top++] = p - 1;
      }
      if (i < width - 1 && mask[p + 1]) {
        mask[p + 1] = 0;
        stack[top++] = p + 1;
      }
      if (j > 0 && mask[p - width]) {
        mask[p - width] = 0;
        stack[top++] = p - width;
      }
      if (j < height - 1 && mask[p + width]) {
        mask[p + width] = 0;
        stack[top++] = p + width;
      }
    }
    const bw = i1 - i0 + 1;
    const bh = j1 - j0 + 1;
    out.push({
      cls: classes[classOf(sum / count, classes.length)]!,
      // How fully the blob fills its box: 1 for one object (a rectangle), less where objects merged.
      confidence: Math.round((count / (bw * bh)) * 1000) / 1000,
      box: [i0 * scale, j0 * scale, bw * scale, bh * scale],
    });
  }
  return out;
}

export default defineEngine({
  name: "blob-detector",
  options: z.object({
    /** Image pixels per raster pixel (each way). At most 8: the smallest planted object is 8 px. */
    rasterScale: z.int().min(1).max(8).default(8),
    /** Half-width of the background and object noise, brightness units (at most 0.045: see above). */
    noise: z.number().min(0).max(0.045).default(0.04),
  }),
  create(cfg) {
    const perTileS = latencyPerTileS(cfg.accelerator, cfg.model);
    const scale = cfg.options.rasterScale;
    // The model's input tile, in raster pixels: the unit of work between yields.
    const tileSide = Math.max(1, Math.round(cfg.model.tileSidePx / scale));
    return {
      name: "blob-detector",
      // The accelerator time the model would take on the job's tiles, as the cost model charges.
      estimate: (job) => ({ durationS: job.tiles * perTileS, powerW: cfg.accelerator.powerW }),
      async run(job) {
        const width = Math.ceil(job.widthPx / scale);
        const height = Math.ceil(job.heightPx / scale);
        // Per run, not per engine: runs interleave at the yields.
        const img = new Float32Array(width * height);
        const mask = new Uint8Array(width * height);
        await renderAndThreshold(job, img, mask, width, height, scale, tileSide, cfg.options.noise);
        const detections = components(img, mask, width, height, scale, sceneClasses(job.tag));
        return inferenceResult(job, cfg.model.name, detections);
      },
    };
  },
});
