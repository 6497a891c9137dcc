/**
 * The globe page: fetches the constellation's description, draws satellites, stations and links at
 * the current scenario time (interpolated between server samples), shows a clicked node's status
 * and contact plan, follows a chosen pair's route, and runs the time bar. Exposes a read-only test
 * hook, window.__constellate (counts, screen positions, frame times), used by the browser test.
 */
import {
  type Cartesian2,
  Cartesian3,
  defined,
  SceneTransforms,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
} from "cesium";
import type {
  BundlesInfo,
  ClockInfo,
  LiveStatus,
  NodeInfo,
  RouteInfo,
  ViewMeta,
} from "../../src/view/protocol.js";
import { createGlobe } from "./globe.js";
import { OCCLUDER_RADIUS_M, sightlineBlocked, WGS84_EQUATORIAL_RADIUS_M } from "./horizon.js";
import { LinkLayer, NodeLayer, NodePositions, RouteLayer } from "./layers.js";
import { el, fillNodeSelects, showBundles, showClock, showLive, showNode, showRoute } from "./panel.js";
import { renderProfile, SATELLITE_PX } from "./render-profile.js";
import { decodeRunLinks, type RunLinks, SampleCache } from "./samples.js";

// Cesium finds its workers and assets here (our server serves node_modules/cesium/Build/Cesium).
(window as unknown as { CESIUM_BASE_URL: string }).CESIUM_BASE_URL = new URL("cesium/", location.href).href;

const SPEEDS = [1, 10, 60, 600];
const FRAME_TIMES_KEPT = 4000;
/** How often the page asks for the chosen pair's bundles in live mode, wall ms (our choice). */
const BUNDLES_POLL_WALL_MS = 500;

async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

async function boot(): Promise<void> {
  const meta = await getJson<ViewMeta>("api/meta");
  let clock = await getJson<ClockInfo>("api/clock");
  let clockAtWall = performance.now();
  const S = meta.satellites.length;
  const nodes = S + meta.stations.length;
  const names = (n: number) => (n < S ? meta.satellites[n]!.name : (meta.stations[n - S]?.name ?? String(n)));
  el("title").textContent = `${meta.name}: ${S} satellites, ${meta.stations.length} stations (${meta.mode})`;
  fillNodeSelects(meta);

  const profile = renderProfile(location.search);
  const viewer = createGlobe(el("globe"), profile);
  const scene = viewer.scene;
  const pos = new NodePositions(S, meta.stations);
  const nodeLayer = new NodeLayer(
    scene,
    pos,
    meta.stations.length,
    profile.lean ? SATELLITE_PX.lean : SATELLITE_PX.full,
  );
  const links = new LinkLayer(scene);
  const route = new RouteLayer(scene);
  const cache = new SampleCache(meta.originMs, meta.sampleStepMs, nodes);
  const up = new Uint8Array(nodes).fill(1);
  let down: number[] = [];
  /** Live: the run's own links (api/links, its controller's WatchTopology), drawn instead of the samples'. */
  let runLinks: RunLinks | null = null;

  // Playback: model and recorded modes play the window at `speed` and loop; live follows the run's clock.
  const playback = meta.mode !== "live";
  let playing = true;
  let speed = clock.speed;
  let t = playback ? meta.fromMs : clock.tUnixMs;
  let lastWall = performance.now();
  let drawnK = Number.NaN;
  let selected: NodeInfo | null = null;
  let routePair: [number, number] | null = null;
  /** Live: the run's bundles of the chosen pair, as last polled. */
  let pairBundles: BundlesInfo | null = null;
  let routeK = Number.NaN;
  let firstDrawn = false;
  let lastDrawnT = Number.NaN;
  /** Whether the last frame drew the playhead's instant (both samples around it were there). */
  let interpolated = false;
  let renderError: string | null = null;
  scene.renderError.addEventListener((_s: unknown, e: unknown) => {
    renderError = e instanceof Error ? e.message : String(e);
  });

  const seek = el<HTMLInputElement>("seek");
  const play = el<HTMLButtonElement>("play");
  if (playback) {
    for (const s of SPEEDS) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = `${s}x`;
      b.onclick = () => {
        speed = s;
      };
      el("speed-buttons").appendChild(b);
    }
    play.onclick = () => {
      playing = !playing;
      play.textContent = playing ? "pause" : "play";
    };
    seek.oninput = () => {
      t = meta.fromMs + (Number(seek.value) / 1000) * (meta.toMs - meta.fromMs);
    };
  } else {
    play.hidden = true;
    seek.hidden = true;
    const poll = async () => {
      try {
        clock = await getJson<ClockInfo>("api/clock");
        clockAtWall = performance.now();
        const st = await getJson<LiveStatus>("api/status");
        if (st.down.join() !== down.join()) links.invalidate();
        down = st.down;
        showLive(st);
        const r = await fetch("api/links");
        // 404: the run has sent no step yet (or its controller predates WatchTopology): keep the samples'.
        if (r.ok) {
          runLinks = decodeRunLinks(runLinks ? runLinks.k - 1 : -1, await r.arrayBuffer());
          scene.requestRender();
        }
      } catch (e) {
        console.error(e);
      }
      setTimeout(poll, 1000);
    };
    void poll();
    // The run's bundles between the chosen pair (the controller's WatchBundles, kept by the server).
    const pollBundles = async () => {
      const pair = routePair;
      if (pair) {
        try {
          const b = await getJson<BundlesInfo>(`api/bundles?from=${pair[0]}&to=${pair[1]}`);
          if (routePair === pair) {
            pairBundles = b;
            route.setBundles(b);
            showBundles(b, t);
          }
        } catch (e) {
          console.error(e);
        }
      }
      setTimeout(pollBundles, BUNDLES_POLL_WALL_MS);
    };
    void pollBundles();
  }

  const fetchRoute = async (k: number) => {
    if (!routePair) return;
    const [a, b] = routePair;
    routeK = k;
    try {
      const r = await getJson<RouteInfo>(`api/route?from=${a}&to=${b}&t=${cache.instantOf(k)}`);
      if (routePair && routePair[0] === a && routePair[1] === b) {
        route.set(r);
        showRoute(r, names);
        scene.requestRender();
      }
    } catch (e) {
      console.error(e);
    }
  };
  el<HTMLButtonElement>("route-go").onclick = () => {
    routePair = [
      Number(el<HTMLSelectElement>("route-from").value),
      Number(el<HTMLSelectElement>("route-to").value),
    ];
    void fetchRoute(cache.indexAt(t));
  };
  el<HTMLButtonElement>("route-clear").onclick = () => {
    routePair = null;
    pairBundles = null;
    route.set(null);
    route.setBundles(null);
    showRoute(null, names);
    scene.requestRender();
  };

  const select = async (node: number) => {
    const info = await getJson<NodeInfo>(`api/node?id=${node}&t=${Math.round(t)}`);
    selected = info;
    showNode(info);
  };
  const handler = new ScreenSpaceEventHandler(scene.canvas);
  handler.setInputAction((e: { position: Cartesian2 }) => {
    const picked = scene.pick(e.position);
    if (defined(picked) && typeof picked.id === "number") void select(picked.id);
  }, ScreenSpaceEventType.LEFT_CLICK);

  // Per frame, before Cesium updates its primitives: move everything to the scenario time.
  const updateTimes: number[] = [];
  scene.preUpdate.addEventListener(() => {
    const now = performance.now();
    try {
      frameUpdate(now);
    } finally {
      updateTimes.push(performance.now() - now);
      if (updateTimes.length > FRAME_TIMES_KEPT) updateTimes.shift();
    }
  });
  const frameUpdate = (now: number) => {
    // Model playback waits (buffers) until both samples around the playhead have arrived.
    const k0 = cache.indexAt(t);
    const buffering =
      cache.get(k0) === undefined ||
      (cache.get(k0 + 1) === undefined && cache.instantOf(k0 + 1) <= meta.toMs);
    if (playback) {
      if (playing && !buffering) t += Math.min(now - lastWall, 250) * speed;
      if (t >= meta.toMs) t = meta.fromMs + ((t - meta.fromMs) % (meta.toMs - meta.fromMs));
      seek.value = String(Math.round(((t - meta.fromMs) / (meta.toMs - meta.fromMs)) * 1000));
    } else {
      t = clock.tUnixMs + (clock.kind === "realtime" ? (now - clockAtWall) * clock.speed : 0);
    }
    lastWall = now;
    // requestRenderMode (globe.ts): render this frame only when what is drawn moves.
    if (t !== lastDrawnT || routePair || !firstDrawn) scene.requestRender();
    lastDrawnT = t;
    const k = cache.indexAt(t);
    cache.want(k, drawnK);
    // Live: the run's clock does not wait; hold the latest sample until k's arrives.
    const a = cache.get(k) ?? cache.latestUpTo(k);
    if (a) {
      up.set(a.up);
      for (const d of down) up[d] = 0;
      const b = cache.get(a.k + 1);
      pos.interpolate(a, b, Math.min(1, (t - a.tUnixMs) / meta.sampleStepMs));
      interpolated = b !== undefined && a.k === k;
      nodeLayer.update(pos, up);
      links.setSample(runLinks ?? a, up);
      links.update(pos, scene.camera.positionWC);
      if (routePair && a.k !== routeK) void fetchRoute(a.k);
      route.update(pos, now, t);
      drawnK = a.k;
      firstDrawn = true;
    }
    showClock(t, clock, playing, speed);
  };

  // Frame times: requestAnimationFrame deltas, the page's own measure of smoothness.
  const frameTimes: number[] = [];
  let lastFrame = performance.now();
  const onFrame = (now: number) => {
    frameTimes.push(now - lastFrame);
    if (frameTimes.length > FRAME_TIMES_KEPT) frameTimes.shift();
    lastFrame = now;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  // Rendered frames: intervals between Cesium's renders (with requestRenderMode a rAF tick that
  // draws nothing is not a frame), the measure docs/view.md quotes.
  const renderIntervals: number[] = [];
  let lastRender = Number.NaN;
  scene.postRender.addEventListener(() => {
    const now = performance.now();
    if (Number.isFinite(lastRender)) renderIntervals.push(now - lastRender);
    if (renderIntervals.length > FRAME_TIMES_KEPT) renderIntervals.shift();
    lastRender = now;
  });

  const scratch = new Cartesian3();
  (window as unknown as { __constellate: unknown }).__constellate = {
    get ready() {
      return firstDrawn && scene.globe.tilesLoaded;
    },
    /** Cesium stops rendering after an error in its render loop; the message, or null. */
    get renderError() {
      return renderError;
    },
    mode: meta.mode,
    satellites: S,
    stations: meta.stations.length,
    get satellitesDrawn() {
      return nodeLayer.satellitesDrawn();
    },
    get stationsDrawn() {
      return nodeLayer.stations.length;
    },
    get links() {
      return links.counts();
    },
    /** Link segments handed to the renderer in the last frame (links with an end in view). */
    get linksDrawn() {
      return links.drawnThisFrame();
    },
    get scenarioTimeMs() {
      return t;
    },
    get interpolated() {
      return interpolated;
    },
    get sampleIndex() {
      return drawnK;
    },
    get selected() {
      return selected;
    },
    get route() {
      return route.route;
    },
    get bundlesDrawn() {
      return route.bundlesDrawn();
    },
    /** Live: the run's bundles drawn as dots in the last frame: id, and delay from the route's first node. */
    get bundleDots() {
      return route.bundleDotsNow();
    },
    /** Live: ids of the run's bundles drawn as a dot in some frame since the pair was chosen. */
    get bundleIdsDrawn() {
      return route.bundleIdsDrawn();
    },
    /** Live: the run's bundles of the chosen pair the page knows (null: none asked, or not live). */
    get pairBundles() {
      return pairBundles;
    },
    /** Whether the route's dots are the run's bundles (live) or an animation (model, recorded). */
    get bundlesEmulated() {
      return route.showsEmulatedBundles;
    },
    /** Live: the run's links the page draws (step instant, step count, node-id pairs), or null. */
    get runLinks() {
      if (!runLinks) return null;
      return { tUnixMs: runLinks.tUnixMs, steps: runLinks.steps, ends: Array.from(runLinks.linkEnds) };
    },
    get nodesDown() {
      return down.length;
    },
    /** Nodes drawn as down now (live: the run's status; recorded: the run's record at the playhead). */
    get nodesDrawnDown() {
      let n = 0;
      for (let i = 0; i < nodes; i++) if (up[i] === 0) n++;
      return n;
    },
    /** Seek the playhead (model and recorded modes), Unix ms. */
    seekTo: (tUnixMs: number) => {
      t = Math.min(meta.toMs, Math.max(meta.fromMs, tUnixMs));
    },
    /** Where node n (satellite or station) is on the canvas now (CSS px from its top-left), or null when hidden by the Earth. */
    screenPositionOf(n: number): { x: number; y: number } | null {
      if (!pos.valid[n]) return null;
      const p = pos.into(n, scratch);
      // Blocked by the sphere holding the whole ellipsoid: a point near the limb counts as hidden.
      const c = scene.camera.positionWC;
      if (n >= S) {
        // A station is on the surface, inside that sphere: seen when the camera is above its
        // horizon plane (the ellipsoid's normal there is within 0.2 deg of the radius), 5 deg up.
        const up = (c.x - p.x) * p.x + (c.y - p.y) * p.y + (c.z - p.z) * p.z;
        const dc = Math.hypot(c.x - p.x, c.y - p.y, c.z - p.z) * Math.hypot(p.x, p.y, p.z);
        if (up < Math.sin((5 * Math.PI) / 180) * dc) return null;
      } else if (sightlineBlocked(c.x, c.y, c.z, p.x, p.y, p.z, WGS84_EQUATORIAL_RADIUS_M)) return null;
      const w = SceneTransforms.worldToWindowCoordinates(scene, p);
      return w ? { x: w.x, y: w.y } : null;
    },
    /** The camera's ECEF position, km. */
    cameraEcefKm(): [number, number, number] {
      const c = scene.camera.positionWC;
      return [c.x / 1000, c.y / 1000, c.z / 1000];
    },
    /** Where each of nodes 0..n-1 falls in the drawing buffer (pixels from its top-left), or null. */
    drawingBufferPositionsOf(n: number): ({ x: number; y: number } | null)[] {
      const out: ({ x: number; y: number } | null)[] = [];
      for (let i = 0; i < n; i++) {
        const w = pos.valid[i]
          ? SceneTransforms.worldToDrawingBufferCoordinates(scene, pos.into(i, scratch))
          : undefined;
        out.push(w ? { x: w.x, y: w.y } : null);
      }
      return out;
    },
    /**
     * Render one frame now with the given layers shown and the GPU's horizon culling of satellites
     * on or off, then read the drawing buffer back (before the browser can present and clear it):
     * the largest RGB byte in the 3x3 block around each listed drawing-buffer position, and an FNV-1a
     * hash of the whole buffer. Restores the layers after. For the browser test.
     */
    probeFrame(
      o: { satelliteCulling: boolean; globe: boolean; links: boolean; stations: boolean },
      at: { x: number; y: number }[],
    ): { lit: number[]; hash: number; width: number; height: number } {
      const saved = [scene.globe.show, links.primitive.show, nodeLayer.stations.show] as const;
      scene.globe.show = o.globe;
      links.primitive.show = o.links;
      nodeLayer.stations.show = o.stations;
      nodeLayer.satellites.occluderRadiusM = o.satelliteCulling ? OCCLUDER_RADIUS_M : 0;
      try {
        scene.requestRender();
        scene.render();
        const gl = scene.context._gl;
        const width = gl.drawingBufferWidth;
        const height = gl.drawingBufferHeight;
        const px = new Uint8Array(4 * width * height);
        gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, px);
        let hash = 0x811c9dc5;
        for (let i = 0; i < px.length; i++) hash = Math.imul(hash ^ px[i]!, 0x01000193) >>> 0;
        const lit = at.map(({ x, y }) => {
          let m = 0;
          // readPixels rows run bottom-up; drawing-buffer coordinates top-down.
          for (let dy = -1; dy <= 1; dy++)
            for (let dx = -1; dx <= 1; dx++) {
              const cx = Math.floor(x) + dx;
              const cy = height - 1 - (Math.floor(y) + dy);
              if (cx < 0 || cy < 0 || cx >= width || cy >= height) continue;
              const k = 4 * (cy * width + cx);
              m = Math.max(m, px[k]!, px[k + 1]!, px[k + 2]!);
            }
          return m;
        });
        return { lit, hash, width, height };
      } finally {
        [scene.globe.show, links.primitive.show, nodeLayer.stations.show] = saved;
        nodeLayer.satellites.occluderRadiusM = OCCLUDER_RADIUS_M;
        scene.requestRender();
      }
    },
    /** Node n's ECEF position as drawn now, km. */
    drawnEcefKm(n: number): [number, number, number] {
      pos.into(n, scratch);
      return [scratch.x / 1000, scratch.y / 1000, scratch.z / 1000];
    },
    frameTimesMs: () => frameTimes.slice(),
    renderIntervalsMs: () => renderIntervals.slice(),
    renderProfile: profile,
    /** JS time of the page's own per-frame update (positions, links, route), ms per frame. */
    updateTimesMs: () => updateTimes.slice(),
    resetFrameTimes: () => {
      frameTimes.length = 0;
      updateTimes.length = 0;
      renderIntervals.length = 0;
      lastRender = Number.NaN;
    },
    pause: () => {
      playing = false;
      play.textContent = "play";
    },
  };
}

boot().catch((e: unknown) => {
  const p = document.createElement("pre");
  p.textContent = `constellate view failed to start: ${e instanceof Error ? e.message : String(e)}`;
  document.body.appendChild(p);
  console.error(e);
});
