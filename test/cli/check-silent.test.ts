import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_DISTANCE_METERS } from "../../src/core/check/rules/min-distance/schema";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { csvRows, runCheckCli, scratchCopy } from "./check-helpers";
import { PROJECT_ROOT, serve } from "./helpers";

/*
 * "Conflicts vanish without a word" (issue 12): each case used to exit 0 or 1 with findings left
 * out and nothing said. Now the check reads what the rules mean (with a warning) or stops with
 * exit 2 naming the file, the feature or rule, and the field.
 */

/** Each case starts Node at least once: seconds on a loaded machine. */
const SLOW = { timeout: 60_000 };

type Json = Record<string, unknown> & { rules: Record<string, unknown>[] };

let s: ReturnType<typeof scratchCopy>;
let dir: string;
beforeEach(() => {
  s = scratchCopy();
  dir = join(s.root, "basic");
});
afterEach(() => s.done());

const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as Json;
const write = (file: string, value: unknown) =>
  writeFileSync(join(dir, file), JSON.stringify(value, null, 2));
const check = (...args: string[]) =>
  runCheckCli(["--catalog", join(dir, "catalog.json"), "--format", "csv", ...args]);
/** Sets Z1's land-use code (undefined: removes it). */
function setZ1Code(code: string | undefined) {
  const zoning = read("layers/city/zoning.geojson") as unknown as FeatureCollection;
  const z1 = zoning.features[0]?.properties as Record<string, unknown>;
  if (code === undefined) delete z1.land_use_code;
  else z1.land_use_code = code;
  write("layers/city/zoning.geojson", zoning);
}
const text = { vi: "Thử nghiệm", en: "Test" };
/** Adds a rule (id, type and its own fields) to the scratch rules file, then runs the check. */
function checkWithRule(rule: Record<string, unknown>) {
  const rules = read("rules.json");
  rules.rules.push({ title: text, description: text, severity: "error", ...rule });
  write("rules.json", rules);
  return check();
}

describe("npm run check: rules the data cannot match", SLOW, () => {
  it("a misspelled key in rules.json: exit 2, the key, its path and the key it stands for", () => {
    const rules = read("rules.json");
    const { toleranceSquareMeters: _, ...first } = rules.rules[0] as Record<string, unknown>;
    rules.rules[0] = { ...first, toleranceSquareMeter: 5e9 };
    write("rules.json", rules);
    const r = check();
    // before: exit 1, the rule ran with the default tolerance of 1 m²
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'rules.json: quy tắc / rule #0 "urban-not-on-rice" toleranceSquareMeter: khóa "toleranceSquareMeter" không có trong lược đồ (có phải "toleranceSquareMeters"?): sửa hoặc xóa khóa này / unknown key "toleranceSquareMeter" (did you mean "toleranceSquareMeters"?): correct or remove it',
    );
  });

  it("a misspelled filter attribute: exit 2 naming the layer file and the attribute it has", () => {
    const rules = read("rules.json");
    (rules.rules[0] as { subject: { filter: { attribute: string } } }).subject.filter.attribute =
      "land_use_cod";
    write("rules.json", rules);
    const r = check();
    // before: exit 0, the rule matched nothing
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /Lỗi \/ Error: \S*basic\/layers\/city\/zoning\.geojson: Bỏ qua quy tắc "urban-not-on-rice": subject\.filter\.attribute là "land_use_cod"/,
    );
    expect(r.stderr).toContain('(did you mean "land_use_code"?)');
  });

  it("an unknown code in a compatibility matrix: exit 2 with the code it may stand for", () => {
    const r = checkWithRule({
      id: "zoning-vs-rice",
      type: "compatibility",
      subject: { layer: "zoning" },
      constraint: { layer: "rice" },
      subjectAttribute: "land_use_code",
      constraintAttribute: "name",
      matrix: {
        ODT: { "Vùng lúa Đông Anh": "forbidden" },
        OTD: { "Vùng lúa Đông Anh": "forbidden" },
      },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'rule "zoning-vs-rice" skipped: matrix holds "OTD", which is not a land-use code of Circular 01/2021/TT-BTNMT',
    );
  });

  it("a quota target naming an unknown district: exit 2 with a known code", () => {
    const r = checkWithRule({
      id: "urban-maximum",
      type: "quota",
      illustrative: true,
      subject: { layer: "zoning", filter: { attribute: "land_use_code", in: ["ODT"] } },
      districtSource: { kind: "districts-layer" },
      targets: [{ scope: "district", district: "02", maxHectares: 1e6 }],
    });
    // before: exit 1 (the other rules' findings); the "02" target read 0 ha and passed
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'rule "urban-maximum" skipped: targets.0.district is "02", not a district code of the district layer (did you mean "002"?)',
    );
  });

  it(`a distanceMeters over ${MAX_DISTANCE_METERS} m: exit 2 saying the bound`, () => {
    const r = checkWithRule({
      id: "far-from-park",
      type: "min-distance",
      subject: { layer: "zoning" },
      constraint: { layer: "park" },
      distanceMeters: 1e9,
    });
    // before: ran for ever
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `rule #2 "far-from-park" distanceMeters: tối đa ${MAX_DISTANCE_METERS} m (khoảng cách ly rộng nhất quy hoạch đặt ra khoảng 2 km) / at most ${MAX_DISTANCE_METERS} m`,
    );
  });

  it("a URL source is refused, and nothing is fetched", async () => {
    const server = await serve(readFileSync(join(dir, "layers/national/rice.geojson")));
    try {
      const catalog = read("catalog.json") as unknown as { layers: { source: string }[] };
      (catalog.layers[1] as { source: string }).source = server.url.replace(
        /01\.json$/,
        "rice.json",
      );
      write("catalog.json", catalog);
      const r = check();
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        'layer #1 "rice" source: nguồn phải là đường dẫn tệp tương đối so với danh mục, không phải URL: tải tệp về rồi ghi đường dẫn của nó / source must be a file path relative to the catalogue, not a URL: download the file and give its path',
      );
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("npm run check: land-use codes written loosely or not at all", SLOW, () => {
  for (const loose of ["ODT ", "odt"]) {
    it(`${JSON.stringify(loose)} is read as ODT: a warning, the same findings and exit code`, () => {
      const before = check();
      setZ1Code(loose);
      const r = check();
      // before the fix: exit 1 with Z3 only, Z1 on the rice land left out without a word
      expect(r.status).toBe(before.status);
      expect(r.stdout).toBe(before.stdout);
      expect(csvRows(r.stdout).map((x) => x.subject_id)).toEqual(["Z1", "Z3"]);
      expect(r.stderr).toMatch(
        new RegExp(
          `Cảnh báo / Warning: \\S*basic/layers/city/zoning\\.geojson, đối tượng / feature 1/3 \\(id "Z1"\\): .*1 đối tượng ghi ${JSON.stringify(loose)}, được đọc là mã "ODT"`,
        ),
      );
      expect(r.stderr).toContain(
        `1 feature(s) hold ${JSON.stringify(loose)}, read as the code "ODT"`,
      );
    });
  }

  it("a missing code: exit 2 naming the file and the feature, nothing written", () => {
    setZ1Code(undefined);
    const r = check();
    // before: exit 1 with Z3 only
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /Lỗi \/ Error: \S*basic\/layers\/city\/zoning\.geojson, đối tượng \/ feature 1\/3 \(id "Z1"\): Lớp "zoning": 1 đối tượng không có giá trị "land_use_code"/,
    );
    expect(r.stderr).toContain('rules "urban-not-on-rice" skipped');
  });
});

/** The layers the data step builds (`npm run data`); the CI test command builds them first. */
const ZONES = join(PROJECT_ROOT, "data", "city-plan-zones.fgb");

describe.skipIf(!existsSync(ZONES))(
  "npm run check on the shipped layers, ODT rewritten",
  SLOW,
  () => {
    it('finds as many conflicts with "ODT " and "odt" as with ODT; without a code, exit 2', async () => {
      const zones = await readFlatGeobuf(new Uint8Array(readFileSync(ZONES)));
      const proposal = (name: string, code: string | undefined) => {
        const features = zones.features.map((f) => {
          const properties = { ...f.properties };
          if (properties.land_use_code === "ODT") {
            if (code === undefined) delete properties.land_use_code;
            else properties.land_use_code = code;
          }
          return { ...f, properties };
        });
        const file = join(s.root, `${name}.geojson`);
        writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
        return file;
      };
      const run = (file: string) => runCheckCli(["--proposal", file, "--format", "csv"]);
      const as = run(proposal("as-built", "ODT"));
      expect(as.status).toBe(1);
      const count = csvRows(as.stdout).length;
      expect(count).toBeGreaterThan(100);
      for (const loose of ["ODT ", "odt"]) {
        const r = run(proposal(loose.trim(), loose));
        // before: 68 findings, the ODT zones' 70 conflicts gone without a word
        expect(r.status).toBe(1);
        expect(csvRows(r.stdout).length).toBe(count);
        expect(r.stdout).toBe(as.stdout);
        // said once per value by the proposal's reading (issue 7), no longer by the check
        expect(r.stderr).toContain(
          `feature(s) hold ${JSON.stringify(loose)} in "land_use_code", read as the code "ODT"`,
        );
      }
      const missing = run(proposal("missing", undefined));
      expect(missing.status).toBe(2);
      expect(missing.stdout).toBe("");
      expect(missing.stderr).toMatch(/has no land-use code \(attribute "land_use_code" is empty\)/);
    }, 180_000);
  },
);
