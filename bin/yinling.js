#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npm install && npm start` needs no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { main } = await import(join(root, 'src', 'cli.ts'));
await main(process.argv);
