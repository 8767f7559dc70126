import { describe, expect, it } from "vitest";
import { parseCheckArgs } from "../../src/node/check-args";
import { CheckInputError } from "../../src/node/check-error";

/* --engine and --database (issue 11): the database from the option or the environment, never shown. */
describe("--engine postgis", () => {
  const url = "postgres://alice:pw@db/plans";

  it("takes the database from --database, else PLAN_LAYERS_DATABASE_URL", () => {
    expect(parseCheckArgs(["--engine", "postgis", "--database", url], {})).toMatchObject({
      engine: "postgis",
      database: url,
    });
    expect(parseCheckArgs(["--engine=postgis"], { PLAN_LAYERS_DATABASE_URL: url })).toMatchObject({
      engine: "postgis",
      database: url,
    });
  });

  it("refuses a missing database, an unknown engine, --database in process, --compare", () => {
    const lines = (argv: string[]) => {
      try {
        parseCheckArgs(argv, {});
      } catch (error) {
        expect(error).toBeInstanceOf(CheckInputError);
        return (error as CheckInputError).lines.join("\n");
      }
      throw new Error("no error");
    };
    expect(lines(["--engine", "postgis"])).toContain("--engine postgis needs a database");
    expect(lines(["--engine", "sqlite"])).toContain(
      '--engine must be in-process or postgis, not "sqlite"',
    );
    const inProcess = lines(["--database", url]);
    expect(inProcess).toContain("--database applies to --engine postgis only");
    expect(inProcess).not.toContain("alice");
    expect(
      lines(["--engine", "postgis", "--database", url, "--proposal", "p.geojson", "--compare"]),
    ).toContain("--compare runs in this process");
  });
});
