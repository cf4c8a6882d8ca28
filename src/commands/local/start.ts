import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command';
import { startLocal } from '../../local/moto';
import type { LocalStartResult } from '../../results';

export default class LocalStart extends BaseCommand<typeof LocalStart> {
  static override summary = 'Start the local AWS emulator (moto_server) on 127.0.0.1 in the background.';
  static override description =
    "Then add --local to any command to use it. Needs moto_server (`pip install 'moto[server]'`).";
  static override examples = [
    '<%= config.bin %> local start',
    '<%= config.bin %> local start --port 5001',
    '<%= config.bin %> apply -c apigw.yaml --local --yes',
  ];
  static override flags = {
    port: Flags.integer({ description: 'Port on 127.0.0.1.', default: 4566, min: 1, max: 65535 }),
  };

  async run(): Promise<LocalStartResult> {
    const { server, alreadyRunning } = await startLocal(this.flags.port);
    if (!this.jsonEnabled()) {
      this.log(
        `${alreadyRunning ? 'Already running' : 'Started'}: moto_server at ${server.endpoint} (pid ${server.pid}, log ${server.logFile}).`,
      );
      this.log('Use it with --local, for example: apigw apply -c apigw.yaml --local --yes');
    }
    return { ...server, alreadyRunning };
  }
}
