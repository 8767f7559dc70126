import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_TYPES, type Rule } from "../../../../src/core/catalog/rules-schema";
import { CSV_COLUMNS } from "../../../../src/core/check/format-findings";
import { DESCRIPTORS } from "../../../../src/core/check/rules/descriptors";
import { moduleOfType } from "../../../../src/core/check/rules/index";
import { sqlFor } from "../../../../src/core/check/rules/sql-index";

/*
 * Adding a rule type is one folder (`src/core/check/rules/<type>/`) plus one line in each of the
 * lists beside it: nothing else in src/ may name a type, and the check worker must not reach the
 * lists that carry zod or SQL.
 */

const ROOT = resolve(__dirname, "../../../..");
const SRC = join(ROOT, "src");
const RULES = join(SRC, "core/check/rules");

/** Every .ts/.tsx file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The text without comments (prose may speak of a rule type; code may not name one). */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

const pascal = (type: string) =>
  type.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

describe("each rule type lives in one folder", () => {
  it("lists the same types in the schemas, the descriptors, the checks and the SQL", () => {
    expect(RULE_TYPES.length).toBeGreaterThan(0);
    expect(DESCRIPTORS.map((d) => d.type)).toEqual([...RULE_TYPES]);
    for (const [k, type] of RULE_TYPES.entries()) {
      expect(moduleOfType(type).type).toBe(type);
      expect(sqlFor({ type } as Rule).type).toBe(type);
      // the engine reads the attributes through the module, the app through the descriptor: one function
      expect(moduleOfType(type).attributes).toBe(DESCRIPTORS[k]?.attributes);
    }
  });

  it("no file of src/ outside the rules folder (and the translations) names a type", () => {
    const named: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (file.startsWith(`${RULES}/`)) continue;
      const code = withoutComments(readFileSync(file, "utf8"));
      for (const type of RULE_TYPES) {
        // the type as a value ("quota"), a path into its folder, or its rule's type (QuotaRule)
        const patterns = [
          new RegExp(`["'\`]${type}["'\`]`),
          new RegExp(`rules/${type}/`),
          new RegExp(`\\b${pascal(type)}Rule\\b`),
        ];
        if (patterns.some((p) => p.test(code))) named.push(`${relative(ROOT, file)}: ${type}`);
      }
    }
    expect(named).toEqual([]);
  });

  it("the CSV's measured columns come from the descriptors, between the share and the districts", () => {
    const measured = DESCRIPTORS.flatMap((d) => d.csvColumns.map((c) => c.name));
    const from = CSV_COLUMNS.indexOf("share_of_subject") + 1;
    expect(CSV_COLUMNS.slice(from, from + measured.length)).toEqual(measured);
    expect(CSV_COLUMNS[from + measured.length]).toBe("districts");
  });
});

/** Module specifiers a file imports for their values (type-only imports and exports left out). */
function valueImports(text: string): string[] {
  const out: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/g;
  for (const m of text.matchAll(statement)) {
    if (m[2]) continue;
    const names = /\{([^}]*)\}/.exec(m[3] ?? "")?.[1];
    const onlyTypes =
      names !== undefined &&
      !/^\s*\*/.test(m[3] ?? "") &&
      names
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith("type "));
    if (!onlyTypes) out.push(m[4] as string);
  }
  for (const m of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1] as string);
  return out;
}

/** The project files (and packages) a file reaches through value imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of valueImports(readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const found = [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      });
      if (found) visit(found);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the check worker's bundle", () => {
  it("reaches the rule types' checks and descriptors but no schema (zod) and no SQL", () => {
    const { files, packages } = reach(join(SRC, "worker/check-worker.ts"));
    const inRules = [...files].map((f) => relative(RULES, f)).filter((f) => !f.startsWith(".."));
    expect(inRules).toContain("index.ts");
    expect(inRules).toContain("descriptors.ts");
    expect(inRules.filter((f) => /(^|\/)(schema|schema-index|sql|sql-index)\.ts$/.test(f))).toEqual(
      [],
    );
    expect([...packages].filter((p) => p === "zod" || p.startsWith("zod/"))).toEqual([]);
  });

  it("is what the graph walk would catch: the catalogue reader does reach zod", () => {
    const { packages } = reach(join(SRC, "core/catalog/rules-schema.ts"));
    expect(packages).toContain("zod");
  });
});
