import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../../src/core/catalog/parse-catalog";
import { parseRules, rulesJsonSchema } from "../../../src/core/catalog/rules-schema";
import { MAX_DISTANCE_METERS } from "../../../src/core/check/rules/min-distance/schema";

const text = { vi: "Quy tắc", en: "Rule" };
const base = {
  title: text,
  description: text,
  severity: "error",
  subject: { layer: "zones", filter: { attribute: "land_use_code", in: ["ODT"] } },
  constraint: { layer: "rice" },
};
const noOverlap = { ...base, id: "no-overlap", type: "no-overlap" };
const minDistance = { ...base, id: "near", type: "min-distance", distanceMeters: 25 };
const quota = {
  ...base,
  id: "quota",
  type: "quota",
  constraint: { layer: "rice" },
  illustrative: true,
  districtSource: { kind: "attribute", attribute: "district_code" },
  targets: [{ scope: "district", district: "001", minHectares: 5 }],
};
const compat = {
  ...base,
  id: "compat",
  type: "compatibility",
  subjectAttribute: "land_use_code",
  constraintAttribute: "land_use_code",
  matrix: { ODT: { LUC: "forbidden" } },
};

const rulesOf = (...rules: unknown[]) => ({ version: 1, rules });
const goodEntry = JSON.parse(
  readFileSync(new URL("../../fixtures/catalog/good-entry.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const catalogOf = (...layers: unknown[]) => ({
  version: 1,
  title: { vi: "Thử", en: "Test" },
  dataCutoff: "2022-12-31",
  layers,
});

describe("rules: unknown keys are problems, never dropped", () => {
  it("a misspelled toleranceSquareMeters is refused with the key it stands for", () => {
    const { rules, problems } = parseRules(
      rulesOf({ ...noOverlap, toleranceSquareMeter: 500 }, { ...noOverlap, id: "ok" }),
    );
    // before: the rule loaded and ran with the default tolerance of 1 m²
    expect(rules.map((r) => r.id)).toEqual(["ok"]);
    expect(problems).toEqual([
      {
        index: 0,
        id: "no-overlap",
        field: "toleranceSquareMeter",
        message: {
          vi: expect.stringContaining('(có phải "toleranceSquareMeters"?)'),
          en: expect.stringContaining('(did you mean "toleranceSquareMeters"?)'),
        },
      },
    ]);
  });

  it("at every depth, each key at its own dotted path", () => {
    const { problems } = parseRules(
      rulesOf(
        { ...noOverlap, subject: { ...base.subject, filtr: { attribute: "a", in: ["b"] } } },
        { ...noOverlap, id: "f", subject: { layer: "zones", filter: { atribute: "a", in: [1] } } },
        { ...noOverlap, id: "t", title: { ...text, fr: "Règle" } },
        { ...quota, targets: [{ scope: "city", minHectare: 5 }] },
        {
          ...quota,
          id: "q2",
          districtSource: { kind: "attribute", atribute: "x", attribute: "y" },
        },
        {
          ...quota,
          id: "q3",
          constraint: { layer: "rice", filter: { attribute: "a", in: ["b"] } },
        },
        { ...compat, defaultVerdit: "forbidden" },
      ),
    );
    expect(problems.map((p) => [p.id, p.field])).toEqual([
      ["no-overlap", "subject.filtr"],
      ["f", "subject.filter.attribute"],
      ["f", "subject.filter.atribute"],
      ["t", "title.fr"],
      ["quota", "targets.0.minHectare"],
      // the target then has neither bound, which zod says too
      ["quota", "targets.0.minHectares"],
      ["q2", "districtSource.atribute"],
      ["q3", "constraint.filter"],
      ["compat", "defaultVerdit"],
    ]);
    const hint = (field: string) => problems.find((p) => p.field === field)?.message.en ?? "";
    expect(hint("subject.filtr")).toContain('"filter"?');
    expect(hint("subject.filter.atribute")).toContain('"attribute"?');
    expect(hint("targets.0.minHectare")).toContain('"minHectares"?');
    expect(hint("districtSource.atribute")).toContain('"attribute"?');
    expect(hint("defaultVerdit")).toContain('"defaultVerdict"?');
    // nothing close: no suggestion
    expect(hint("title.fr")).not.toContain("did you mean");
  });

  it("keeps $schema at the root; another unknown root key is a problem, the rules still load", () => {
    expect(parseRules({ $schema: "./rules.schema.json", ...rulesOf(noOverlap) }).problems).toEqual(
      [],
    );
    const { rules, problems } = parseRules({ ...rulesOf(noOverlap), rule: [] });
    expect(rules).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        index: null,
        field: "rule",
        message: expect.objectContaining({ en: expect.stringContaining('"rules"?') }),
      }),
    ]);
  });

  it("prints a key from the file escaped: no line break in the message", () => {
    const { problems } = parseRules(rulesOf({ ...noOverlap, "bad\nkey": 1 }));
    expect(problems[0]?.field).toBe("bad\\nkey");
    expect(problems[0]?.message.vi).not.toContain("\n");
    expect(problems[0]?.message.en).not.toContain("\n");
  });
});

describe("min-distance: distanceMeters has an upper bound", () => {
  it(`accepts ${MAX_DISTANCE_METERS} m and refuses more, saying the bound`, () => {
    expect(
      parseRules(rulesOf({ ...minDistance, distanceMeters: MAX_DISTANCE_METERS })).problems,
    ).toEqual([]);
    for (const d of [MAX_DISTANCE_METERS + 1, 1e7, 1e9]) {
      const { rules, problems } = parseRules(rulesOf({ ...minDistance, distanceMeters: d }));
      expect(rules).toEqual([]);
      expect(problems).toEqual([
        expect.objectContaining({
          field: "distanceMeters",
          message: {
            vi: expect.stringContaining(`tối đa ${MAX_DISTANCE_METERS} m`),
            en: expect.stringContaining(`at most ${MAX_DISTANCE_METERS} m`),
          },
        }),
      ]);
    }
  });
});

describe("catalogue: unknown keys and URL sources", () => {
  it("refuses unknown keys in an entry and its nested objects, with suggestions", () => {
    const { catalog, problems } = parseCatalog(
      catalogOf(
        { ...goodEntry, sourc: "x.geojson" },
        { ...goodEntry, id: "b", legalBasis: { ...(goodEntry.legalBasis as object), isuer: 1 } },
        { ...goodEntry, id: "c", style: { type: "simple", color: "#ffffff", colour: "#000000" } },
        { ...goodEntry, id: "d", attributes: [{ key: "w", label: text, units: "m" }] },
        { ...goodEntry, id: "ok" },
      ),
    );
    expect(catalog?.layers.map((l) => l.id)).toEqual(["ok"]);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, "sourc"],
      [1, "legalBasis.isuer"],
      [2, "style.colour"],
      [3, "attributes.0.units"],
    ]);
    expect(problems.map((p) => p.message.en.match(/did you mean "(\w+)"/)?.[1])).toEqual([
      "source",
      "issuer",
      "color",
      "unit",
    ]);
  });

  it("an unknown root key is a problem, and the layers still load for the viewer", () => {
    const { catalog, problems } = parseCatalog({ ...catalogOf(goodEntry), rule: "rules.json" });
    expect(catalog?.layers).toHaveLength(1);
    expect(catalog?.rules).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        index: null,
        field: "rule",
        message: expect.objectContaining({ en: expect.stringContaining('"rules"?') }),
      }),
    ]);
  });

  it("refuses a source that is a URL or a network path, saying to download the file", () => {
    const urls = [
      "https://example.com/layers/roads.geojson",
      "http://127.0.0.1:8080/roads.fgb",
      "HTTPS://EXAMPLE.COM/ROADS.JSON",
      "file:///srv/roads.geojson",
      "data:application/json,roads.json",
      "//example.com/roads.geojson",
      "\\\\server\\share\\roads.geojson",
      "C:\\layers\\roads.geojson",
    ];
    const { catalog, problems } = parseCatalog(
      catalogOf(...urls.map((source, k) => ({ ...goodEntry, id: `u${k}`, source }))),
    );
    expect(catalog?.layers).toEqual([]);
    expect(problems.map((p) => [p.index, p.field])).toEqual(urls.map((_, k) => [k, "source"]));
    for (const p of problems) {
      expect(p.message.en).toContain("not a URL: download the file and give its path");
      expect(p.message.vi).toContain("không phải URL");
    }
  });

  it("accepts paths, relative or absolute", () => {
    const paths = ["sector/roads.geojson", "../data/roads.fgb", "./a:b.json", "/srv/roads.geojson"];
    const { catalog, problems } = parseCatalog(
      catalogOf(...paths.map((source, k) => ({ ...goodEntry, id: `p${k}`, source }))),
    );
    expect(problems).toEqual([]);
    expect(catalog?.layers.map((l) => l.source)).toEqual(paths);
  });
});

describe("layers/rules.schema.json for editors", () => {
  /** Every object schema in a JSON Schema, with its path. */
  function objects(node: unknown, path = "#"): { path: string; schema: Record<string, unknown> }[] {
    if (typeof node !== "object" || node === null) return [];
    const here = node as Record<string, unknown>;
    const own = here.type === "object" && here.properties ? [{ path, schema: here }] : [];
    return [
      ...own,
      ...Object.entries(here).flatMap(([k, v]) =>
        Array.isArray(v)
          ? v.flatMap((item, i) => objects(item, `${path}/${k}/${i}`))
          : objects(v, `${path}/${k}`),
      ),
    ];
  }

  it("flags unknown keys in every object (additionalProperties false) and bounds the distance", () => {
    const file = JSON.parse(
      readFileSync(join(__dirname, "../../../layers/rules.schema.json"), "utf8"),
    ) as unknown;
    expect(file).toEqual(rulesJsonSchema());
    const found = objects(file);
    expect(found.length).toBeGreaterThan(20);
    for (const { path, schema } of found) expect(schema.additionalProperties, path).toBe(false);
    expect(JSON.stringify(file)).toContain(`"maximum":${MAX_DISTANCE_METERS}`);
  });
});
