// Child process: imports the specifiers it is given, together, and prints how long that took in ms.
// It is a file, not `node -e`, on purpose: an app's entry is a file, and loading it has already loaded Node's
// ES module resolver and loader (and fs/promises). An eval'd module loads no file, so in `node -e` the first
// `import()` loads them, about 3 ms here, charged to whatever is imported first, even an empty module.
// Bare specifiers resolve from this package, as they would from an app that depends on them.

const specifiers = process.argv.slice(2);
const started = performance.now();
await Promise.all(specifiers.map((specifier) => import(specifier)));
process.stdout.write(String(performance.now() - started));
