// Child process: imports the specifiers it is given, together, and prints how long that took in ms.
// It is a file, not `node -e`, on purpose: an app's entry is a file, and loading it has already loaded Node's
// ES module resolver and loader (and fs/promises). An eval'd module loads no file, so in `node -e` the first
// `import()` loads them, about 3 ms here, charged to whatever is imported first, even an empty module.
// Bare specifiers resolve from this package, as they would from an app that depends on them.
//
// The result goes out with fs.writeSync, never through `process.stdout`: that is a lazy getter, and its first use
// builds the stream (about 4 ms here). `process.stdout.write(String(performance.now() - started))` evaluates the
// getter before its argument, so it charged that to every import, an empty module's too.
import { writeSync } from 'node:fs';

const specifiers = process.argv.slice(2);
const started = performance.now();
await Promise.all(specifiers.map((specifier) => import(specifier)));
const elapsed = performance.now() - started;
writeSync(1, String(elapsed));
