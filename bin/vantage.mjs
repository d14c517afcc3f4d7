#!/usr/bin/env node
// `npx vantage [--help] [flags]`: the engine in this very process (tsx registered as a loader, no child process), so
// SIGTERM and SIGINT reach it and it shuts down cleanly, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
await import('../engine/main.ts');
