import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { searchNames } from "../core/text/search-names";
import type { DistrictInfo } from "../state/districts-index";

/**
 * Search box over the 30 districts. Matching ignores diacritics, case and the unit prefix, so
 * "hoan kiem" finds "Quận Hoàn Kiếm". Results are buttons, reachable with Tab.
 */
export function DistrictSearch({
  districts,
  onSelect,
}: {
  districts: readonly DistrictInfo[];
  onSelect: (district: DistrictInfo) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const uid = useId();
  const results = searchNames(districts, query, (d) => d.name, 8);
  const choose = (district: DistrictInfo) => {
    onSelect(district);
    setQuery("");
  };
  return (
    <search className="search">
      <label htmlFor={`${uid}-input`} className="search__label">
        {t("search.label")}
      </label>
      <input
        id={`${uid}-input`}
        type="search"
        className="search__input"
        data-testid="district-search"
        placeholder={t("search.placeholder")}
        autoComplete="off"
        spellCheck={false}
        value={query}
        aria-controls={`${uid}-results`}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          const first = results[0];
          if (event.key === "Enter" && first) choose(first);
          if (event.key === "Escape") setQuery("");
        }}
      />
      <ul
        id={`${uid}-results`}
        className="search__results"
        aria-label={t("search.results")}
        aria-live="polite"
      >
        {results.map((district) => (
          <li key={district.code}>
            <button
              type="button"
              className="search__result"
              data-testid={`search-result-${district.code}`}
              onClick={() => choose(district)}
            >
              {district.name}
            </button>
          </li>
        ))}
        {query.trim() !== "" && results.length === 0 && (
          <li className="search__empty">{t("search.noResults")}</li>
        )}
      </ul>
    </search>
  );
}
