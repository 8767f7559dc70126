import { type LayerEntry, PLAN_LEVELS, type PlanLevel } from "../core/catalog/schema";
import type { LayerSettings } from "./layer-settings";

/**
 * The order of the layer list, per plan level, topmost first: the panel lists each level's layers in
 * this order and the map draws them so (the top of a level's list is drawn above the rest of that
 * level). Layers move only within their level, so a higher plan is never drawn under a lower one.
 */
export type LayerOrder = Partial<Record<PlanLevel, string[]>>;

/**
 * The first order for a catalogue: catalogue order, or the link's `order` list where it names the
 * level's layers (named ones first, in the link's order; the others after them in catalogue order).
 * Ids the catalogue lacks are ignored.
 */
export function initialLayerOrder(
  layers: readonly LayerEntry[],
  fromUrl: readonly string[] | undefined,
): LayerOrder {
  const rank = new Map((fromUrl ?? []).map((id, index) => [id, index]));
  const order: LayerOrder = {};
  for (const level of PLAN_LEVELS) {
    const ids = layers.filter((l) => l.level === level).map((l) => l.id);
    if (ids.length === 0) continue;
    const linked = ids
      .filter((id) => rank.has(id))
      .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    order[level] = [...linked, ...ids.filter((id) => !rank.has(id))];
  }
  return order;
}

/** Every id, levels from the highest plan down, each level topmost first. */
export function flattenOrder(order: LayerOrder): string[] {
  return PLAN_LEVELS.flatMap((level) => order[level] ?? []);
}

/** True when the order is the catalogue's own (the link then leaves it out). */
export function isCatalogueOrder(order: LayerOrder, layers: readonly LayerEntry[]): boolean {
  const catalogue = flattenOrder(initialLayerOrder(layers, undefined));
  const current = flattenOrder(order);
  return catalogue.length === current.length && catalogue.every((id, i) => current[i] === id);
}

function levelOf(order: LayerOrder, id: string): PlanLevel | undefined {
  return PLAN_LEVELS.find((level) => order[level]?.includes(id));
}

/**
 * Moves a layer `steps` places within its level (negative: up, towards the top). The move stops at
 * either end of the level; an unknown id leaves the order unchanged (the same object).
 */
export function moveLayerBy(order: LayerOrder, id: string, steps: number): LayerOrder {
  const level = levelOf(order, id);
  const ids = level ? order[level] : undefined;
  if (!level || !ids) return order;
  const from = ids.indexOf(id);
  const to = Math.min(ids.length - 1, Math.max(0, from + Math.trunc(steps)));
  if (to === from) return order;
  const next = ids.filter((other) => other !== id);
  next.splice(to, 0, id);
  return { ...order, [level]: next };
}

/**
 * Moves a layer to where `target` is in the same level (dropping it on another row): moving down it
 * goes below the target, moving up above it. Layers of different levels do not move.
 */
export function moveLayerTo(order: LayerOrder, id: string, target: string): LayerOrder {
  const level = levelOf(order, id);
  const ids = level ? order[level] : undefined;
  if (!level || !ids || id === target || !ids.includes(target)) return order;
  return moveLayerBy(order, id, ids.indexOf(target) - ids.indexOf(id));
}

/** Where a layer is in its level: 1-based position and the level's size (for announcements). */
export function positionInLevel(
  order: LayerOrder,
  id: string,
): { position: number; count: number } | null {
  const level = levelOf(order, id);
  const ids = level ? order[level] : undefined;
  if (!ids) return null;
  return { position: ids.indexOf(id) + 1, count: ids.length };
}

/** How a group's checkbox shows its layers: all visible, none, or some (indeterminate). */
export type GroupVisibility = "all" | "none" | "some";

/** The group checkbox's state for the given layers (an empty group counts as none). */
export function groupVisibility(settings: LayerSettings, ids: readonly string[]): GroupVisibility {
  const shown = ids.filter((id) => settings[id]?.visible).length;
  if (shown === 0) return "none";
  return shown === ids.length ? "all" : "some";
}

/**
 * What the map and the checkboxes show: the settings, or with a layer shown alone ("solo") only that
 * layer. The settings themselves are kept, so leaving solo brings the earlier view back.
 */
export function shownSettings(settings: LayerSettings, solo: string | null): LayerSettings {
  if (solo === null || !settings[solo]) return settings;
  const shown: LayerSettings = {};
  for (const [id, setting] of Object.entries(settings)) {
    shown[id] = { ...setting, visible: id === solo };
  }
  return shown;
}
