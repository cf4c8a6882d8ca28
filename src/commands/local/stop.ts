import { BaseCommand } from '../../base-command';
import { stopLocal } from '../../local/moto';
import type { LocalStopResult } from '../../results';

export default class LocalStop extends BaseCommand<typeof LocalStop> {
  static override summary = 'Stop the local emulator started by `apigw local start`.';
  static override description =
    'Signals only the moto_server apigw started (checked by its command line, port and start time); a stale record is removed and nothing is signalled.';
  static override examples = ['<%= config.bin %> local stop'];

  async run(): Promise<LocalStopResult> {
    const { server, stopped, stale } = stopLocal();
    if (!this.jsonEnabled())
      this.log(
        stopped
          ? `Stopped moto_server (pid ${server!.pid}).`
          : stale
            ? `The record of the local emulator was stale: pid ${server!.pid} is not the moto_server apigw started on port ${server!.port} (it exited; the pid may belong to another process now). Removed the record; signalled nothing.`
            : 'The local emulator was not running.',
      );
    return { stopped, stale };
  }
}
