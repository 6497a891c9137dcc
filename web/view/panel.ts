/** The side panel and the time bar: plain DOM, text only (no innerHTML from data). */
import type {
  BundlesInfo,
  ClockInfo,
  LiveStatus,
  NodeInfo,
  RouteInfo,
  ViewMeta,
} from "../../src/view/protocol.js";

export const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`page element #${id} missing`);
  return e as T;
};

const iso = (t: number): string =>
  Number.isFinite(t) ? new Date(t).toISOString().replace(".000Z", "Z") : "-";
const fixed = (v: number | null | undefined, digits: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(digits);

function row(table: HTMLTableElement, cells: string[], header = false): void {
  const tr = table.insertRow();
  for (const c of cells) {
    const td = document.createElement(header ? "th" : "td");
    td.textContent = c;
    tr.appendChild(td);
  }
}

export function fillNodeSelects(meta: ViewMeta): void {
  const options = [
    ...meta.stations.map((s, g) => ({ id: meta.satellites.length + g, label: s.name })),
    ...meta.satellites.map((s, i) => ({ id: i, label: s.name })),
  ];
  for (const id of ["route-from", "route-to"]) {
    const sel = el<HTMLSelectElement>(id);
    for (const o of options) sel.add(new Option(o.label, String(o.id)));
  }
  const to = el<HTMLSelectElement>("route-to");
  if (meta.stations.length > 1) to.selectedIndex = 1;
}

export function showNode(info: NodeInfo): void {
  const box = el("status");
  box.replaceChildren();
  const t = document.createElement("table");
  row(t, ["name", info.name]);
  row(t, ["node", `${info.node} (${info.kind})`]);
  if (info.kind === "satellite") {
    row(t, ["shell", info.shell ?? "-"]);
    row(t, ["plane / slot", `${info.plane ?? -1} / ${info.slot ?? -1}`]);
  }
  row(t, ["lat / lon", `${fixed(info.latDeg, 4)} / ${fixed(info.lonDeg, 4)} deg`]);
  row(t, ["alt", `${fixed(info.altKm, 2)} km`]);
  row(t, ["at", iso(info.tUnixMs)]);
  if (info.up !== undefined) row(t, ["state", info.up ? "up" : "down"]);
  if (info.counters) for (const [k, v] of Object.entries(info.counters)) row(t, [k, String(v)]);
  if (info.state) {
    row(t, ["queue bytes", String(info.state.queueBytes)]);
    row(t, ["held bytes", String(info.state.heldBytes)]);
    for (const v of info.state.appValues) row(t, [`${v.app} ${v.name}`, appValue(v.name, v.value)]);
  }
  t.dataset["node"] = String(info.node);
  box.appendChild(t);
  const h = document.createElement("p");
  h.textContent = `Contact plan: ${info.contactSource}`;
  box.appendChild(h);
  const c = document.createElement("table");
  c.id = "contacts";
  row(c, ["peer", "start (UTC)", "end", "max el"], true);
  for (const p of info.contacts)
    row(c, [p.peer, iso(p.startUnixMs).slice(11), iso(p.endUnixMs).slice(11), fixed(p.maxElevationDeg, 1)]);
  if (info.contacts.length === 0) row(c, ["none in the horizon", "", "", ""]);
  box.appendChild(c);
}

/** An app value as the panel shows it: ratios as percent, others as numbers (names carry units). */
function appValue(name: string, v: number): string {
  if (!Number.isFinite(v)) return "-";
  if (name.endsWith("_ratio")) return `${(v * 100).toFixed(1)} %`;
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

export function showRoute(route: RouteInfo | null, names: (n: number) => string): void {
  const p = el("route-info");
  if (!route) {
    p.textContent =
      "Pick two nodes. Live, the dots are the run's own bundles between them; otherwise an animation of the route, 3 s per traverse.";
    el("route-bundles").textContent = "";
    return;
  }
  p.textContent = route.ok
    ? `${route.path.length - 1} hops, one way ${route.oneWayMs.toFixed(2)} ms at ${iso(route.tUnixMs)}: ${route.path.map(names).join(" > ")}`
    : `no route: ${route.reason}`;
}

/** Live: the run's bundles of the chosen pair, counted by what has happened to them by scenario time t. */
export function showBundles(b: BundlesInfo, tUnixMs: number): void {
  let inFlight = 0;
  let delivered = 0;
  let dropped = 0;
  for (const x of b.bundles) {
    if (x.outcome === "delivered" && x.endUnixMs !== null && x.endUnixMs <= tUnixMs) delivered++;
    else if (x.outcome === "dropped" && x.endUnixMs !== null && x.endUnixMs <= tUnixMs) dropped++;
    else if (x.createdUnixMs <= tUnixMs) inFlight++;
  }
  el("route-bundles").textContent =
    `the run's bundles of this pair (last ${b.bundles.length}): ${inFlight} in flight, ${delivered} delivered, ` +
    `${dropped} dropped${b.missedEvents > 0 ? `; ${b.missedEvents} events missed` : ""}`;
}

export function showClock(t: number, clock: ClockInfo, playing: boolean, speed: number): void {
  el("scenario-time").textContent = iso(t);
  el("clock-info").textContent =
    clock.mode === "model"
      ? `model playback ${speed}x${playing ? "" : " (paused)"}`
      : clock.mode === "recorded"
        ? `recorded run (${clock.isolation ?? ""}) playback ${speed}x${playing ? "" : " (paused)"}`
        : clock.kind === "virtual"
          ? `live, virtual clock (exact, never late), ${clock.isolation ?? ""}`
          : `live, realtime clock, speed ${clock.speed}x, step lag ${clock.lagMs.toFixed(1)} ms median, ` +
            `${fixed(clock.lagMaxMs, 1)} ms max, ${clock.stepsLate ?? 0} steps late, ${clock.isolation ?? ""}`;
}

export function showLive(s: LiveStatus): void {
  el("live-section").hidden = false;
  const t = s.totals;
  el("live-status").textContent =
    `${s.name}: nodes up ${s.nodesUp}/${s.nodes}; bundles created ${t.created}, delivered ${t.delivered}, ` +
    `queued ${t.queued}, dropped ${t.dropped}; steps ${s.steps}, links ${Number.isFinite(s.links) ? s.links : "-"}, ` +
    `step compute ${fixed(s.stepComputeMs, 2)} ms`;
}
