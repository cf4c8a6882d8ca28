import { BaseCommand } from '../../base-command';
import { localStatus, motoInstalled } from '../../local/moto';

export default class LocalStatus extends BaseCommand<typeof LocalStatus> {
  static override summary = 'Say whether the local emulator is running, and where.';
  static override examples = ['<%= config.bin %> local status', '<%= config.bin %> local status --json'];

  async run() {
    const s = await localStatus();
    const installed = motoInstalled();
    if (!this.jsonEnabled()) {
      if (s?.running)
        this.log(`Running: ${s.endpoint} (pid ${s.pid}, since ${s.startedAt}, log ${s.logFile}).`);
      else
        this.log(
          installed
            ? 'Not running. Start it with `apigw local start`.'
            : "Not running, and moto_server is not installed: pip install 'moto[server]'.",
        );
    }
    return { running: Boolean(s?.running), installed: Boolean(installed), ...(s ?? {}) };
  }
}
