/** `npm run bench`: every benchmark in one run; prints a table (and JSON with --json). */
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const suites = ['pipeline', 'booking', 'retrieval', 'startup'];
const all: { suite: string; figures: BenchFigure[] }[] = [];
for (const suite of suites) {
  const file = join(here, `${suite}.ts`);
  if (!existsSync(file)) continue;
  process.stderr.write(`== ${suite}\n`);
  const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<BenchFigure[]> };
  const figures = await mod.run();
  all.push({ suite, figures });
  for (const f of figures) console.log(`${suite.padEnd(10)} ${f.name.padEnd(34)} ${String(f.value).padStart(10)} ${f.unit}${f.note ? `  (${f.note})` : ''}`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(all, null, 2));
process.exit(0);
