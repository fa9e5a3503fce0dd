// Prints, as one JSON object, what ES modules of the PWA export, for the Python tests:
//   node --experimental-default-type=module tests/js_exports.mjs <module>:<export> ...
// A table (object) prints as its keys, in order; a list or a value prints as it is. Modules are
// read from the directory in PWA_JS (default pwa/js), so a test can point it at a changed copy.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = process.env.PWA_JS || path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'pwa', 'js');
const found = {};
for (const wanted of process.argv.slice(2)) {
  const [module, name] = wanted.split(':');
  const exports = await import(pathToFileURL(path.join(root, module)).href);
  if (!(name in exports)) throw new Error(`${module} exports no ${name}`);
  const value = exports[name];
  found[wanted] = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : value;
}
process.stdout.write(JSON.stringify(found));
