import { BaseCommand } from '../../base-command';
import { stopLocal } from '../../local/moto';

export default class LocalStop extends BaseCommand<typeof LocalStop> {
  static override summary = 'Stop the local emulator started by `apigw local start`.';
  static override examples = ['<%= config.bin %> local stop'];

  async run() {
    const server = stopLocal();
    if (!this.jsonEnabled())
      this.log(server ? `Stopped moto_server (pid ${server.pid}).` : 'The local emulator was not running.');
    return { stopped: Boolean(server) };
  }
}
