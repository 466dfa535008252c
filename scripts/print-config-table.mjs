// Prints the README configuration table from the built settings: node scripts/print-config-table.mjs
import { configTableMarkdown } from '../dist/src/config/config-docs.js';
process.stdout.write(`${configTableMarkdown()}\n`);
