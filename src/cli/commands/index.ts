/**
 * Every subcommand, in the order `constellate --help` lists them: one line each, its name, the
 * one-line summary the listing shows, and how to load it. Modules load only when their command
 * runs (or its help is asked for), so `constellate --help` does not pay for SGP4, gRPC, vega and the
 * rest (see main.ts). A new command is one more line here; its module exports `(program) => void`.
 */
import type { Command } from "commander";

export interface CommandEntry {
  name: string;
  /** Shown in `constellate --help`; the module's own `.description()` is its full help. */
  summary: string;
  load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "demo",
    summary: "the newcomer's tour on bundled files (EO replay through the emulated nodes, latency vs fiber)",
    load: async () => (await import("./demo.js")).demoCommand,
  },
  {
    name: "info",
    summary: "shells, satellite counts, periods and altitudes of a constellation",
    load: async () => (await import("./info.js")).infoCommand,
  },
  {
    name: "catalog",
    summary: "shells, planes and slots inferred from an element-set catalog; `catalog fetch` downloads one",
    load: async () => {
      const [{ catalogCommand }, { registerCatalogFetch }] = await Promise.all([
        import("./catalog.js"),
        import("./catalog-fetch.js"),
      ]);
      return (program: Command) => registerCatalogFetch(catalogCommand(program));
    },
  },
  {
    name: "positions",
    summary: "position of every satellite at an instant (geodetic and ECEF, km)",
    load: async () => (await import("./positions.js")).positionsCommand,
  },
  {
    name: "passes",
    summary: "ground passes over a station: AOS, TCA, LOS and maximum elevation",
    load: async () => (await import("./passes.js")).passesCommand,
  },
  {
    name: "eclipses",
    summary: "umbra and penumbra intervals of a satellite (conical Earth shadow)",
    load: async () => (await import("./eclipses.js")).eclipsesCommand,
  },
  {
    name: "latency",
    summary: "RTT between ground stations through the constellation vs fiber; crossover distance",
    load: async () => (await import("./latency.js")).latencyCommand,
  },
  {
    name: "replay",
    summary: "replay an Earth-observation workload per downlink mode (raw | summary | hybrid)",
    load: async () => (await import("./replay.js")).replayCommand,
  },
  {
    name: "export-hypatia",
    summary: "write a constellation in Hypatia's satellite-network-state format",
    load: async () => (await import("./export-hypatia.js")).exportHypatiaCommand,
  },
  {
    name: "export-czml",
    summary: "write a CZML document for Cesium: satellites, stations, links and a route over a window",
    load: async () => (await import("./export-czml.js")).exportCzmlCommand,
  },
  {
    name: "launch",
    summary: "run a live emulation: a controller plus one gRPC node per satellite and station",
    load: async () => (await import("./launch.js")).launchCommand,
  },
  {
    name: "status",
    summary: "a running launch: virtual time, nodes up/down, bundle ledger",
    load: async () => (await import("./status.js")).statusCommand,
  },
  {
    name: "ping",
    summary: "round trips from node A to node B through the running emulation, beside the model",
    load: async () => (await import("./ping.js")).pingCommand,
  },
  {
    name: "trace",
    summary: "each hop of a round trip from A to B: queueing, serialization, propagation",
    load: async () => (await import("./trace.js")).traceCommand,
  },
  {
    name: "stop",
    summary: "end a running launch as Ctrl-C would, and wait until it is gone",
    load: async () => (await import("./stop.js")).stopCommand,
  },
  {
    name: "view",
    summary: "a 3D globe of a constellation or a running launch in the browser, offline (127.0.0.1)",
    load: async () => (await import("./view.js")).viewCommand,
  },
  {
    name: "schema",
    summary: "write the JSON Schema of constellation or ground-station set YAML, for editors",
    load: async () => (await import("./schema.js")).schemaCommand,
  },
];
