import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors';

/** The two files the SDK reads profiles from, where it reads them (the variables, else ~/.aws). */
export function sharedFiles(): { config: string; credentials: string } {
  const home = process.env.HOME || homedir();
  return {
    config: process.env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentials: process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Profile names a file defines, as the SDK reads them: in the config file `[profile NAME]` and
 * `[default]`; in the credentials file every `[NAME]`.
 */
export function profileNames(text: string, kind: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]+?)\s*\]/.exec(raw);
    if (!m) continue;
    const section = m[1]!;
    if (kind === 'credentials') names.push(section);
    else if (section === 'default') names.push('default');
    else {
      const p = /^profile\s+(.+)$/.exec(section);
      if (p) names.push(p[1]!.trim());
    }
  }
  return names;
}

/**
 * The error for `--profile NAME` (or AWS_PROFILE) when neither shared file defines it, before any
 * AWS call: the SDK would otherwise go on to the instance metadata service and end with "could not
 * load credentials from any providers", which names neither the profile nor the files.
 */
export function missingProfile(profile: string): UserError | undefined {
  const files = sharedFiles();
  const config = read(files.config);
  const credentials = read(files.credentials);
  const known = [
    ...(config ? profileNames(config, 'config') : []),
    ...(credentials ? profileNames(credentials, 'credentials') : []),
  ];
  if (known.includes(profile)) return undefined;
  const seen = (file: string, text: string | undefined) =>
    `${file}${text === undefined ? ' (not found)' : ''}`;
  const others = [...new Set(known)];
  return new UserError(
    `The AWS profile '${profile}' is not defined in ${seen(files.config, config)} or ${seen(files.credentials, credentials)}.`,
    [
      others.length
        ? `Profiles found: ${others.join(', ')}. Pass one of them with --profile (or AWS_PROFILE).`
        : 'No profiles were found in those files.',
      `Create it with \`aws configure --profile ${profile}\` (or \`aws configure sso --profile ${profile}\`), or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at the files that define it.`,
    ],
    'NO_SUCH_PROFILE',
  );
}
