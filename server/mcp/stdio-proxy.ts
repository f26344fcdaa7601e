import type { Readable, Writable } from 'node:stream';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * `axiom mcp`: MCP over stdio for clients that only spawn servers, as a message-level
 * proxy to the running console's /mcp. Nothing is implemented twice: every tool call,
 * result and notification is the console's own; this only moves JSON-RPC messages
 * between stdin/stdout and one Streamable HTTP session.
 */
export interface StdioProxyOptions {
  origin: string;
  token: string;
  /** For tests; default process stdin/stdout. */
  stdin?: Readable;
  stdout?: Writable;
}

/** Resolves when either side closes. */
export async function runStdioProxy(o: StdioProxyOptions): Promise<void> {
  const upstream = new StreamableHTTPClientTransport(new URL('/mcp', o.origin), {
    requestInit: { headers: { Authorization: `Bearer ${o.token}` } },
  });
  const local = new StdioServerTransport(o.stdin, o.stdout);
  const initializeIds = new Set<string | number>();
  let closed: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    closed = resolve;
  });

  local.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === 'initialize') initializeIds.add(message.id);
    upstream.send(message).catch((error: unknown) => {
      // The console is gone or refused: answer the request so the client does not hang.
      if (!isJSONRPCRequest(message)) return;
      void local.send({ jsonrpc: '2.0', id: message.id, error: { code: -32000, message: `axiom console: ${error instanceof Error ? error.message : String(error)}` } });
    });
  };
  upstream.onmessage = (message: JSONRPCMessage) => {
    // Later requests must carry the negotiated version header, as the SDK's Client does.
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) {
      const version = message.result.protocolVersion;
      if (typeof version === 'string') upstream.setProtocolVersion(version);
    }
    void local.send(message);
  };
  local.onclose = () => {
    void upstream.terminateSession().finally(() => void upstream.close());
    closed();
  };
  upstream.onclose = () => {
    void local.close();
    closed();
  };
  await upstream.start();
  await local.start();
  await done;
}
