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
  const { execute, handle } = require('@oclif/core');
  execute({ dir: __dirname }).catch(handle);
}
