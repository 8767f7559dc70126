import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatCatalogProblem, parseCatalog } from "../../../src/core/catalog/parse-catalog";

const goodEntry = JSON.parse(
  readFileSync(new URL("../../fixtures/catalog/good-entry.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

function catalogOf(layers: unknown[]) {
  return {
    version: 1,
    title: { vi: "Thử", en: "Test" },
    dataCutoff: "2022-12-31",
    layers,
  };
}

describe("parseCatalog", () => {
  it("accepts a good entry and fills defaults", () => {
    const { catalog, problems } = parseCatalog(catalogOf([goodEntry]));
    expect(problems).toEqual([]);
    expect(catalog?.layers).toHaveLength(1);
    expect(catalog?.layers[0]).toMatchObject({ id: "ring-road-4", visible: false, opacity: 0.7 });
  });

  it("reports each bad entry with its index, id and field, and still loads the others", () => {
    const badDate = { ...goodEntry, id: "bad-date", dataAsOf: "31/12/2022" };
    const badLevel = { ...goodEntry, id: "bad-level", level: "province" };
    const noSector = { ...goodEntry, id: "no-sector", sector: undefined };
    const badSource = { ...goodEntry, id: "bad-source", source: "roads.shp" };
    const badColour = { ...goodEntry, id: "bad-colour", style: { type: "simple", color: "red" } };
    const good2 = { ...goodEntry, id: "ring-road-5" };
    const { catalog, problems } = parseCatalog(
      catalogOf([badDate, goodEntry, badLevel, noSector, badSource, badColour, good2]),
    );
    expect(catalog?.layers.map((l) => l.id)).toEqual(["ring-road-4", "ring-road-5"]);
    expect(problems.map((p) => [p.index, p.id, p.field])).toEqual([
      [0, "bad-date", "dataAsOf"],
      [2, "bad-level", "level"],
      [3, "no-sector", "sector"],
      [4, "bad-source", "source"],
      [5, "bad-colour", "style.color"],
    ]);
  });

  it("rejects duplicate ids and entries that are not objects", () => {
    const { catalog, problems } = parseCatalog(catalogOf([goodEntry, goodEntry, 42]));
    expect(catalog?.layers).toHaveLength(1);
    expect(problems).toEqual([
      {
        index: 1,
        id: "ring-road-4",
        field: "id",
        message: {
          vi: expect.stringContaining('id "ring-road-4" đã dùng cho lớp #0'),
          en: expect.stringContaining('duplicate layer id "ring-road-4" (also layer #0)'),
        },
      },
      expect.objectContaining({ index: 2, id: null }),
    ]);
  });

  it("sorts layers by plan level, higher plans first", () => {
    const city = { ...goodEntry, id: "city", level: "city", sector: undefined };
    const national = { ...goodEntry, id: "national", level: "national", sector: "land-use" };
    const district = { ...goodEntry, id: "district", level: "district", sector: undefined };
    const regional = { ...goodEntry, id: "regional", level: "regional", sector: undefined };
    const { catalog } = parseCatalog(catalogOf([district, city, goodEntry, regional, national]));
    expect(catalog?.layers.map((l) => l.id)).toEqual([
      "national",
      "ring-road-4",
      "regional",
      "city",
      "district",
    ]);
  });

  it("gives no catalogue for a bad root, with a readable problem", () => {
    const { catalog, problems } = parseCatalog({ version: 2, layers: "x" });
    expect(catalog).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(["version", "layers", "title", "dataCutoff"]),
    );
    const [first] = problems;
    if (!first) throw new Error("expected a problem");
    expect(formatCatalogProblem(first, "layers/catalog.json")).toMatch(/^layers\/catalog\.json: /);
  });
});
