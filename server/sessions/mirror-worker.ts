/**
 * Entry of the mirror worker thread: hosts the headless terminals of every session of one
 * host (one shared worker, not one per session: each worker costs a V8 isolate, ~10 MB).
 * Started by mirror-worker-client.ts; speaks the messages of mirror-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, MirrorId, ParsedReport, ToWorker } from './mirror-protocol';
import { MirrorTerminal } from './mirror-terminal';

const port = parentPort;
if (!port) throw new Error('mirror-worker.ts must run in a worker thread');

// The thread runs at the process's priority. It was reniced to 10 once, so keystrokes on
// the main thread never queued behind parsing; but under load the niced mirror fell
// behind, paused the PTY (ADR 0001) and left the browser's core idle: ~10 % of a stream's
// throughput, against ~1 ms of echo p95 during a flood, far inside its target (ADR 0020).

const mirrors = new Map<MirrorId, MirrorTerminal>();
/** Mirrors that parsed something since the last report. */
const advanced = new Set<MirrorId>();
let reportScheduled = false;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

/** One 'parsed' message per worker turn for all mirrors: a flood parsed in many small
 * slices costs the main thread one message per turn, not one per write. */
function scheduleReport(mid: MirrorId): void {
  advanced.add(mid);
  if (reportScheduled) return;
  reportScheduled = true;
  setImmediate(() => {
    reportScheduled = false;
    const reports: ParsedReport[] = [];
    for (const id of advanced) {
      const m = mirrors.get(id);
      if (m) reports.push({ mid: id, seq: m.parsedSeq, bracketedPaste: m.bracketedPasteMode });
    }
    advanced.clear();
    if (reports.length > 0) post({ type: 'parsed', reports });
  });
}

function answer(rid: number, work: () => Promise<FromWorker>): void {
  work().then(post, (e: unknown) => post({ type: 'failed', rid, message: e instanceof Error ? e.message : String(e) }));
}

function handle(msg: ToWorker): void {
  if (msg.type === 'open') {
    mirrors.get(msg.mid)?.dispose();
    const mid = msg.mid;
    const m = new MirrorTerminal({
      cols: msg.cols,
      rows: msg.rows,
      scrollbackLines: msg.scrollbackLines,
      startSeq: msg.startSeq,
      onReply: (data) => post({ type: 'reply', mid, data }),
      onParsed: () => scheduleReport(mid),
    });
    mirrors.set(mid, m);
    if (msg.replay) m.write(msg.replay, true);
    return;
  }
  const m = mirrors.get(msg.mid);
  switch (msg.type) {
    case 'write':
      m?.write(msg.data);
      return;
    case 'resize':
      m?.resize(msg.cols, msg.rows);
      return;
    case 'serialize':
      answer(msg.rid, async () => {
        if (!m) throw new Error(`no mirror ${msg.mid}`);
        const { seq, state } = await m.serialize();
        return { type: 'serialized', rid: msg.rid, seq, state };
      });
      return;
    case 'screen':
      answer(msg.rid, async () => {
        if (!m) throw new Error(`no mirror ${msg.mid}`);
        const { seq, screen } = await m.screen();
        return { type: 'screen', rid: msg.rid, seq, screen };
      });
      return;
    case 'close':
      m?.dispose();
      mirrors.delete(msg.mid);
      advanced.delete(msg.mid);
      return;
  }
}

port.on('message', (msg: ToWorker) => handle(msg));
