import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** An MCP client from the official SDK on a console's /mcp, for integration tests. */
export interface McpTestClient {
  client: Client;
  /** Every notifications/message data payload received so far. */
  notices: unknown[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Calls a tool and returns its structured content; throws on isError. */
  value<T>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Calls a tool that must fail; returns its error text (`code: message`). */
  error(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function connectMcp(origin: string, token: string): Promise<McpTestClient> {
  const client = new Client({ name: 'axiom-test', version: '0.0.0' });
  const notices: unknown[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    notices.push(n.params.data);
  });
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', origin), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const textOf = (r: CallToolResult): string => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  return {
    client,
    notices,
    call,
    async value<T>(name: string, args: Record<string, unknown> = {}) {
      const r = await call(name, args);
      if (r.isError === true) throw new Error(`${name} failed: ${textOf(r)}`);
      return r.structuredContent as T;
    },
    async error(name: string, args: Record<string, unknown> = {}) {
      const r = await call(name, args);
      if (r.isError !== true) throw new Error(`${name} unexpectedly succeeded: ${textOf(r)}`);
      return textOf(r);
    },
    close: async () => {
      // DELETE /mcp ends the session on the server; when the console is already gone there
      // is nothing left to end, which is fine for a test's teardown.
      await transport.terminateSession().catch((error: unknown) => void error);
      await client.close();
    },
  };
}
