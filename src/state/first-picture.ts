import type { LayerSettings } from "./layer-settings";

/** How far a layer file has come (the status of the app's `LayerSource`). */
type Loading = { status: "loading" | "ready" | "error" };

/** The layer files the app reads now: every one, or those of these layer ids. */
export type LayersToLoad = "all" | ReadonlySet<string>;

/**
 * Which layer files to read: at the start only those of the layers shown (the first picture waits
 * for nothing else), a layer as soon as it is switched on, and all of them once the first picture is
 * drawn or something needs them all (the check, a proposal's comparison) — the sidebar then lists
 * every layer's feature count, and switching one on shows it without a wait.
 */
export function layersToLoad(settings: LayerSettings, all: boolean): LayersToLoad {
  if (all) return "all";
  return new Set(
    Object.entries(settings).flatMap(([id, setting]) => (setting.visible ? [id] : [])),
  );
}

/** Whether layer `id` is among {@link LayersToLoad}. */
export function isToLoad(toLoad: LayersToLoad, id: string): boolean {
  return toLoad === "all" || toLoad.has(id);
}

/** A key that changes exactly when the set of layers to load does (for effect dependencies). */
export function layersToLoadKey(toLoad: LayersToLoad): string {
  return toLoad === "all" ? "*" : JSON.stringify([...toLoad].sort());
}

/** What the first picture waits for. */
export type FirstPictureInputs = {
  /** The catalogue: still loading, loaded (its layer ids), or failed (no plan layers to wait for). */
  catalog: "loading" | "failed" | readonly string[];
  /** The layer settings; empty until the catalogue's first settings are made. */
  settings: LayerSettings;
  /** Each layer file's progress by layer id (absent: not asked for yet). */
  sources: Readonly<Record<string, Loading | undefined>>;
  /** The base map's data has loaded or failed. */
  baseSettled: boolean;
};

/**
 * True once everything the first picture shows has arrived or failed: the base map's data, the
 * catalogue, and the file of every layer shown at the start. A failed file counts as arrived: the
 * sidebar says why it is missing, and the rest of the map must not wait for it.
 */
export function firstPictureSettled({
  catalog,
  settings,
  sources,
  baseSettled,
}: FirstPictureInputs): boolean {
  if (!baseSettled || catalog === "loading") return false;
  if (catalog === "failed") return true;
  // the settings are made a render after the catalogue arrives: until then nothing is shown yet
  if (catalog.some((id) => settings[id] === undefined)) return false;
  return catalog.every((id) => !settings[id]?.visible || isSettled(sources[id]));
}

/** True once every layer's file has loaded or failed (all were asked for). */
export function allLayersSettled(
  layerIds: readonly string[] | null,
  sources: Readonly<Record<string, Loading | undefined>>,
): boolean {
  return layerIds?.every((id) => isSettled(sources[id])) ?? false;
}

function isSettled(source: Loading | undefined): boolean {
  return source !== undefined && source.status !== "loading";
}
