#!/usr/bin/env node
// The apigw binary. oclif loads commands lazily from dist/ using oclif.manifest.json, so start-up
// stays close to plain `node` (see docs/benchmarks.md, start-up).
//
// apigw targets Node 20 and pins its AWS SDK versions in package-lock.json; the SDK's notice that
// *future* SDK releases will need Node 22 is not actionable for our users, so it is silenced unless
// they set the variable themselves.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// @oclif/core checks its own `engines` (node >= 18) on load by requiring all of semver (47 files,
// ~25 ms of every start-up). apigw's own `engines` (>= 20.9) is stricter and checked by npm at
// install, so the check says nothing new; users can still turn it on by setting the variable.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= 'true';
// `apigw --version` alone is answered here, in oclif's format (its `config.userAgent`, what
// `apigw version` prints): loading oclif and its plugins for one line doubled its start-up.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  const { name, version } = require('../package.json');
  process.stdout.write(`${name}/${version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  const { join, dirname } = require('node:path');
  const { execute, handle } = require('@oclif/core');
  // oclif's Config.load names the platform with `getPlatform()` (@oclif/core lib/util/os.js), which
  // `import()`s the ES module wsl-utils to tell WSL from Linux: that one import starts Node's ES
  // module loader and child_process, ~20 ms of CPU on every start. oclif uses the answer only in its
  // user agent (`apigw version`), where `apigw --version` above prints process.platform already; so
  // both say process.platform. If a later oclif moves the function, nothing is replaced and its own
  // check runs (test/e2e/startup.e2e.test.ts fails, saying so).
  try {
    const os = require(join(dirname(require.resolve('@oclif/core')), 'util', 'os.js'));
    if (typeof os.getPlatform === 'function') os.getPlatform = async () => process.platform;
  } catch {
    // not this oclif layout: keep its getPlatform
  }
  // oclif finds its core plugins by matching every dependency against every `oclif.plugins` name
  // with minimatch (27 x 4 patterns compiled, ~10 ms): give it the package.json with only those
  // dependencies. The rest of the file is what oclif would read itself (it has an `oclif` key, so
  // no rc file is searched).
  const pjson = require('../package.json');
  const dependencies = Object.fromEntries(
    pjson.oclif.plugins.map((name) => [name, pjson.dependencies[name]]),
  );
  execute({ loadOptions: { root: join(__dirname, '..'), pjson: { ...pjson, dependencies } } }).catch(handle);
}
