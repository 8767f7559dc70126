import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";

/*
 * MapLibre with its worker pointed at the bundled file (maplibre-gl 6 ships ESM only and cannot find
 * its worker by itself: "Worker failed to load"). Every map of the app imports it from here, so the
 * worker URL is set once, before any map is made.
 */
maplibregl.setWorkerUrl(workerUrl);
// Its worker starts now, as this module is loaded, not when the app makes its first map: the map
// is made only once the page has rendered, and the worker's 520 kB script is then fetched, compiled
// and started while the map waits for it to take its sources.
maplibregl.prewarm();

export { maplibregl };
