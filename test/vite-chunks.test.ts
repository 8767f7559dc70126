import { describe, expect, it } from "vitest";
import { CHUNK_GROUPS } from "../vite.config";

/** The chunk group a module id goes to, as Rolldown decides it (highest priority first). */
function groupOf(id: string): string | null {
  const groups = [...CHUNK_GROUPS].sort((a, b) => b.priority - a.priority);
  return groups.find((g) => g.test.test(id))?.name ?? null;
}

describe("vite build: chunk groups", () => {
  it("puts MapLibre in a chunk of its own, from either path separator", () => {
    expect(groupOf("/work/app/node_modules/maplibre-gl/dist/maplibre-gl.mjs")).toBe("maplibre");
    expect(groupOf("C:\\app\\node_modules\\maplibre-gl\\dist\\maplibre-gl.mjs")).toBe("maplibre");
  });

  it("leaves the app, the React libraries and look-alike packages to the default split", () => {
    expect(groupOf("/work/app/src/map/map-view.ts")).toBeNull();
    expect(groupOf("/work/app/node_modules/react-dom/client.js")).toBeNull();
    expect(groupOf("/work/app/node_modules/maplibre-gl-extra/index.js")).toBeNull();
    expect(groupOf("/work/app/node_modules/terra-draw-maplibre-gl-adapter/index.js")).toBeNull();
  });
});
