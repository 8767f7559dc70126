import { CheckInputError } from "../node/check-error";
import { runConvertCommand } from "../node/convert-command";
import { endProcess } from "../node/end-process";

/*
 * `npm run convert -- IN… OUT.fgb [--crs EPSG:…] [--source-layer NAME]`: any supported layer to
 * WGS84 FlatGeobuf with its spatial index, streaming big FlatGeobuf and newline-delimited inputs.
 */
try {
  process.exitCode = await runConvertCommand(process.argv.slice(2));
} catch (error) {
  if (error instanceof CheckInputError) {
    for (const line of error.lines) console.error(line);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 3;
  }
}
await endProcess();
