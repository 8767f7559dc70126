/** The WGS84 ellipsoid: semi-major axis (m), flattening and first eccentricity squared. */
export const WGS84_A = 6378137;
export const WGS84_F = 1 / 298.257223563;
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
