#!/usr/bin/env node
// The apigw binary. oclif loads commands lazily from dist/ using oclif.manifest.json, so start-up
// stays close to plain `node` (see docs/benchmarks.md).
//
// apigw targets Node 20 and pins its AWS SDK versions in package-lock.json; the SDK's notice that
// *future* SDK releases will need Node 22 is not actionable for our users, so it is silenced unless
// they set the variable themselves.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('@oclif/core').execute({ dir: __dirname }).catch(require('@oclif/core/handle'));
