import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import { buildPlanLayers } from "../../src/core/plan/build-plan-layers";
import {
  buildArgs,
  buildDeps,
  HAS_SHARED,
  PROJECT_ROOT,
  SHARED_ADMIN_DIR,
  scratchPerTest,
} from "./helpers";

const dirs = scratchPerTest();

describe.skipIf(!HAS_SHARED)(
  "a structure.json that fails its schema, as the data step prints it",
  () => {
    it("a head line naming the file, then one line per field, Vietnamese / English", async () => {
      const layers = join(dirs().root, "shipped-layers");
      cpSync(join(PROJECT_ROOT, "layers"), layers, { recursive: true });
      const file = join(layers, "city-plan", "structure.json");
      const structure = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...structure, seed: "42", industrialCode: "XYZ" }));
      const err: string[] = [];

      const code = await runBuild(
        buildArgs(SHARED_ADMIN_DIR, dirs().out, layers),
        buildDeps(dirs().root, err, { buildPlanLayers }),
      );

      expect(code).toBe(2);
      // before: one line "…dữ liệu vào: <English lines> / …input: <the same English lines>"
      expect(err.at(-1)?.split("\n")).toEqual([
        "Lỗi / Error: layers/city-plan/structure.json: bộ sinh lớp quy hoạch không dùng được tệp này: tệp không khớp lược đồ: sửa các trường dưới đây / the plan layer generator cannot use this file: the file does not match its schema: correct the fields below",
        "  layers/city-plan/structure.json: seed: Đầu vào không hợp lệ: mong đợi số, nhận được string / Invalid input: expected number, received string",
        "  layers/city-plan/structure.json: industrialCode: mã loại đất không có trong chú giải quy hoạch: dùng một mã của chú giải, ví dụ ODT, LUC / unknown land-use code: use a code of the plan legend, e.g. ODT, LUC",
      ]);
    }, 120_000);
  },
);
