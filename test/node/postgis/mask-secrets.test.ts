import { describe, expect, it } from "vitest";
import { maskSecrets } from "../../../src/node/postgis/connect";

/* Connection strings never reach a message (issue 11): the address, its parts and any other one. */
describe("maskSecrets", () => {
  it("masks the connection string, its password, user and host wherever they appear", () => {
    const url = "postgresql://alice:s3cret-pw@db.city.internal:5432/plans";
    const text = `failed for ${url}: password authentication failed for user "alice" at db.city.internal (s3cret-pw)`;
    const masked = maskSecrets(text, url);
    for (const secret of ["s3cret-pw", "alice", "db.city.internal", url]) {
      expect(masked).not.toContain(secret);
    }
  });

  it("masks a socket folder given as host=, which new URL cannot parse", () => {
    const url = "postgres://bob:pw-123@/plans?host=%2Frun%2Fpostgresql";
    const masked = maskSecrets("connect ENOENT /run/postgresql/.s.PGSQL.5432 as bob", url);
    expect(masked).not.toContain("/run/postgresql");
    expect(masked).not.toContain("bob");
  });

  it("masks any postgres:// address and password= pair, even of another string", () => {
    const masked = maskSecrets("see postgresql://x:y@h/d and password=hunter2 here");
    expect(masked).toBe("see postgres://*** and password=*** here");
  });
});
