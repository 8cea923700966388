#!/usr/bin/env node
// `zg <command>`: the operations CLI (server/src/cli.ts), run through tsx like the server itself.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
