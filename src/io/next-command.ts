/** The flags of a run that say which account, region or emulator it talked to, and which stack file. */
export interface RunConnection {
  local?: boolean;
  'endpoint-url'?: string;
  region?: string;
  profile?: string;
  config?: string;
}

const DEFAULT_CONFIG = 'apigw.yaml';

/** Quotes a value for a POSIX shell when it has anything but safe characters. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * `apigw <command>` as the next thing to run, carrying the connection flags this run was given
 * (--local, --endpoint-url, --region, --profile) and its stack file when it is not the default, so
 * following a "Next:" line or a hint talks to the same account or emulator, never another one.
 * `command` may already name a stack file (`-c FILE`); then the run's file is not added.
 */
export function nextCommand(command: string, run: RunConnection): string {
  const words = [`apigw ${command}`];
  const hasConfig = /(^|\s)(-c|--config)(\s|=)/.test(command);
  if (!hasConfig && run.config && run.config !== DEFAULT_CONFIG) words.push(`-c ${shellWord(run.config)}`);
  if (run.local) words.push('--local');
  if (run['endpoint-url']) words.push(`--endpoint-url ${shellWord(run['endpoint-url'])}`);
  if (run.region) words.push(`--region ${shellWord(run.region)}`);
  if (run.profile) words.push(`--profile ${shellWord(run.profile)}`);
  return words.join(' ');
}
