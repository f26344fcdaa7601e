/**
 * Helpers for the integration tests of the session host (real PTYs). Not imported by
 * production code.
 */
import type { SessionId } from '../../../protocol/ids';
import type { Result } from '../../../protocol/result';
import type { CreateSessionRequest, SessionInfo } from '../../../protocol/session';
import type { ScreenSnapshot } from '../../../protocol/events';
import type { HostEvent, SessionHost } from '../session-host';

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export async function waitFor(pred: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function createRequest(command: string, args: string[] = [], extra: Partial<CreateSessionRequest> = {}): CreateSessionRequest {
  return { command, args, cols: 80, rows: 24, ...extra };
}

export async function create(host: SessionHost, command: string, args: string[] = [], extra: Partial<CreateSessionRequest> = {}): Promise<SessionInfo> {
  return unwrap(await host.request({ type: 'create', input: createRequest(command, args, extra) }));
}

export async function waitExited(host: SessionHost, id: SessionId, timeoutMs = 10_000): Promise<SessionInfo> {
  let info: SessionInfo | undefined;
  await waitFor(async () => {
    info = unwrap(await host.request({ type: 'get', id }));
    return info.status === 'exited';
  }, timeoutMs, `exit of ${id}`);
  return info as SessionInfo;
}

export async function screenText(host: SessionHost, id: SessionId): Promise<string> {
  return unwrap(await host.request({ type: 'screen', id })).text;
}

/**
 * One viewer: checks that frames are contiguous (from the attach point or the last
 * snapshot), acks them unless told not to, and keeps the bytes it got.
 */
export class TestViewer {
  readonly snapshots: ScreenSnapshot[] = [];
  private chunks: Uint8Array[] = [];
  receivedBytes = 0;
  /** Offset of the next byte expected, once the stream started. */
  nextSeq: number | undefined;
  frameCount = 0;
  /** Gaps or overlaps seen (thrown errors inside a host listener would only be logged). */
  readonly errors: string[] = [];
  autoAck: boolean;
  private readonly off: () => void;

  constructor(private readonly host: SessionHost, readonly id: SessionId, readonly viewerId: string, opts: { autoAck?: boolean; keepBytes?: boolean } = {}) {
    this.autoAck = opts.autoAck ?? true;
    const keep = opts.keepBytes ?? true;
    this.off = host.onEvent((e: HostEvent) => {
      if (e.type === 'snapshot' && e.viewerId === viewerId && e.snapshot.id === id) {
        this.snapshots.push(e.snapshot);
        this.nextSeq = e.snapshot.seq;
      }
      if (e.type === 'output' && e.viewerId === viewerId && e.id === id) {
        if (this.nextSeq !== undefined && e.seq !== this.nextSeq) {
          this.errors.push(`frame at ${e.seq}, expected ${this.nextSeq}`);
        }
        this.nextSeq = e.seq + e.data.byteLength;
        this.receivedBytes += e.data.byteLength;
        this.frameCount += 1;
        if (keep) this.chunks.push(e.data.slice());
        if (this.autoAck) void this.ack(this.nextSeq);
      }
    });
  }

  async attach(fromSeq?: number): Promise<'snapshot' | 'replay'> {
    const reply = unwrap(await this.host.request({ type: 'attach', id: this.id, viewerId: this.viewerId, fromSeq }));
    if (reply.mode === 'replay') this.nextSeq = fromSeq;
    return reply.mode;
  }

  async ack(seq: number): Promise<void> {
    await this.host.request({ type: 'ack', id: this.id, viewerId: this.viewerId, seq });
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return this.bytes().toString('utf8');
  }

  dispose(): void {
    this.off();
  }
}
