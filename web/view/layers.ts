/**
 * What the globe draws, built for thousands of satellites: one primitive for all satellites (one
 * buffer, one draw call: point-primitive.ts), a PointPrimitiveCollection for the stations (a point
 * each, not an Entity each), one primitive for all links (one buffer, one draw call, endpoints
 * moved every frame: link-primitive.ts),
 * and the chosen route (a PolylineCollection) with bundles moving along it. Positions are ECEF, km on the wire, m here
 * (Cesium's fixed frame; the project's ECEF is the same pseudo-Earth-fixed frame, docs/architecture.md).
 */
import {
  BlendOption,
  Cartesian3,
  Color,
  Material,
  NearFarScalar,
  type PointPrimitive,
  PointPrimitiveCollection,
  type Polyline,
  PolylineCollection,
  type Scene,
} from "cesium";
import {
  BUNDLES_KEPT,
  type BundlesInfo,
  LINK_ISL,
  type RouteInfo,
  type StationMeta,
} from "../../src/view/protocol.js";
import { type BundleDot, bundleDots } from "./bundle-dots.js";
import { markHidden, OCCLUDER_RADIUS_M } from "./horizon.js";
import { LinkPrimitive, type Rgba } from "./link-primitive.js";
import { PickOnly } from "./pick-only.js";
import { PointsPrimitive } from "./point-primitive.js";
import type { Sample } from "./samples.js";

const SAT_COLOR = Color.WHITE;
const SAT_DOWN_COLOR = Color.fromCssColorString("#ff4040");
const SAT_RGBA: Rgba = [0xff, 0xff, 0xff, 0xff];
const SAT_DOWN_RGBA: Rgba = [0xff, 0x40, 0x40, 0xff];
const STATION_COLOR = Color.fromCssColorString("#ffd23f");
const ISL_RGBA: Rgba = [0x33, 0xcc, 0xff, 90];
const GSL_RGBA: Rgba = [0xff, 0xb0, 0x00, 200];
const ROUTE_COLOR = Color.fromCssColorString("#ff3ad0");
/** A material per polyline: a removed polyline destroys its material (the route is re-made often). */
const colorMaterial = (color: Color): Material => Material.fromType("Color", { color });
const BUNDLE_COLOR = Color.fromCssColorString("#ff9af0");
/** Wall time for a bundle dot to traverse the whole route: slowed from light speed so eyes can follow. */
export const BUNDLE_TRAVERSE_WALL_MS = 3_000;
/** Dots of the route animation in model and recorded modes. */
const ANIMATED_BUNDLES = 4;

/** Interpolated node positions (m, xyz per node: satellites then stations) for the current frame. */
export class NodePositions {
  readonly m: Float64Array;
  readonly valid: Uint8Array;

  constructor(
    readonly satellites: number,
    stations: readonly StationMeta[],
  ) {
    this.m = new Float64Array(3 * (satellites + stations.length));
    this.valid = new Uint8Array(satellites + stations.length);
    stations.forEach((s, g) => {
      const o = 3 * (satellites + g);
      this.m[o] = s.ecefKm[0] * 1000;
      this.m[o + 1] = s.ecefKm[1] * 1000;
      this.m[o + 2] = s.ecefKm[2] * 1000;
      this.valid[satellites + g] = 1;
    });
  }

  /** Satellites at fraction f between samples a and b (b absent: hold a). */
  interpolate(a: Sample, b: Sample | undefined, f: number): void {
    const pa = a.ecefKm;
    const pb = b?.ecefKm ?? pa;
    const m = this.m;
    for (let i = 0; i < this.satellites; i++) {
      const o = 3 * i;
      const x = pa[o]! + (pb[o]! - pa[o]!) * f;
      const y = pa[o + 1]! + (pb[o + 1]! - pa[o + 1]!) * f;
      const z = pa[o + 2]! + (pb[o + 2]! - pa[o + 2]!) * f;
      const ok = Number.isFinite(x + y + z);
      this.valid[i] = ok ? 1 : 0;
      m[o] = x * 1000;
      m[o + 1] = y * 1000;
      m[o + 2] = z * 1000;
    }
  }

  /** Farthest drawn node from the Earth's centre, m (bounds the link primitive for culling). */
  maxRadiusM(): number {
    let r2 = 0;
    const m = this.m;
    for (let i = 0; i < this.valid.length; i++) {
      if (this.valid[i] !== 1) continue;
      const d = m[3 * i]! ** 2 + m[3 * i + 1]! ** 2 + m[3 * i + 2]! ** 2;
      if (d > r2) r2 = d;
    }
    return Math.sqrt(r2) * 1.01;
  }

  into(node: number, out: Cartesian3): Cartesian3 {
    const o = 3 * node;
    out.x = this.m[o]!;
    out.y = this.m[o + 1]!;
    out.z = this.m[o + 2]!;
    return out;
  }
}

/** Satellites grow up close, so one stays clickable when zoomed in (Cesium's NearFarScalar: 3x at 200 km, 1x from 20,000 km). */
const SATELLITE_SCALE_BY_DISTANCE = new NearFarScalar(2e5, 3, 2e7, 1);

/**
 * Satellites and stations. Satellites are drawn by one PointsPrimitive (point-primitive.ts: one
 * buffer, one draw call) and picked through a PointPrimitiveCollection of the same points that
 * takes part only in Cesium's pick pass; its points are moved only when a pick happens. Stations
 * (a hundred, fixed, with an outline) stay a PointPrimitiveCollection.
 */
export class NodeLayer {
  readonly satellites: PointsPrimitive;
  readonly stations: PointPrimitiveCollection;
  private readonly pickSatellites: PointPrimitiveCollection;
  private readonly satPoints: PointPrimitive[] = [];
  private readonly scratch = new Cartesian3();
  private readonly lastUp: Uint8Array;
  /** The up state whose colour point slot k holds (2: unset); slots are refilled when positions go invalid. */
  private slotUp = new Uint8Array(0);
  private last: { pos: NodePositions; up: Uint8Array } | null = null;

  constructor(scene: Scene, pos: NodePositions, stationCount: number, satellitePx = 3) {
    this.satellites = scene.primitives.add(new PointsPrimitive(satellitePx, SATELLITE_SCALE_BY_DISTANCE));
    // The GPU drops the satellites the Earth hides (point-primitive.ts); all are still submitted.
    this.satellites.occluderRadiusM = OCCLUDER_RADIUS_M;
    // Every point is opaque: Cesium's default blend option draws each collection twice (an opaque
    // and a translucent pass); OPAQUE draws it once (Cesium's PointPrimitiveCollection docs: "up to 2x").
    this.pickSatellites = new PointPrimitiveCollection({ blendOption: BlendOption.OPAQUE });
    scene.primitives.add(new PickOnly(this.pickSatellites, () => this.movePickPoints()));
    this.stations = scene.primitives.add(new PointPrimitiveCollection({ blendOption: BlendOption.OPAQUE }));
    for (let i = 0; i < pos.satellites; i++)
      this.satPoints.push(
        this.pickSatellites.add({
          position: Cartesian3.ZERO,
          pixelSize: satellitePx,
          color: SAT_COLOR,
          scaleByDistance: SATELLITE_SCALE_BY_DISTANCE,
          id: i,
          show: false,
        }),
      );
    for (let g = 0; g < stationCount; g++)
      this.stations.add({
        position: pos.into(pos.satellites + g, new Cartesian3()),
        pixelSize: 6,
        color: STATION_COLOR,
        outlineColor: Color.BLACK,
        outlineWidth: 1,
        id: pos.satellites + g,
      });
    this.lastUp = new Uint8Array(pos.satellites + stationCount).fill(2);
  }

  update(pos: NodePositions, up: Uint8Array): void {
    this.last = { pos, up };
    const pts = this.satellites;
    const S = this.satPoints.length;
    if (this.slotUp.length < S) this.slotUp = new Uint8Array(S).fill(2);
    pts.resize(S);
    let k = 0;
    for (let i = 0; i < S; i++) {
      if (pos.valid[i] !== 1) continue;
      pts.setPosition(k, pos.m, i);
      const u = up[i] === 1 ? 1 : 0;
      if (this.slotUp[k] !== u) {
        pts.setColor(k, u === 1 ? SAT_RGBA : SAT_DOWN_RGBA);
        this.slotUp[k] = u;
      }
      k++;
    }
    pts.resize(k);
    pts.radiusM = pos.maxRadiusM();
    for (let g = 0; g < this.stations.length; g++) {
      const u = up[S + g]!;
      if (u !== this.lastUp[S + g]) {
        this.stations.get(g).color = u === 1 ? STATION_COLOR : SAT_DOWN_COLOR;
        this.lastUp[S + g] = u;
      }
    }
  }

  /** Bring the pick-only points to the frame's positions and states (runs only when Cesium picks). */
  private movePickPoints(): void {
    if (!this.last) return;
    const { pos, up } = this.last;
    for (let i = 0; i < this.satPoints.length; i++) {
      const p = this.satPoints[i]!;
      const ok = pos.valid[i] === 1;
      p.show = ok;
      if (ok) p.position = pos.into(i, this.scratch);
      const u = up[i]!;
      if (u !== this.lastUp[i]) {
        p.color = u === 1 ? SAT_COLOR : SAT_DOWN_COLOR;
        this.lastUp[i] = u;
      }
    }
  }

  /**
   * Satellites drawn now: handed to the renderer with a finite position, all in one draw call. The
   * GPU then keeps those in front of the Earth (the others would fail the depth test anyway).
   */
  satellitesDrawn(): number {
    return this.satellites.count;
  }
}

/**
 * Links of the current sample, drawn by one LinkPrimitive; links of a down node are not drawn, nor
 * links the Earth hides from the camera (both ends hidden: horizon.ts says why that is exact).
 */
export class LinkLayer {
  readonly primitive: LinkPrimitive;
  private a = new Uint32Array(0);
  private b = new Uint32Array(0);
  private isl = new Uint8Array(0);
  /** Links of the sample between nodes that are up (drawn when in view). */
  private n = 0;
  private islCount = 0;
  private sampleK = Number.NaN;
  private hidden = new Uint8Array(0);

  constructor(scene: Scene) {
    this.primitive = scene.primitives.add(new LinkPrimitive());
  }

  setSample(s: Sample, up: Uint8Array): void {
    if (s.k === this.sampleK) return;
    this.sampleK = s.k;
    if (this.a.length < s.linkCount) {
      this.a = new Uint32Array(s.linkCount);
      this.b = new Uint32Array(s.linkCount);
      this.isl = new Uint8Array(s.linkCount);
    }
    let n = 0;
    let isl = 0;
    for (let i = 0; i < s.linkCount; i++) {
      const a = s.linkEnds[2 * i]!;
      const b = s.linkEnds[2 * i + 1]!;
      if (up[a] === 0 || up[b] === 0) continue;
      this.a[n] = a;
      this.b[n] = b;
      const kind = s.linkKind[i]!;
      this.isl[n] = kind === LINK_ISL ? 1 : 0;
      if (kind === LINK_ISL) isl++;
      n++;
    }
    this.n = n;
    this.islCount = isl;
  }

  /** Forget the sample so the next setSample rebuilds (e.g. nodes went up or down). */
  invalidate(): void {
    this.sampleK = Number.NaN;
  }

  /** Write this frame's segments: the sample's links with at least one end in view of the camera (ECEF m). */
  update(pos: NodePositions, camera: Cartesian3): void {
    const nodes = pos.valid.length;
    if (this.hidden.length < nodes) this.hidden = new Uint8Array(nodes);
    const hidden = this.hidden;
    markHidden(pos.m, pos.valid, nodes, camera.x, camera.y, camera.z, hidden);
    const p = this.primitive;
    p.resize(this.n);
    let k = 0;
    for (let i = 0; i < this.n; i++) {
      const a = this.a[i]!;
      const b = this.b[i]!;
      if (hidden[a] === 1 && hidden[b] === 1) continue;
      p.setEnds(k, pos.m, a, b);
      const isl = this.isl[i]!;
      p.setKind(k, isl, isl === 1 ? ISL_RGBA : GSL_RGBA);
      k++;
    }
    p.resize(k);
    p.radiusM = pos.maxRadiusM();
  }

  counts(): { isl: number; ground: number } {
    return { isl: this.islCount, ground: this.n - this.islCount };
  }

  /** Segments handed to the renderer this frame (links in view). */
  drawnThisFrame(): number {
    return this.primitive.count;
  }
}

/**
 * The chosen pair's route, and bundles (dots) on it. Live, the dots are the run's own bundles between
 * the pair (the controller's WatchBundles, through the server), placed by bundle-dots.ts. The route
 * is the one at the sample instant; a bundle created under an earlier route is drawn on this one.
 * In model and recorded modes no run sends bundles: the dots are an animation of the route, 3 s per
 * traverse.
 */
export class RouteLayer {
  private readonly lines: PolylineCollection;
  private readonly dots: PointPrimitiveCollection;
  private line: Polyline | null = null;
  route: RouteInfo | null = null;
  private cumMs: number[] = [];
  private emulated: BundlesInfo | null = null;
  private drawn = 0;
  /** Live: the run's bundles drawn this frame, and the ids drawn at least once since the pair was chosen. */
  private dotsNow: BundleDot[] = [];
  private readonly everDrawn = new Set<string>();

  constructor(scene: Scene) {
    this.lines = scene.primitives.add(new PolylineCollection());
    this.dots = scene.primitives.add(new PointPrimitiveCollection({ blendOption: BlendOption.OPAQUE }));
  }

  set(route: RouteInfo | null): void {
    this.route = route;
    this.lines.removeAll();
    this.dots.removeAll();
    this.line = null;
    this.drawn = 0;
    if (!route?.ok || route.path.length < 2) return;
    this.cumMs = [0];
    for (const d of route.hopDelayMs) this.cumMs.push(this.cumMs[this.cumMs.length - 1]! + d);
    this.line = this.lines.add({
      positions: route.path.map(() => new Cartesian3()),
      width: 3,
      material: colorMaterial(ROUTE_COLOR),
    });
  }

  /** The run's bundles of the pair (live), or null to animate the route (model, recorded). */
  setBundles(b: BundlesInfo | null): void {
    this.emulated = b?.emulated ? b : null;
    if (!b) this.everDrawn.clear();
  }

  /** Whether the dots are the run's bundles (true) or an animation of the route (false). */
  get showsEmulatedBundles(): boolean {
    return this.emulated !== null;
  }

  update(pos: NodePositions, wallMs: number, tUnixMs: number): void {
    const r = this.route;
    if (!r?.ok || !this.line) return;
    const pts = r.path.map((n) => pos.into(n, new Cartesian3()));
    this.line.positions = pts;
    const total = this.cumMs[this.cumMs.length - 1]!;
    let k = 0;
    if (this.emulated) {
      this.dotsNow = bundleDots(this.emulated.bundles, r, tUnixMs);
      for (const d of this.dotsNow) {
        this.place(k++, pts, d.atMs);
        this.everDrawn.add(d.id);
        // Oldest first (Set order): as many as the server keeps.
        if (this.everDrawn.size > BUNDLES_KEPT) this.everDrawn.delete(this.everDrawn.values().next().value!);
      }
    } else {
      this.dotsNow = [];
      // Each dot's progress along the route, by delay: hops are crossed in proportion to their delay.
      for (let j = 0; j < ANIMATED_BUNDLES; j++)
        this.place(k++, pts, ((wallMs / BUNDLE_TRAVERSE_WALL_MS + j / ANIMATED_BUNDLES) % 1) * total);
    }
    for (let j = k; j < this.dots.length; j++) this.dots.get(j).show = false;
    this.drawn = k;
  }

  /** Dot j at `atMs` of delay from the route's first node. */
  private place(j: number, pts: Cartesian3[], atMs: number): void {
    while (this.dots.length <= j)
      this.dots.add({ position: Cartesian3.ZERO, pixelSize: 7, color: BUNDLE_COLOR, outlineWidth: 0 });
    let h = 0;
    while (h + 1 < this.cumMs.length - 1 && this.cumMs[h + 1]! < atMs) h++;
    const span = this.cumMs[h + 1]! - this.cumMs[h]!;
    const f = span > 0 ? (atMs - this.cumMs[h]!) / span : 0;
    const d = this.dots.get(j);
    d.show = true;
    d.position = Cartesian3.lerp(pts[h]!, pts[h + 1]!, f, d.position);
  }

  bundlesDrawn(): number {
    return this.drawn;
  }

  /** Live: the run's bundles drawn in the last frame (id, delay from the route's first node). */
  bundleDotsNow(): BundleDot[] {
    return this.dotsNow.slice();
  }

  /** Live: ids of the run's bundles drawn in some frame since the pair was chosen. */
  bundleIdsDrawn(): string[] {
    return [...this.everDrawn];
  }
}
