import { CheckInputError, errorLine } from "../node/check-error";
import { runServeCommand } from "../server/serve-command";

/* `npm run serve -- …`: the review server (issue 10); see src/server/serve-command.ts. */

try {
  await runServeCommand(process.argv.slice(2));
} catch (error) {
  if (error instanceof CheckInputError) {
    for (const line of error.lines) console.error(line);
    process.exitCode = 2;
  } else {
    console.error(
      errorLine("npm run serve", {
        vi: "lỗi nội bộ của máy chủ thẩm định; báo lỗi kèm các dòng dưới đây",
        en: "internal error of the review server; please report it with the lines below",
      }),
    );
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 3;
  }
}
