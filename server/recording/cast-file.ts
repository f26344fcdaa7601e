import { open, type FileHandle } from 'node:fs/promises';

/**
 * The I/O shell of one recording file: lines (bytes) are appended to an in-memory list (cheap,
 * synchronous) and written by `flush()` as one write. Writes run one after another on a
 * promise chain, so the file is closed when the process exits and reopened for append on
 * a restart without the two generations' writes ever overtaking each other (something two
 * successive fs.WriteStreams would not promise).
 *
 * A write error (disk full, folder removed) stops this recording, is logged once, and
 * never reaches the session: a recording is worth less than the agent it records.
 */
export interface CastFileOptions {
  path: string;
  logError: (message: string, detail: unknown) => void;
}

/** One writev for all the lines. libuv keeps writing until every buffer is out (past
 * IOV_MAX too) and stops short only when the file takes nothing more, which is a failure. */
async function writeAll(handle: FileHandle, buffers: Uint8Array[], expected: number): Promise<void> {
  const { bytesWritten } = await handle.writev(buffers);
  if (bytesWritten !== expected) throw new Error(`recording write stopped after ${bytesWritten} of ${expected} bytes`);
}

/** Owner-only: recordings hold whatever the agents printed, secrets included. */
const FILE_MODE = 0o600;

export class CastFile {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private handle: FileHandle | null = null;
  /** 'w' for the first open (a fresh recording), 'a' for reopens after an exit. */
  private openedBefore = false;
  private failed = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: CastFileOptions) {}

  get path(): string {
    return this.opts.path;
  }

  /** Bytes buffered and not yet handed to a write. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  append(line: Uint8Array): void {
    if (this.failed || line.byteLength === 0) return;
    this.pending.push(line);
    this.pendingBytes += line.byteLength;
  }

  /** Resolves once everything appended so far is written (or the file has failed). */
  flush(): Promise<void> {
    if (this.pending.length > 0 && !this.failed) {
      const lines = this.pending;
      const bytes = this.pendingBytes;
      this.pending = [];
      this.pendingBytes = 0;
      this.enqueue(async () => {
        const handle = await this.ensureOpen();
        // One writev, not a joined copy: a flood's 200 ms of lines is megabytes.
        await writeAll(handle, lines, bytes);
      });
    }
    return this.chain;
  }

  /** Flushes and closes the handle; a later append reopens the file for append. */
  close(): Promise<void> {
    void this.flush();
    this.enqueue(async () => {
      const handle = this.handle;
      this.handle = null;
      await handle?.close();
    });
    return this.chain;
  }

  private async ensureOpen(): Promise<FileHandle> {
    if (this.handle === null) {
      this.handle = await open(this.opts.path, this.openedBefore ? 'a' : 'w', FILE_MODE);
      this.openedBefore = true;
    }
    return this.handle;
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      try {
        await step();
      } catch (error) {
        this.failed = true;
        this.pending = [];
        this.pendingBytes = 0;
        this.opts.logError(`recording ${this.opts.path} stopped: write failed`, error);
        const handle = this.handle;
        this.handle = null;
        // Best effort: the handle may be the thing that broke; its close error adds nothing.
        await handle?.close().catch(() => undefined);
      }
    });
  }
}
