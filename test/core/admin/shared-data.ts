import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The official reference data beside the project (../shared/data/vn-admin), read in place: it is
 * never copied into this repository. CI checks the project out beside the same folder.
 */
export const SHARED_ADMIN_DIR = fileURLToPath(
  new URL("../../../../shared/data/vn-admin/", import.meta.url),
);

export function readSharedJson(path: string): unknown {
  return JSON.parse(readFileSync(`${SHARED_ADMIN_DIR}${path}`, "utf8"));
}

export function readAdminFixture(name: string): unknown {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../fixtures/admin/${name}`, import.meta.url)), "utf8"),
  );
}
