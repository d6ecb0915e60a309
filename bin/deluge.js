#!/usr/bin/env node
// The CLI ships bundled (dist/cli.js, built on `npm ci` by the prepare script) for a fast start; dist/chunks/ holds
// what a single command loads when it runs, and the code cli.js shares with those.
import '../dist/cli.js';
