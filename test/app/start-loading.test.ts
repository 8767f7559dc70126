import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CatalogState } from "../../src/state/load-states";
import { landUseLayer, layerEntry } from "../state/layer-fixture";

// The loaders are module-wide singletons (a worker, kept reads): stand-ins record what is asked.
const asked = vi.hoisted(() => ({
  files: [] as string[],
  worker: 0,
  base: 0,
  catalog: null as CatalogState | null,
}));
vi.mock("../../src/app/layer-loader", () => ({
  startLayerLoading: () => {
    asked.worker++;
  },
  loadLayerFile: (_url: URL, file: string) => {
    asked.files.push(file);
    return Promise.resolve({ type: "FeatureCollection", features: [] });
  },
}));
vi.mock("../../src/app/use-base-data", () => ({
  startBaseData: () => {
    asked.base++;
    return new Promise(() => {});
  },
}));
vi.mock("../../src/app/use-catalog", () => ({
  startCatalog: () => Promise.resolve(asked.catalog),
}));
vi.mock("../../src/app/runtime-urls", () => ({
  CATALOG_FILE: "layers/catalog.json",
  CATALOG_URL: new URL("http://127.0.0.1/layers/catalog.json"),
}));
vi.mock("../../src/app/app-file-url", () => ({
  catalogFileUrl: (path: string, base: URL) => new URL(path, base),
}));

const { startFirstPictureLoads } = await import("../../src/app/start-loading");

const ready = (visible: string[]): CatalogState =>
  ({
    status: "ready",
    problems: [],
    catalog: {
      layers: [
        layerEntry({ id: "ring-roads", source: "sector/ring-roads.geojson" }),
        landUseLayer({ id: "zones", source: "../data/zones.fgb" }),
      ].map((l) => ({ ...l, visible: visible.includes(l.id) })),
    },
  }) as unknown as CatalogState;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("startFirstPictureLoads", () => {
  beforeEach(() => {
    asked.files = [];
    asked.worker = 0;
    asked.base = 0;
  });

  it("starts the worker and the base map's files, and reads the layers shown by default", async () => {
    asked.catalog = ready(["zones"]);
    startFirstPictureLoads("");
    await settle();
    expect([asked.worker, asked.base]).toEqual([1, 1]);
    expect(asked.files).toEqual(["../data/zones.fgb"]);
  });

  it("reads the layers a link lists instead of the defaults", async () => {
    asked.catalog = ready(["zones"]);
    startFirstPictureLoads("#layers=ring-roads:80");
    await settle();
    expect(asked.files).toEqual(["sector/ring-roads.geojson"]);
  });

  it("reads no layer when the catalogue failed (the app reports it)", async () => {
    asked.catalog = { status: "failed", failure: null, problems: [] } as unknown as CatalogState;
    startFirstPictureLoads("");
    await settle();
    expect(asked.files).toEqual([]);
  });
});
