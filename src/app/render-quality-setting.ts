import { isRenderQuality, type RenderQuality } from "../state/render-quality";

const STORAGE_KEY = "plan-layers:render-quality";

/** The map's drawing resolution as this browser keeps it (`auto` when none, or storage blocked). */
export function storedRenderQuality(): RenderQuality {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isRenderQuality(stored) ? stored : "auto";
  } catch {
    return "auto";
  }
}

/** Keeps the choice for the next visit (`auto`, the default, is not stored). */
export function storeRenderQuality(quality: RenderQuality): void {
  try {
    if (quality === "auto") window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, quality);
  } catch {
    // kept for this visit only
  }
}
