/**
 * The replay's ground passes and the antenna windows cut from them (downlink-windows.ts), as one
 * job: it needs only the constellation and the time window, none of the workload, so replay.ts runs
 * it in one of the modes' worker threads while its own thread finds the capture opportunities, the
 * sunlight and the survey plan (docs/eo-replay.md, "Speed"). Same function in either thread, so the
 * same passes and windows.
 */
import { meshSettingsOf, stationAntennas } from "../mesh/config.js";
import type { Constellation } from "../orbit/constellation.js";
import { type DownlinkWindow, downlinkWindows } from "./downlink-windows.js";
import { passesOf } from "./scenario.js";
import type { ContactWindow } from "./scenario-types.js";

export interface PassWindows {
  contacts: ContactWindow[];
  windows: DownlinkWindow[];
}

/** A station's antenna count, as the mesh resolves it (Infinity: no limit). */
export function antennasOf(c: Constellation): (station: number) => number {
  const gl = meshSettingsOf(c).groundLinks;
  return (g) => stationAntennas(c.groundStations[g]!, gl);
}

/** The passes and the windows on the emulator's step grid of `stepMs`. */
export async function passWindows(
  c: Constellation,
  startUnixMs: number,
  durationMs: number,
  stepMs: number,
): Promise<PassWindows> {
  const contacts = await passesOf(c, startUnixMs, durationMs);
  return { contacts, windows: downlinkWindows(c, contacts, startUnixMs, stepMs, antennasOf(c)) };
}
