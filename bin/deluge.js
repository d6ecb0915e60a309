#!/usr/bin/env node
// The CLI ships as one bundled file (dist/cli.js, built on `npm ci` by the prepare script) for a fast start; dist/chunks/
// holds what a single command loads when it runs.
import '../dist/cli.js';
