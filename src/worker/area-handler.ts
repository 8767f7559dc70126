import { type GeometryPack, readPackedGeometry } from "../core/check/geometry-pack";
import { type ClipKernel, createClipperKernel, type Polygons } from "../core/check/index";
import { unionAreaOf } from "../state/triage-area";
import type { FromAreaWorker, ToAreaWorker } from "./area-protocol";

/** A geometry's polygons as the kernel unites them; null for any other geometry (or none). */
function polygonsAt(pack: GeometryPack, index: number): Polygons | null {
  const geometry = readPackedGeometry(pack, index);
  if (geometry?.type === "Polygon") return [geometry.coordinates];
  if (geometry?.type === "MultiPolygon") return geometry.coordinates;
  return null;
}

/**
 * The message loop of the area worker, without the worker: keeps the polygons of the latest set of
 * findings (a run's), and answers each `unite` with the area of its members' union, worked out by
 * the same kernel and area as on the page (`unionAreaOf`), so the numbers are the same. The
 * kernel is kept: it converts each polygon once, and a new filter reuses the conversions. Separate
 * from the worker script so it can be tested in Node.
 *
 * @param post - sends a message back to the page
 * @param kernel - the clipping kernel (tests may count its unions)
 * @returns the function to call with every message the page sends
 */
export function createAreaHandler(
  post: (message: FromAreaWorker) => void,
  kernel: ClipKernel = createClipperKernel(),
): (message: ToAreaWorker) => void {
  let set = -1;
  let polygons: (Polygons | null)[] = [];
  return (message) => {
    switch (message.type) {
      case "findings": {
        if (message.set !== set) {
          set = message.set;
          polygons = [];
        }
        const { pack, start } = message;
        for (let i = 0; i < pack.count; i++) polygons[start + i] = polygonsAt(pack, i);
        return;
      }
      case "unite": {
        const { requestId } = message;
        try {
          if (message.set !== set)
            throw new Error(`area worker holds set ${set}, not ${message.set}`);
          const parts: Polygons[] = [];
          for (const i of message.members) {
            const p = polygons[i];
            if (!p) throw new Error(`area worker has no polygons for finding ${i} of set ${set}`);
            parts.push(p);
          }
          post({ type: "united", requestId, squareMeters: unionAreaOf(parts, kernel) });
        } catch (error) {
          post({
            type: "error",
            requestId,
            message: error instanceof Error ? error.message : String(error),
          });
        }
        return;
      }
    }
  };
}
