import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessSessionHost, type InProcessSessionHost } from './in-process-host';
import { TestViewer, create, screenText, waitExited, waitFor } from './testing/host-harness';

/**
 * Runs in the PTY: raw mode, sends the queries, counts each kind of reply for three seconds,
 * prints the counts. Every query must be answered exactly once, by the server's mirror.
 * Three seconds: on a loaded 2-core machine the mirror can take over one to reply.
 */
const QUERY_SCRIPT = `
process.stdin.setRawMode(true);
let buf = '';
process.stdin.on('data', (d) => { buf += d.toString('latin1'); });
process.stdout.write('\\x1b[c\\x1b[>c\\x1b[6n\\x1b[5n\\x1b[>0q');
setTimeout(() => {
  const count = (re) => (buf.match(re) || []).length;
  const res = [
    'DA1=' + count(/\\x1b\\[\\?[\\d;]*c/g),
    'DA2=' + count(/\\x1b\\[>[\\d;]*c/g),
    'CPR=' + count(/\\x1b\\[\\d+;\\d+R/g),
    'DSR=' + count(/\\x1b\\[0n/g),
    'XTVERSION=' + count(/\\x1bP>\\|[^\\x1b]*\\x1b\\\\/g),
  ];
  process.stdout.write('\\r\\nREPLIES ' + res.join(' ') + '\\r\\n');
  process.exit(0);
}, 3000);
`;

const EXPECTED = 'REPLIES DA1=1 DA2=1 CPR=1 DSR=1 XTVERSION=1';

let host: InProcessSessionHost;
beforeEach(() => {
  host = createInProcessSessionHost({ logger: { error: () => undefined } });
});
afterEach(async () => {
  await host.dispose();
});

describe('session host: terminal queries', () => {
  it('answers each query exactly once with no viewer attached', async () => {
    const info = await create(host, process.execPath, ['-e', QUERY_SCRIPT]);
    const exited = await waitExited(host, info.id);
    expect(exited.exitCode).toBe(0);
    await waitFor(async () => (await screenText(host, info.id)).includes('REPLIES'), 5000, 'replies');
    expect(await screenText(host, info.id)).toContain(EXPECTED);
  });

  it('answers each query exactly once with two viewers attached', async () => {
    const info = await create(host, process.execPath, ['-e', QUERY_SCRIPT]);
    const v1 = new TestViewer(host, info.id, 'v1');
    const v2 = new TestViewer(host, info.id, 'v2');
    await v1.attach(0);
    await v2.attach();
    await waitExited(host, info.id);
    await waitFor(() => v1.text().includes('REPLIES') && v2.text().includes('REPLIES'), 5000, 'replies');
    expect(v1.text()).toContain(EXPECTED);
    expect(v2.text()).toContain(EXPECTED);
    expect(v1.errors).toEqual([]);
  });
});
