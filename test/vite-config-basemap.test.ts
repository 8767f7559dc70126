import { afterEach, describe, expect, it, vi } from "vitest";

const saved = process.env.PLAN_LAYERS_BASEMAP;
afterEach(() => {
  if (saved === undefined) delete process.env.PLAN_LAYERS_BASEMAP;
  else process.env.PLAN_LAYERS_BASEMAP = saved;
  vi.resetModules();
});

/** The config as `vite build` or `vite` would load it with the given environment. */
async function configWith(value: string | undefined) {
  if (value === undefined) delete process.env.PLAN_LAYERS_BASEMAP;
  else process.env.PLAN_LAYERS_BASEMAP = value;
  vi.resetModules();
  return (await import("../vite.config")).default as { define?: Record<string, string> };
}

describe("PLAN_LAYERS_BASEMAP", () => {
  it("is built into the app as the intranet basemap's address", async () => {
    const config = await configWith("https://gis.intranet/hanoi.pmtiles");
    expect(config.define?.__PLAN_LAYERS_BASEMAP__).toBe(
      JSON.stringify("https://gis.intranet/hanoi.pmtiles"),
    );
  });

  it("is empty when not set: no basemap is configured", async () => {
    const config = await configWith(undefined);
    expect(config.define?.__PLAN_LAYERS_BASEMAP__).toBe('""');
  });
});
