import { describe, expect, it } from "vitest";
import { appReducer, initialAppState } from "../../src/state/app-state";
import { isRenderQuality, isSoftwareRenderer, pixelRatioFor } from "../../src/state/render-quality";

describe("how finely the map is drawn", () => {
  it("knows software rasterizers by their renderer names, and GPUs as not", () => {
    for (const software of [
      "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)",
      "Google SwiftShader",
      "llvmpipe (LLVM 15.0.6, 256 bits)",
      "Mesa softpipe",
      "ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)",
    ]) {
      expect(isSoftwareRenderer(software), software).toBe(true);
    }
    for (const gpu of [
      "ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)",
      "ANGLE (NVIDIA, NVIDIA GeForce GTX 1650 Direct3D11 vs_5_0 ps_5_0, D3D11)",
      "Mesa Intel(R) HD Graphics 530 (SKL GT2)",
      "Apple M1",
      "WebKit WebGL",
      "",
    ]) {
      expect(isSoftwareRenderer(gpu), gpu).toBe(false);
    }
  });

  it("halves the screen's pixel ratio when fast, or automatically in software", () => {
    expect(pixelRatioFor("auto", true, 1)).toBe(0.5);
    expect(pixelRatioFor("auto", false, 1)).toBe(1);
    expect(pixelRatioFor("auto", true, 2)).toBe(1);
    expect(pixelRatioFor("full", true, 2)).toBe(2);
    expect(pixelRatioFor("fast", false, 1.5)).toBe(0.75);
    // a browser that reports no ratio draws as a 1× screen
    expect(pixelRatioFor("full", false, 0)).toBe(1);
  });

  it("keeps the user's choice and what the map said of its renderer in the app's state", () => {
    let state = initialAppState("none");
    expect(state.renderQuality).toBe("auto");
    expect(state.softwareRenderer).toBeNull();
    state = appReducer(state, { type: "renderer-detected", software: true });
    state = appReducer(state, { type: "set-render-quality", quality: "full" });
    expect([state.renderQuality, state.softwareRenderer]).toEqual(["full", true]);
    expect(initialAppState("none", "", "fast").renderQuality).toBe("fast");
  });

  it("reads a stored setting only when it is one", () => {
    expect(["auto", "full", "fast"].every(isRenderQuality)).toBe(true);
    expect([null, "", "high", "__proto__", 1].some(isRenderQuality)).toBe(false);
  });
});
