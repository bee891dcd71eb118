// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints its figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
process.argv = [process.argv[0]!, `${dir}${name}.bench.ts`, ...args];
await import(`./${name}.bench.ts`);
