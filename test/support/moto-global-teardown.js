// Stops the moto servers the global setup started, by PID (never anything else).
const { readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function teardown() {
  const file = join(__dirname, '..', '..', '.apigw', 'test', 'servers.json');
  let servers = [];
  try {
    servers = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  for (const s of servers) {
    try {
      process.kill(s.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  rmSync(file, { force: true });
};
