import type * as maplibregl from "maplibre-gl";
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import type { OwnGeometry } from "../core/review/index";
import type { DrawShape } from "../state/flag-draw-state";
import { DRAFT_COLOR } from "./flag-layers";

/** What the drawing tool is asked to do; `idle` leaves the map to its usual clicks. */
type Task =
  | { kind: "idle" }
  | { kind: "draw"; shape: DrawShape; onDrawn: (geometry: OwnGeometry) => void }
  | { kind: "edit"; geometry: OwnGeometry; onEdited: (geometry: OwnGeometry) => void };

/** terra-draw's mode that does nothing: its features stay drawn, the map takes the clicks. */
const STATIC = "static";
const SELECT = "select";

/** Just the geometry a flag keeps (terra-draw's may carry more members one day). */
function ownGeometry(feature: GeoJSONStoreFeatures | undefined): OwnGeometry | null {
  const g = feature?.geometry;
  if (g?.type === "Point") return { type: "Point", coordinates: [...g.coordinates] };
  if (g?.type === "Polygon") {
    return { type: "Polygon", coordinates: g.coordinates.map((ring) => ring.map((p) => [...p])) };
  }
  return null;
}

/** terra-draw keeps this many decimals (about 1 cm); a stored drawing is rounded to match. */
const PRECISION = 7;
const round = (n: number) => Math.round(n * 10 ** PRECISION) / 10 ** PRECISION;
function rounded(geometry: OwnGeometry): OwnGeometry {
  return geometry.type === "Point"
    ? { type: "Point", coordinates: geometry.coordinates.map(round) }
    : {
        type: "Polygon",
        coordinates: geometry.coordinates.map((ring) => ring.map((p) => p.map(round))),
      };
}

/**
 * Drawing and moving the reviewers' own flags on the MapLibre map, with terra-draw. It keeps no
 * flags: the app's flag layer (`flag-layers.ts`) draws the saved ones; this only draws the shape
 * in hand — a new polygon or point, reported once finished, or a saved flag being moved or
 * reshaped, reported after every drag. terra-draw starts on the map at the first drawing.
 */
export class FlagDraw {
  private readonly map: maplibregl.Map;
  private draw: TerraDraw | null = null;
  private styleLoaded = false;
  private task: Task = { kind: "idle" };

  constructor(map: maplibregl.Map) {
    this.map = map;
  }

  /** Whether a shape is being drawn or edited: the map's own click handling stands aside. */
  get active(): boolean {
    return this.task.kind !== "idle";
  }

  /** Called once the map's style has loaded: terra-draw can add its layers from then on. */
  attach(): void {
    this.styleLoaded = true;
    this.apply();
  }

  /** terra-draw started on the map, at the first drawing (until then it costs nothing). */
  private create(): TerraDraw {
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision: PRECISION }),
      modes: [
        new TerraDrawPolygonMode({
          styles: { fillColor: DRAFT_COLOR, outlineColor: DRAFT_COLOR, fillOpacity: 0.2 },
        }),
        new TerraDrawPointMode({ styles: { pointColor: DRAFT_COLOR, pointWidth: 7 } }),
        new TerraDrawSelectMode({
          // Only moving and reshaping: deleting is the list's button (an event kept in history).
          flags: {
            polygon: {
              feature: {
                draggable: true,
                coordinates: { draggable: true, midpoints: true, deletable: false },
              },
            },
            point: { feature: { draggable: true } },
          },
          allowManualDeselection: false,
          keyEvents: null,
        }),
      ],
    });
    draw.start();
    draw.on("finish", (id, context) => this.onFinish(id, context.mode, context.action));
    return draw;
  }

  /** Starts drawing a new flag's shape; `onDrawn` hears the finished shape (WGS84). */
  startDrawing(shape: DrawShape, onDrawn: (geometry: OwnGeometry) => void): void {
    this.task = { kind: "draw", shape, onDrawn };
    this.apply();
  }

  /** Shows a saved flag's shape to be dragged or reshaped; `onEdited` hears every change. */
  startEditing(geometry: OwnGeometry, onEdited: (geometry: OwnGeometry) => void): void {
    this.task = { kind: "edit", geometry, onEdited };
    this.apply();
  }

  /** Drops the shape in hand; the map takes its clicks again. */
  stop(): void {
    this.task = { kind: "idle" };
    this.apply();
  }

  destroy(): void {
    this.task = { kind: "idle" };
    // The map is removed right after; terra-draw's layers go with it.
    this.draw = null;
  }

  private apply(): void {
    if (!this.styleLoaded || (!this.draw && this.task.kind === "idle")) return;
    this.draw ??= this.create();
    const draw = this.draw;
    draw.setMode(STATIC);
    draw.clear();
    const task = this.task;
    if (task.kind === "draw") draw.setMode(task.shape);
    else if (task.kind === "edit") {
      const id = draw.getFeatureId();
      const [result] = draw.addFeatures([
        {
          type: "Feature",
          id,
          geometry: rounded(task.geometry),
          properties: { mode: task.geometry.type === "Point" ? "point" : "polygon" },
        },
      ]);
      if (!result?.valid) return;
      draw.setMode(SELECT);
      draw.selectFeature(id);
    }
  }

  private onFinish(id: string | number, mode: string, action: string): void {
    const task = this.task;
    const geometry = ownGeometry(this.draw?.getSnapshotFeature(id));
    if (!geometry) return;
    if (task.kind === "draw" && mode === task.shape && action === "draw") task.onDrawn(geometry);
    else if (task.kind === "edit" && mode === SELECT) task.onEdited(geometry);
  }
}
