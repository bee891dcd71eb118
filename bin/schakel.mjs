#!/usr/bin/env node
// `npx schakel <command>`: runs server/cli.ts through tsx (TypeScript with path aliases).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../server/cli.ts', import.meta.url));
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
process.argv[1] = cli;
await import(cli);
