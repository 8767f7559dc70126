import type { FormatModule } from "../format-types";
import { readKml } from "../kml/read-kml";
import type { SourceFile } from "../source-files";

/** KML (.kml): see `kml/read-kml.ts`. */
export const kmlFormat: FormatModule = {
  read(files, options) {
    const { name, bytes } = files[0] as SourceFile;
    return readKml(bytes, name, "kml", options);
  },
};
