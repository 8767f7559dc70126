import { useEffect, useEffectEvent, useMemo } from "react";
import { ownFlagsCollection } from "../map/flag-layers";
import type { MapView } from "../map/map-view";
import { useAppStore, useDispatch } from "../state/store";

/**
 * Shows the reviewers' drawn flags on the map and drives the drawing tool from the store's
 * `review.draw`: drawing a new flag, moving one, or neither. What the map draws is dispatched back
 * (`draw-finished`, `draw-edited`). Call it in the component that creates the view, with the view once it exists.
 */
export function useMapFlags(view: MapView | null): void {
  const dispatch = useDispatch();
  const flags = useAppStore((s) => s.review.flags?.flags ?? null);
  const draw = useAppStore((s) => s.review.draw);
  const editing = draw.kind === "editing" ? draw.flagId : null;
  const draft = draw.kind === "drawn" ? draw.geometry : null;

  const collection = useMemo(
    () => ownFlagsCollection(flags?.values() ?? [], editing, draft),
    [flags, editing, draft],
  );
  useEffect(() => {
    view?.setOwnFlags(collection);
  }, [view, collection]);

  // The shape to edit is read once, when editing starts: a later snapshot must not reset a drag.
  const shape = draw.kind === "drawing" ? draw.shape : null;
  const geometryOf = useEffectEvent((flagId: string) => {
    const flag = flags?.get(flagId);
    return flag?.target.kind === "own" ? flag.target.geometry : null;
  });
  useEffect(() => {
    const tool = view?.flagDraw;
    if (!tool) return;
    const editGeometry = editing ? geometryOf(editing) : null;
    if (shape) {
      tool.startDrawing(shape, (geometry) => dispatch({ type: "draw-finished", geometry }));
    } else if (editGeometry) {
      tool.startEditing(editGeometry, (geometry) => dispatch({ type: "draw-edited", geometry }));
    } else tool.stop();
  }, [view, dispatch, shape, editing]);
}
