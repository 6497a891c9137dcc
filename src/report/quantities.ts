/**
 * Quantities as people read them, each in the unit its own size calls for: counts with thousands
 * separators, fractions as percentages, durations in s/min/h or "2 h 10 min", energies in J/kJ/MJ.
 * Bytes are plot-common's formatBytes (one definition of the byte units for plots and tables).
 * Non-finite values (a p50 of no delivered images is NaN) print as "-", never "NaN".
 */

/** Three significant digits without trailing zeros: 38, 12.4, 0.00042. */
const sig3 = (x: number) => String(Number(x.toPrecision(3)));

export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "-";
}

/**
 * A fraction as a percentage: one decimal from 1 % up ("3.1 %", "100.0 %"), two significant digits
 * below ("0.61 %", "0.0042 %"), so a small share never rounds to a misleading "0.0 %".
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "-";
  const p = 100 * fraction;
  if (p === 0) return "0 %";
  if (Math.abs(p) >= 1) return `${p.toFixed(1)} %`;
  if (Math.abs(p) < 0.0001) return "< 0.0001 %";
  return `${Number(p.toPrecision(2))} %`;
}

/** A duration in one unit by its size: "0.42 s", "38 s", "12.4 min", "3.2 h" (3 significant digits). */
export function formatDurationS(s: number): string {
  if (!Number.isFinite(s)) return "-";
  const a = Math.abs(s);
  if (a < 60) return `${sig3(s)} s`;
  if (a < 3600) return `${sig3(s / 60)} min`;
  return `${sig3(s / 3600)} h`;
}

/** A long duration in words, to the minute: "2 h 10 min", "45 min", "24 h"; under a minute "38 s". */
export function formatHoursMinutes(s: number): string {
  if (!Number.isFinite(s)) return "-";
  if (Math.abs(s) < 59.5) return `${sig3(s)} s`;
  const minutes = Math.round(s / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A duration as h:mm, to the minute: 7,800 s -> "2:10", 300 s -> "0:05". */
export function formatHhMm(s: number): string {
  if (!Number.isFinite(s)) return "-";
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Energy in J, kJ or MJ by its size (3 significant digits): "11.3 J", "4.5 kJ". */
export function formatEnergyJ(j: number): string {
  if (!Number.isFinite(j)) return "-";
  const a = Math.abs(j);
  if (a >= 1e6) return `${sig3(j / 1e6)} MJ`;
  if (a >= 1e3) return `${sig3(j / 1e3)} kJ`;
  return `${sig3(j)} J`;
}
