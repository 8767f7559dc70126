/**
 * Colours of land-use codes on Vietnamese land-use maps: the colour table of the Ministry of Natural
 * Resources and Environment's map symbols for land-use status and land-use planning maps ("Ký hiệu
 * bản đồ hiện trạng sử dụng đất và bản đồ quy hoạch sử dụng đất"), used for the maps of land-use
 * plans under Circular 01/2021/TT-BTNMT. RGB as published, written in hex.
 *
 * That table gives several codes one colour (every public facility is 255-170-160, the production
 * codes 250-170-160, rivers and water bodies 160-255-255): paper maps tell them apart by the code
 * printed in each parcel, a map on screen cannot. {@link LAND_USE_DISPLAY_COLORS} keeps the official
 * colour where it is unique and moves the others to the nearest colour (hue within 40° of the
 * official one) that stays at least {@link MIN_CATEGORY_DISTANCE} ΔE2000 from every other code.
 */
export const OFFICIAL_LAND_USE_COLORS: Readonly<Record<string, string>> = {
  LUC: "#fffc8c",
  LUA: "#fffc82",
  HNK: "#fff0b4",
  CLN: "#ffd2a0",
  RSX: "#b4ffb4",
  RPH: "#beff1e",
  RDD: "#6eff64",
  NTS: "#aaffff",
  NKH: "#f5ffb4",
  ODT: "#ffa0ff",
  ONT: "#ffd0ff",
  TSC: "#ffaaa0",
  CQP: "#ff6450",
  SKK: "#faaaa0",
  SKC: "#faaaa0",
  TMD: "#faaaa0",
  DGT: "#ffaa32",
  DTL: "#aaffff",
  DVH: "#ffaaa0",
  DYT: "#ffaaa0",
  DGD: "#ffaaa0",
  DTT: "#ffaaa0",
  DDT: "#ffaaa0",
  SON: "#a0ffff",
  MNC: "#a0ffff",
};

/**
 * The colour the app draws each code in: the official colour, except where the official table
 * shares it with another code (or nearly: LUC/LUA, NKH/LUC, NTS/SON), see
 * {@link OFFICIAL_LAND_USE_COLORS}. `layers/catalog.json` uses these (a test checks it).
 */
export const LAND_USE_DISPLAY_COLORS: Readonly<Record<string, string>> = {
  ...OFFICIAL_LAND_USE_COLORS,
  LUA: "#fad516",
  NKH: "#bece82",
  NTS: "#a4daef",
  SKK: "#cf9eac",
  SKC: "#ec7786",
  TMD: "#c19786",
  DTL: "#8dcdbd",
  DVH: "#b86d5b",
  DYT: "#a9727f",
  DGD: "#bd7d46",
  DTT: "#fe54aa",
  DDT: "#fe9661",
  MNC: "#2ffed9",
};

/**
 * The smallest CIEDE2000 difference between two categories of one layer: about twice what reads as
 * "clearly different" side by side, so neighbouring zones stay apart at the layers' 60–70 % opacity.
 */
export const MIN_CATEGORY_DISTANCE = 9;
