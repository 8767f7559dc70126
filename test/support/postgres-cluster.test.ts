import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, postgresInstalled, startPostgresCluster } from "./postgres-cluster";

const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());

describe.skipIf(!postgresInstalled() && !CI)("throwaway PostgreSQL cluster for tests", () => {
  let cluster: PostgresCluster;
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it("answers on its Unix socket with PostGIS enabled", () => {
    expect(cluster.psql("SELECT ST_AsText(ST_MakePoint(105.85, 21.03))", "test").trim()).toBe(
      "POINT(105.85 21.03)",
    );
    expect(cluster.url).toContain(encodeURIComponent(cluster.dir));
  });
});
