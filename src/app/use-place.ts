import type { Feature } from "geojson";
import { type RefObject, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MapView } from "../map/map-view";
import type { MarkedPlace } from "../map/place-marker";
import type { AppAction } from "../state/app-state";
import type { DistrictInfo } from "../state/districts-index";
import { formatNumber } from "../state/format";
import type { PlaceRef } from "../state/place-ref";
import type { PlaceResult, ZoneInfo } from "../state/place-search";
import type { Language } from "../state/url-state";

type Options = {
  viewRef: RefObject<MapView | null>;
  /** The place a link opened with, and whether to move there (a link with a camera keeps its view). */
  initial: { place: PlaceRef; move: boolean } | null;
  districts: readonly DistrictInfo[] | null;
  zones: readonly ZoneInfo[];
  /** A zone's feature as its layer holds it. */
  featureOf: (zone: ZoneInfo) => Feature | undefined;
  dispatch: (action: AppAction) => void;
};

/** The place chosen in the search, the marker it puts on the map, and the ways to choose or drop one. */
export type Place = {
  place: PlaceRef | null;
  marker: MarkedPlace | null;
  /** The user picked a search result: remember it, go there, mark or outline it. */
  choose: (result: PlaceResult) => void;
  /** A link (or an edited hash) names a place: show it once its data are loaded. */
  open: (place: PlaceRef, move: boolean) => void;
  clear: () => void;
};

/**
 * The search's chosen place: a district (selected and zoomed to, as before), a zone of the city
 * plan (its layer shown, zoomed to, its attributes in the panel), or a point (marked, flown to).
 * It goes into the link, and a link with a place shows it again when the data it needs arrive.
 */
export function usePlace({
  viewRef,
  initial,
  districts,
  zones,
  featureOf,
  dispatch,
}: Options): Place {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [place, setPlace] = useState<PlaceRef | null>(null);
  const [marker, setMarker] = useState<MarkedPlace | null>(null);
  const [pending, setPending] = useState(initial);

  const pointLabel = useCallback(
    (lat: number, lon: number) =>
      t("search.latLon", { lat: formatNumber(lat, lang, 5), lon: formatNumber(lon, lang, 5) }),
    [t, lang],
  );

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
      if (feature)
        dispatch({ type: "set-hits", hits: [{ kind: "plan", layerId: zone.layerId, feature }] });
      if (move) viewRef.current?.fitBounds(zone.bbox);
    },
    [dispatch, featureOf, viewRef],
  );
  const showPoint = useCallback(
    (lat: number, lon: number, label: string, move: boolean) => {
      setMarker({ lat, lon, label: t("search.marker", { place: label }) });
      if (move) viewRef.current?.flyTo(lat, lon);
    },
    [t, viewRef],
  );

  const choose = useCallback(
    (result: PlaceResult) => {
      setPending(null);
      setMarker(null);
      if (result.kind === "district") {
        setPlace({ kind: "district", code: result.district.code });
        showDistrict(result.district, true);
      } else if (result.kind === "zone") {
        setPlace({ kind: "zone", layerId: result.zone.layerId, id: result.zone.id });
        showZone(result.zone, true);
      } else {
        const { lat, lon, query } = result;
        setPlace({ kind: "point", lat, lon });
        const label =
          query.kind === "vn2000"
            ? t("search.vn2000", {
                x: formatNumber(query.northing, lang, 2),
                y: formatNumber(query.easting, lang, 2),
              })
            : pointLabel(lat, lon);
        showPoint(lat, lon, label, true);
      }
    },
    [showDistrict, showZone, showPoint, pointLabel, t, lang],
  );

  // A place from a link waits for the districts or the zone's layer.
  useEffect(() => {
    if (!pending) return;
    const { place: wanted, move } = pending;
    if (wanted.kind === "point") {
      showPoint(wanted.lat, wanted.lon, pointLabel(wanted.lat, wanted.lon), move);
    } else if (wanted.kind === "district") {
      const district = districts?.find((d) => d.code === wanted.code);
      if (!district) return;
      showDistrict(district, move);
    } else {
      const zone = zones.find((z) => z.layerId === wanted.layerId && z.id === wanted.id);
      if (!zone) return;
      showZone(zone, move);
    }
    setPlace(wanted);
    setPending(null);
  }, [pending, districts, zones, showDistrict, showZone, showPoint, pointLabel]);

  const open = useCallback((next: PlaceRef, move: boolean) => {
    setMarker(null);
    setPending({ place: next, move });
  }, []);
  const clear = useCallback(() => {
    setPending(null);
    setPlace(null);
    setMarker(null);
  }, []);

  return useMemo(
    () => ({ place, marker, choose, open, clear }),
    [place, marker, choose, open, clear],
  );
}
