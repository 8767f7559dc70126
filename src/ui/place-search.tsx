import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DistrictInfo } from "../state/districts-index";
import { formatNumber } from "../state/format";
import { type PlaceResult, searchPlaces, type ZoneInfo } from "../state/place-search";
import type { Language } from "../state/url-state";

type Props = {
  districts: readonly DistrictInfo[];
  zones: readonly ZoneInfo[];
  onChoose: (result: PlaceResult) => void;
};

function resultKey(result: PlaceResult): string {
  if (result.kind === "district") return result.district.code;
  if (result.kind === "zone") return `zone-${result.zone.layerId}-${result.zone.id}`;
  return "point";
}

/**
 * One search box for districts (diacritics, case and unit prefix ignored: "hoan kiem"), the city
 * plan's zones by id or name, and coordinates (latitude, longitude or VN-2000 X, Y). An ARIA
 * combobox: ↓/↑ move through the results, Enter picks the highlighted one (the first if none),
 * Escape empties the box; a click picks too.
 */
export function PlaceSearch({ districts, zones, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(-1);
  const uid = useId();
  const { results, outOfRange } = useMemo(
    () => searchPlaces(query, districts, zones, 8),
    [query, districts, zones],
  );
  const open = query.trim() !== "";
  const optionId = (index: number) => `${uid}-option-${index}`;
  const choose = (result: PlaceResult) => {
    onChoose(result);
    setQuery("");
    setActive(-1);
  };
  const describe = (result: PlaceResult): { kind: string; text: string; detail: string | null } => {
    if (result.kind === "district") {
      return { kind: t("search.district"), text: result.district.name, detail: null };
    }
    if (result.kind === "zone") {
      const { zone } = result;
      return {
        kind: t("search.zone"),
        text: `${zone.id} · ${zone.name}`,
        detail: zone.districtName,
      };
    }
    const { query: q } = result;
    const latLon = t("search.latLon", {
      lat: formatNumber(result.lat, lang, 5),
      lon: formatNumber(result.lon, lang, 5),
    });
    if (q.kind === "vn2000") {
      const x = formatNumber(q.northing, lang, 2);
      const y = formatNumber(q.easting, lang, 2);
      return { kind: t("search.point"), text: t("search.vn2000", { x, y }), detail: latLon };
    }
    return { kind: t("search.point"), text: latLon, detail: null };
  };
  return (
    <search className="search">
      <label htmlFor={`${uid}-input`} className="search__label">
        {t("search.label")}
      </label>
      <input
        id={`${uid}-input`}
        type="search"
        role="combobox"
        className="search__input"
        data-testid="district-search"
        placeholder={t("search.placeholder")}
        autoComplete="off"
        spellCheck={false}
        value={query}
        aria-expanded={open && results.length > 0}
        aria-controls={`${uid}-results`}
        aria-autocomplete="list"
        aria-describedby={`${uid}-hint`}
        aria-activedescendant={
          active >= 0 && active < results.length ? optionId(active) : undefined
        }
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (results.length === 0) return;
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((current) =>
              current < 0 && step < 0
                ? results.length - 1
                : (current + step + results.length) % results.length,
            );
          } else if (event.key === "Enter") {
            const picked = results[active] ?? results[0];
            if (picked) {
              event.preventDefault();
              choose(picked);
            }
          } else if (event.key === "Escape") {
            setQuery("");
            setActive(-1);
          }
        }}
      />
      <p id={`${uid}-hint`} className="search__hint">
        {t("search.hint")}
      </p>
      <div
        id={`${uid}-results`}
        role="listbox"
        className="search__results"
        aria-label={t("search.results")}
        data-testid="search-results"
      >
        {results.map((result, index) => {
          const { kind, text, detail } = describe(result);
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys (↓/↑, Enter)
            <div
              key={resultKey(result)}
              tabIndex={-1}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={`search__result${index === active ? " search__result--active" : ""}`}
              data-testid={`search-result-${resultKey(result)}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(result)}
            >
              <span className="search__result-kind">{kind}</span>
              <span className="search__result-text">{text}</span>
              {detail && <span className="search__result-detail">{detail}</span>}
            </div>
          );
        })}
      </div>
      <p className="search__status" aria-live="polite" data-testid="search-status">
        {open && outOfRange
          ? t("search.outOfRange")
          : open && results.length === 0
            ? t("search.noResults")
            : open
              ? t("search.count", { count: results.length })
              : ""}
      </p>
    </search>
  );
}
