/** A district-level unit a province must have: its GSO code and official name. */
export type ExpectedDistrict = { code: string; name: string };

/**
 * The district-level units each province of a boundary source must have, by GSO province code.
 * A province not listed is checked for tiling only (see `checkDistrictTiling`); tests of small
 * fixtures pass their own table.
 */
export type ExpectedDistricts = ReadonlyMap<string, readonly ExpectedDistrict[]>;

const unit = (code: string, name: string): ExpectedDistrict => ({ code, name });

/**
 * Hà Nội's 30 district-level units before the 1 July 2025 reform (12 Quận, 1 Thị xã, 17 Huyện),
 * the base layer of the Capital plan 2021–2030 — as in the domain brief (§3) and the catalogue's
 * hanoi-districts description. Unchanged since Resolution 132/NQ-CP (2013) split Từ Liêm into
 * Bắc Từ Liêm and Nam Từ Liêm. GSO codes are public classification codes, not boundary data.
 */
export const HANOI_DISTRICTS: readonly ExpectedDistrict[] = [
  unit("001", "Quận Ba Đình"),
  unit("002", "Quận Hoàn Kiếm"),
  unit("003", "Quận Tây Hồ"),
  unit("004", "Quận Long Biên"),
  unit("005", "Quận Cầu Giấy"),
  unit("006", "Quận Đống Đa"),
  unit("007", "Quận Hai Bà Trưng"),
  unit("008", "Quận Hoàng Mai"),
  unit("009", "Quận Thanh Xuân"),
  unit("016", "Huyện Sóc Sơn"),
  unit("017", "Huyện Đông Anh"),
  unit("018", "Huyện Gia Lâm"),
  unit("019", "Quận Nam Từ Liêm"),
  unit("020", "Huyện Thanh Trì"),
  unit("021", "Quận Bắc Từ Liêm"),
  unit("250", "Huyện Mê Linh"),
  unit("268", "Quận Hà Đông"),
  unit("269", "Thị xã Sơn Tây"),
  unit("271", "Huyện Ba Vì"),
  unit("272", "Huyện Phúc Thọ"),
  unit("273", "Huyện Đan Phượng"),
  unit("274", "Huyện Hoài Đức"),
  unit("275", "Huyện Quốc Oai"),
  unit("276", "Huyện Thạch Thất"),
  unit("277", "Huyện Chương Mỹ"),
  unit("278", "Huyện Thanh Oai"),
  unit("279", "Huyện Thường Tín"),
  unit("280", "Huyện Phú Xuyên"),
  unit("281", "Huyện Ứng Hòa"),
  unit("282", "Huyện Mỹ Đức"),
];

/** What the data step expects of the sources it knows: Hà Nội (province 01). */
export const EXPECTED_DISTRICTS: ExpectedDistricts = new Map([["01", HANOI_DISTRICTS]]);
