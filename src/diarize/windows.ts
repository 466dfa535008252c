/**
 * Cuts speech regions into the short, overlapping windows that get one speaker embedding each.
 * Every window also owns the slice of time nearest its centre, so window labels tile the speech
 * without gaps or double counting.
 */
import type { TimeSpan } from './speech-regions.js';

export interface AnalysisWindow extends TimeSpan {
  /** Index of the speech region the window lies in. */
  region: number;
  /** The part of the region this window's label stands for. */
  owned: TimeSpan;
}

export interface WindowSettings {
  lengthMs: number;
  hopMs: number;
}

export function cutWindows(regions: readonly TimeSpan[], settings: WindowSettings): AnalysisWindow[] {
  const { lengthMs, hopMs } = settings;
  const windows: AnalysisWindow[] = [];
  regions.forEach((region, index) => {
    const duration = region.end - region.start;
    // A region shorter than a window is one window; longer ones get evenly spread windows, the last
    // ending at the region's end so no speech is left unseen.
    const count = duration <= lengthMs ? 1 : 1 + Math.ceil((duration - lengthMs) / hopMs);
    const step = count > 1 ? (duration - lengthMs) / (count - 1) : 0;
    const length = Math.min(lengthMs, duration);
    for (let i = 0; i < count; i++) {
      const start = Math.round(region.start + i * step);
      const centre = start + length / 2;
      const previousCentre = centre - step;
      const nextCentre = centre + step;
      windows.push({
        start,
        end: start + length,
        region: index,
        owned: {
          start: i === 0 ? region.start : Math.round((previousCentre + centre) / 2),
          end: i === count - 1 ? region.end : Math.round((centre + nextCentre) / 2),
        },
      });
    }
  });
  return windows;
}
