/**
 * Types for the part of geojson-validation (CommonJS, ships no types) that the validator uses.
 * With `trace` true each check returns its error messages (empty when valid), else a boolean.
 */
declare module "geojson-validation" {
  interface GeoJsonValidation {
    valid(object: unknown, trace: true): string[];
    isFeature(feature: unknown, trace: true): string[];
    isFeatureCollection(collection: unknown, trace: true): string[];
  }
  const geojsonValidation: GeoJsonValidation;
  export default geojsonValidation;
}
