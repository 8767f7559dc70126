/**
 * Sets `object[key] = value` as an own property whatever the key. Plain assignment with a key
 * from a file named `__proto__` (a dbf field, a KML ExtendedData name, a GeoPackage column) would
 * replace the object's prototype instead, and lose the value; every reader sets attributes
 * through this.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else object[key] = value;
}
