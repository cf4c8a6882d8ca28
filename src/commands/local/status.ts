import { BaseCommand } from '../../base-command';
import { localStatus, motoInstalled, PROBE_TIMEOUT_MS } from '../../local/moto';
import type { LocalStatusResult } from '../../results';

export default class LocalStatus extends BaseCommand<typeof LocalStatus> {
  static override summary = 'Say whether the local emulator is running, and where.';
  static override description =
    'Running means the moto_server that `apigw local start` started is alive (same pid, port and start time); a health check says whether it answers now.';
  static override examples = ['<%= config.bin %> local status', '<%= config.bin %> local status --json'];

  async run(): Promise<LocalStatusResult> {
    const s = await localStatus();
    const installed = motoInstalled();
    if (!this.jsonEnabled()) {
      if (s?.running)
        this.log(
          `Running: ${s.endpoint} (pid ${s.pid}, since ${s.startedAt}, log ${s.logFile})${s.answering ? '.' : `, but it did not answer a health check within ${PROBE_TIMEOUT_MS / 1000} s: it may be busy; see its log.`}`,
        );
      else
        this.log(
          installed
            ? `Not running${s?.stale ? ` (the record names pid ${s.pid}, which is no longer the emulator apigw started)` : ''}. Start it with \`apigw local start\`.`
            : "Not running, and moto_server is not installed: pip install 'moto[server]'.",
        );
    }
    return { running: Boolean(s?.running), installed: Boolean(installed), ...(s ?? {}) };
  }
}
