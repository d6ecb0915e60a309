#!/usr/bin/env node
// The CLI ships as one bundled file (dist/cli.js, built on `npm ci` by the prepare script) for a fast start.
import '../dist/cli.js';
