/** Types of bundle.mjs, for the tests. */
export declare function bundleIfStale(
  entry: string,
  outfile: string,
  options?: { sourcemap?: boolean; external?: string[] },
): Promise<boolean>;
