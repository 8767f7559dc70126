import type { Client } from "pg";
import { CheckInternalError, errorLine, shownPath } from "./check-error";
import { type CheckSource, type InputPlan, planInputs, readInputs } from "./check-inputs";
import { problemsStop } from "./check-problems";
import type { RunCheckOutput } from "./check-run";
import { heapMegabytes } from "./check-worker";
import { maskSecrets, openDatabase } from "./postgis/connect";
import { attachTable, readTableFeatures } from "./postgis/in-place";
import { layerUses, PostgisQueryError, runChecksInPostgis } from "./postgis/run-rules";

export type RunPostgisOptions = {
  source: CheckSource;
  /** The connection string (from --database or PLAN_LAYERS_DATABASE_URL); never printed. */
  database: string;
  findingGeometry: boolean;
  /** As `RunCheckOptions.beforeRead`. */
  beforeRead?: (plan: InputPlan) => void;
};

/**
 * `npm run check -- --engine postgis`: the same catalogue, rules and readers as the in-process run,
 * the geometry work inside PostGIS (`runChecksInPostgis`). Layers from files are read by the
 * project's readers and copied in, a big FlatGeobuf or newline-delimited one streamed as in
 * process (`readStreamedLayer`: validated on a first pass that keeps ids and attributes, its
 * geometries read again feature by feature into the COPY); `postgis:` sources are checked where
 * they are. Same output shape
 * as `runCheck`, so the command writes and summarises it the same way.
 *
 * @throws CheckInputError (exit 2) for bad input, a database that cannot be reached or has no
 *   PostGIS, a missing table; CheckInternalError (exit 3) when a rule's SQL fails
 */
export async function runCheckInPostgis(options: RunPostgisOptions): Promise<RunCheckOutput> {
  const t0 = performance.now();
  const plan = await planInputs(options.source);
  options.beforeRead?.(plan);
  const client: Client = await openDatabase(options.database);
  try {
    const uses = layerUses(plan.rules);
    const inPlace = new Map<string, string>();
    const catalog = shownPath(plan.loaded.catalogPath);
    const loaded = await readInputs(plan, async (file) => {
      if (plan.districts?.id === file.id) {
        const collection = await readTableFeatures(client, catalog, file.id, file.path, file.table);
        return { collection, warnings: [] };
      }
      const use = uses.get(file.id) ?? { raw: false, geography: false };
      const attached = await attachTable(client, catalog, file.id, file.path, file.table, use);
      inPlace.set(file.id, attached.relation);
      return { collection: attached.collection, warnings: [] };
    });
    const t1 = performance.now();
    let ran: Awaited<ReturnType<typeof runChecksInPostgis>>;
    try {
      ran = await runChecksInPostgis(client, loaded.input, {
        inPlace,
        findingGeometry: options.findingGeometry,
        stop: (problems) => problemsStop(problems, plan),
      });
    } catch (error) {
      if (!(error instanceof PostgisQueryError)) throw error;
      throw new CheckInternalError(
        [
          errorLine(`--engine postgis (${error.rule})`, {
            vi: `câu lệnh SQL của quy tắc "${error.rule}" lỗi trong PostGIS; hãy báo lỗi kèm các dòng dưới đây`,
            en: `the SQL of rule "${error.rule}" failed in PostGIS; please report it with the lines below`,
          }),
        ],
        maskSecrets(error.message, options.database),
      );
    }
    const t2 = performance.now();
    return {
      result: ran.result,
      loaded,
      timings: { read_ms: t1 - t0, index_ms: ran.timings.load_ms, check_ms: ran.timings.check_ms },
      threads: 1,
      perThread: [
        {
          read_ms: t1 - t0,
          index_ms: ran.timings.load_ms,
          check_ms: t2 - t1 - ran.timings.load_ms,
          heap_mb: heapMegabytes(),
          chunks: 0,
        },
      ],
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
