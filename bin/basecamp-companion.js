#!/usr/bin/env node
// Runs the CLI from the TypeScript sources (Node >= 22.18 strips types natively).
import '../src-main/cli/main.ts';
