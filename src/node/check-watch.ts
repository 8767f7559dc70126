import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { bilingual, printFailure, shownPath } from "./check-error";

/**
 * Quiet time after the last change before checking again: an editor's or QGIS's save is several
 * writes, often to a new file renamed over the old one.
 */
const SETTLE_MS = 200;

/**
 * Files that are never an input of their folder: hidden ones (this project's temporary files, an
 * editor's swap files) and backups ending in "~".
 */
const incidental = (path: string): boolean => {
  const name = basename(path);
  return name.startsWith(".") || name.endsWith("~");
};

/**
 * Calls `changed` with the path of a watched file written, created, renamed or removed. It watches
 * the files' folders, not the files: a save that renames a new file over the old one would end a
 * watch on the old file's inode.
 */
class InputWatcher {
  private readonly folders = new Map<string, FSWatcher>();
  private files = new Set<string>();
  private anyFile = false;

  constructor(private readonly changed: (path: string) => void) {}

  /**
   * Watches `files` from now on (a run may read others than the last: a catalogue edited). With
   * `anyFile`, any file of their folders counts (but hidden files and backups): a run that stopped before it
   * knew its inputs, such as a rules file it could not read, is run again when that file is fixed.
   *
   * @returns how many folders are watched (a missing folder cannot be)
   */
  watch(files: Iterable<string>, anyFile: boolean): number {
    this.files = new Set([...files].map((f) => resolve(f)));
    this.anyFile = anyFile;
    const wanted = new Set([...this.files].map((f) => dirname(f)));
    for (const [folder, watcher] of this.folders) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.folders.delete(folder);
    }
    for (const folder of wanted) {
      if (!this.folders.has(folder)) this.watchFolder(folder);
    }
    return this.folders.size;
  }

  close(): void {
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
  }

  private watchFolder(folder: string): void {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: true }, (_event, name) => {
        // no name (some file systems do not give one): any file there may be the one
        const path = name === null ? folder : join(folder, name.toString());
        if (this.anyFile ? !incidental(path) : this.files.has(path) || name === null) {
          this.changed(path);
        }
      });
    } catch {
      return; // missing or unreadable: the run names it
    }
    // the folder removed or renamed: watched again by the next run that reads from it
    watcher.on("error", () => {
      watcher.close();
      this.folders.delete(folder);
    });
    this.folders.set(folder, watcher);
  }
}

/** "HH:MM:SS", local time: when a check started again, in a terminal that keeps scrolling. */
const clockTime = (d: Date): string =>
  [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");

/** One check of a watch; `noteInputs` is called with the files it reads as soon as it knows them. */
export type WatchedCheck = (
  run: number,
  noteInputs: (files: readonly string[]) => void,
) => Promise<number>;

/**
 * `--watch`: runs `check`, then again each time one of the files it read changes (several saves
 * within SETTLE_MS are one change; a change during a run is checked after it). A run that fails is
 * printed as the command would print it, and the watch goes on: the findings written before stay as
 * they were (the output is replaced only by a whole result). It ends only by a signal (Ctrl-C), or
 * with the first run's code when no input's folder can be watched.
 *
 * @param known the files named on the command line (catalogue, proposal): watched until a run knows
 *   its inputs
 */
export function watchChecks(check: WatchedCheck, known: readonly string[]): Promise<number> {
  return new Promise((end) => {
    let inputs: readonly string[] = known;
    const changes = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let run = 0;
    /** Whether a run has written findings: a failed run leaves them. */
    let checked = false;
    const watcher = new InputWatcher((path) => {
      changes.add(path);
      clearTimeout(timer);
      timer = setTimeout(again, SETTLE_MS);
    });
    function again(): void {
      if (running) return; // picked up when the run ends
      const names = [...changes].map(shownPath).join(", ");
      changes.clear();
      const at = clockTime(new Date());
      console.error(
        bilingual({
          vi: `Kiểm tra lại lúc ${at}: ${names} đã đổi`,
          en: `Checking again at ${at}: ${names} changed`,
        }),
      );
      void once();
    }
    async function once(): Promise<void> {
      running = true;
      run += 1;
      // set by the run's callback, so not a `let` TypeScript would narrow to null
      const noted: { files: readonly string[] | null } = { files: null };
      let code: number;
      try {
        code = await check(run, (files) => {
          noted.files = files;
          watcher.watch(files, false);
        });
      } catch (error) {
        code = printFailure(error);
        if (checked) {
          console.error(
            bilingual({
              vi: "Kết quả của lần kiểm tra trước được giữ nguyên",
              en: "The findings of the last check are kept as they were",
            }),
          );
        }
      }
      checked ||= code < 2;
      running = false;
      if (noted.files) inputs = noted.files;
      const folders = watcher.watch(inputs, noted.files === null);
      if (folders === 0) {
        console.error(
          bilingual({
            vi: "Không theo dõi được thư mục nào của các tệp đầu vào; dừng",
            en: "None of the input files' folders can be watched; stopping",
          }),
        );
        watcher.close();
        end(code);
        return;
      }
      console.error(
        bilingual({
          vi: `Đang theo dõi ${inputs.length} tệp đầu vào; lưu một tệp để kiểm tra lại, Ctrl-C để dừng`,
          en: `Watching ${inputs.length} input files; save one to check again, Ctrl-C to stop`,
        }),
      );
      if (changes.size > 0) timer = setTimeout(again, SETTLE_MS);
    }
    // later runs start with what the run before them left watched
    watcher.watch(known, false);
    void once();
  });
}
