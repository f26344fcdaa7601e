#!/usr/bin/env node
// The `axiom` command (package.json "bin"): runs the TypeScript entry through tsx, as
// scripts/start.mjs runs the server, so the CLI needs no build step.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { register } = await import('tsx/esm/api');
register();
await import(join(dirname(fileURLToPath(import.meta.url)), 'main.ts'));
