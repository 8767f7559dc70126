import { execFileSync, spawnSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyRuntimeFolders } from "../vite.config";

/**
 * `vite build` copying layers/ and data/ into dist/ when they hold something that is not a file:
 * before, a FIFO failed the build with Node's English-only "Cannot copy a FIFO pipe", and links
 * were copied as links — to /dev/zero, or out of the project, for a static host to follow.
 */

const HAS_MKFIFO = process.platform !== "win32" && spawnSync("mkfifo", ["--version"]).status === 0;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plan-layers-vite-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Runs the plugin's hooks as `vite build` does, from `root` into `root/dist`; its warnings. */
function build(folders: string[]): string[] {
  const warnings: string[] = [];
  const plugin = copyRuntimeFolders(folders, root) as unknown as {
    configResolved(config: {
      root: string;
      build: { outDir: string };
      logger: { warn(line: string): void };
    }): void;
    closeBundle(): void;
  };
  plugin.configResolved({
    root,
    build: { outDir: "dist" },
    logger: { warn: (line) => warnings.push(line) },
  });
  plugin.closeBundle();
  return warnings;
}

const warning = (path: string, vi: string, en: string) =>
  `Cảnh báo / Warning: ${path}: ${vi}, không chép vào dist/ — chỉ chép tệp thường; hãy xoá nó hoặc thay bằng tệp / ${en}, not copied into dist/ — only regular files are; remove it or put the file itself there`;

describe.skipIf(!HAS_MKFIFO)(
  "vite build: only folders and regular files are copied into dist/",
  () => {
    it("leaves out a FIFO and links out of the folder, naming each; copies the rest", () => {
      mkdirSync(join(root, "layers", "city"), { recursive: true });
      mkdirSync(join(root, "data"));
      writeFileSync(join(root, "layers", "catalog.json"), "{}");
      writeFileSync(join(root, "layers", "city", "zoning.geojson"), '{"a":1}');
      execFileSync("mkfifo", [join(root, "layers", "city", "pipe.geojson")]);
      symlinkSync("/dev/zero", join(root, "layers", "zero.fgb"));
      writeFileSync(join(root, "secret.txt"), "outside");
      symlinkSync(join(root, "secret.txt"), join(root, "data", "leak.json"));
      // a link to a regular file inside the folder is that file
      symlinkSync(
        join(root, "layers", "city", "zoning.geojson"),
        join(root, "layers", "alias.geojson"),
      );
      symlinkSync(join(root, "layers", "city"), join(root, "layers", "city-again"));
      symlinkSync(join(root, "nowhere"), join(root, "data", "broken.fgb"));

      const warnings = build(["layers", "data"]);

      expect(readdirSync(join(root, "dist", "layers")).sort()).toEqual([
        "alias.geojson",
        "catalog.json",
        "city",
      ]);
      expect(readdirSync(join(root, "dist", "layers", "city"))).toEqual(["zoning.geojson"]);
      expect(readdirSync(join(root, "dist", "data"))).toEqual([]);
      const alias = join(root, "dist", "layers", "alias.geojson");
      expect(lstatSync(alias).isFile()).toBe(true);
      expect(readFileSync(alias, "utf8")).toBe('{"a":1}');
      const real = (path: string) => join(root, path);
      expect(warnings.sort()).toEqual(
        [
          warning("data/broken.fgb", "là một liên kết hỏng", "is a broken link"),
          warning(
            "data/leak.json",
            `là một liên kết ra ngoài thư mục (tới ${real("secret.txt")})`,
            `is a link out of the folder (to ${real("secret.txt")})`,
          ),
          warning(
            "layers/city-again",
            `là một liên kết tới ${real("layers/city")}, mà là một thư mục`,
            `is a link to ${real("layers/city")}, which is a folder`,
          ),
          warning("layers/city/pipe.geojson", "là một đường ống (FIFO)", "is a named pipe (FIFO)"),
          warning(
            "layers/zero.fgb",
            "là một liên kết ra ngoài thư mục (tới /dev/zero)",
            "is a link out of the folder (to /dev/zero)",
          ),
        ].sort(),
      );
    });
  },
);
