// Stops the moto servers this run's global setup started, by PID (never anything else).
module.exports = async function teardown() {
  const pids = (process.env.APIGW_TEST_MOTO_PIDS ?? '').split(',').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
};
