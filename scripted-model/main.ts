/**
 * The scripted model on its own, for demos and manual runs:
 *   PORT=4100 npx tsx scripted-model/main.ts
 * then start claude with ANTHROPIC_BASE_URL set to the printed URL.
 */
import { startScriptedModel } from './server';

const port = process.env.PORT ? Number(process.env.PORT) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${process.env.PORT}`);
  process.exit(2);
}
const frameDelayMs = process.env.FRAME_DELAY_MS ? Number(process.env.FRAME_DELAY_MS) : undefined;

const model = await startScriptedModel({
  port,
  frameDelayMs,
  onRequest: (e) => {
    if (process.env.LOG_REQUESTS) console.error(`${e.scenario} round=${e.facts.toolRounds} prompt=${JSON.stringify(e.facts.prompt.slice(0, 80))}`);
  },
});
console.log(model.url);

const stop = (): void => {
  void model.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
