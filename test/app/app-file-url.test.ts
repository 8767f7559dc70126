import { describe, expect, it } from "vitest";
import { resolveAppFile } from "../../src/app/app-file-url";
import { toLoadFailure } from "../../src/app/load-source";
import { shownRulesFile } from "../../src/app/use-rules";

const APP = "http://127.0.0.1:4173";
const catalogUrl = new URL(`${APP}/plan/layers/catalog.json`);

/** The load failure `resolveAppFile` throws for `path`. */
function refusal(path: string) {
  try {
    resolveAppFile(path, catalogUrl, APP);
  } catch (error) {
    return toLoadFailure(error, "unused");
  }
  throw new Error(`expected ${path} to be refused`);
}

describe("resolveAppFile", () => {
  it("resolves paths relative to the catalogue on the app's own origin", () => {
    expect(resolveAppFile("national/rice.geojson", catalogUrl, APP).href).toBe(
      `${APP}/plan/layers/national/rice.geojson`,
    );
    expect(resolveAppFile("../data/zones.fgb", catalogUrl, APP).href).toBe(
      `${APP}/plan/data/zones.fgb`,
    );
    expect(resolveAppFile(`${APP}/other/x.geojson`, catalogUrl, APP).href).toBe(
      `${APP}/other/x.geojson`,
    );
  });

  it("refuses every spelling of another host, naming the path as the catalogue wrote it", () => {
    const http = "http://example.org";
    for (const [path, detail] of [
      ["http://example.org/x.geojson", http],
      ["https://example.org/x.geojson", "https://example.org"],
      ["HTTP://EXAMPLE.ORG/x.geojson", http],
      [" \thttp://example.org/x.geojson", http],
      ["//example.org/x.geojson", http],
      ["\\\\example.org\\x.geojson", http],
      ["/\\example.org/x.geojson", http],
    ]) {
      expect(refusal(path as string), path).toEqual({ file: path, reason: "outside-host", detail });
    }
  });

  it("refuses the app's host on another port or scheme, and non-network schemes", () => {
    expect(refusal("http://127.0.0.1:8080/x.geojson").detail).toBe("http://127.0.0.1:8080");
    expect(refusal("https://127.0.0.1:4173/x.geojson").detail).toBe("https://127.0.0.1:4173");
    expect(refusal("data:application/json,{}")).toMatchObject({
      reason: "outside-host",
      detail: "data:",
    });
    expect(refusal("file:///etc/passwd").detail).toBe("file:");
  });

  it("fails a path that is not a URL at all as a load failure, not an exception", () => {
    expect(refusal("http://[x/a.geojson")).toEqual({
      file: "http://[x/a.geojson",
      reason: "bad-path",
      detail: "",
    });
  });
});

describe("shownRulesFile", () => {
  it("shows a path relative to the catalogue from the project root, anything else as written", () => {
    expect(shownRulesFile("rules.json", "layers/catalog.json")).toBe("layers/rules.json");
    expect(shownRulesFile("../rules/a.json", "layers/catalog.json")).toBe("rules/a.json");
    expect(shownRulesFile("http://example.org/r.json", "layers/catalog.json")).toBe(
      "http://example.org/r.json",
    );
    expect(shownRulesFile("//example.org/r.json", "layers/catalog.json")).toBe(
      "//example.org/r.json",
    );
    expect(shownRulesFile("http://[x", "layers/catalog.json")).toBe("http://[x");
  });
});
