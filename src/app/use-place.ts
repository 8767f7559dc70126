import type { Feature } from "geojson";
import { type RefObject, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MapView } from "../map/map-view";
import type { MarkedPlace } from "../map/place-marker";
import type { DistrictInfo } from "../state/districts-index";
import { formatNumber } from "../state/format";
import type { PlaceRef } from "../state/place-ref";
import type { PlaceResult, ZoneInfo } from "../state/place-search";
import type { StoreAction } from "../state/store";
import type { Language } from "../state/url-state";

type Options = {
  viewRef: RefObject<MapView | null>;
  /**
   * The map has drawn its districts: the view exists (it is made when the map's code has come in,
   * after the first render), so a place from a link can be framed.
   */
  mapReady: boolean;
  /** The place a link opened with, and whether to move there (a link with a camera keeps its view). */
  initial: { place: PlaceRef; move: boolean } | null;
  /** The chosen place, as the store holds it. */
  place: PlaceRef | null;
  districts: readonly DistrictInfo[] | null;
  zones: readonly ZoneInfo[];
  /** A zone's feature as its layer holds it. */
  featureOf: (zone: ZoneInfo) => Feature | undefined;
  dispatch: (action: StoreAction) => void;
};

/** What the app does with the search's places: choose one, open one from a link, and its marker. */
export type Place = {
  /** The marker of a chosen point (null: none). */
  marker: MarkedPlace | null;
  /** The user picked a search result: it becomes the place; the map goes there. */
  choose: (result: PlaceResult) => void;
  /** A link (or an edited hash) names a place: shown once the data it needs are loaded. */
  open: (place: PlaceRef, move: boolean) => void;
};

/**
 * The search's chosen place: a district (selected and framed, as before), a zone of the city plan
 * (its layer shown, framed, its attributes in the panel), or a point (marked, flown to). The store
 * keeps it, so the link does; a link with a place shows it again when the data it needs arrive.
 */
export function usePlace(options: Options): Place {
  const { viewRef, mapReady, initial, place, districts, zones, featureOf, dispatch } = options;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [pending, setPending] = useState(initial);

  const showDistrict = useCallback(
    (district: DistrictInfo, move: boolean) => {
      dispatch({ type: "select-district", code: district.code });
      dispatch({ type: "set-hits", hits: [] });
      if (move) viewRef.current?.fitBounds(district.bbox);
    },
    [dispatch, viewRef],
  );
  const showZone = useCallback(
    (zone: ZoneInfo, move: boolean) => {
      const feature = featureOf(zone);
      dispatch({ type: "set-visible", id: zone.layerId, visible: true });
      if (feature) {
        dispatch({ type: "set-hits", hits: [{ kind: "plan", layerId: zone.layerId, feature }] });
      }
      if (move) viewRef.current?.fitBounds(zone.bbox);
    },
    [dispatch, featureOf, viewRef],
  );

  const choose = useCallback(
    (result: PlaceResult) => {
      setPending(null);
      if (result.kind === "district") {
        dispatch({ type: "set-place", place: { kind: "district", code: result.district.code } });
        showDistrict(result.district, true);
      } else if (result.kind === "zone") {
        const { layerId, id } = result.zone;
        dispatch({ type: "set-place", place: { kind: "zone", layerId, id } });
        showZone(result.zone, true);
      } else {
        const { lat, lon, query } = result;
        const vn2000 =
          query.kind === "vn2000"
            ? { northing: query.northing, easting: query.easting }
            : undefined;
        dispatch({
          type: "set-place",
          place: { kind: "point", lat, lon, ...(vn2000 ? { vn2000 } : {}) },
        });
        viewRef.current?.flyTo(lat, lon);
      }
    },
    [dispatch, showDistrict, showZone, viewRef],
  );

  // A place from a link waits for the map and for the districts or the zone's layer.
  useEffect(() => {
    if (!pending || !mapReady) return;
    const { place: wanted, move } = pending;
    if (wanted.kind === "point") {
      if (move) viewRef.current?.flyTo(wanted.lat, wanted.lon);
    } else if (wanted.kind === "district") {
      const district = districts?.find((d) => d.code === wanted.code);
      if (!district) return;
      showDistrict(district, move);
    } else {
      const zone = zones.find((z) => z.layerId === wanted.layerId && z.id === wanted.id);
      if (!zone) return;
      showZone(zone, move);
    }
    dispatch({ type: "set-place", place: wanted });
    setPending(null);
  }, [pending, mapReady, districts, zones, showDistrict, showZone, dispatch, viewRef]);

  const open = useCallback(
    (next: PlaceRef, move: boolean) => setPending({ place: next, move }),
    [],
  );

  const marker = useMemo<MarkedPlace | null>(() => {
    if (place?.kind !== "point") return null;
    const words = place.vn2000
      ? t("search.vn2000", {
          x: formatNumber(place.vn2000.northing, lang, 2),
          y: formatNumber(place.vn2000.easting, lang, 2),
        })
      : t("search.latLon", {
          lat: formatNumber(place.lat, lang, 5),
          lon: formatNumber(place.lon, lang, 5),
        });
    return { lat: place.lat, lon: place.lon, label: t("search.marker", { place: words }) };
  }, [place, t, lang]);

  return useMemo(() => ({ marker, choose, open }), [marker, choose, open]);
}
