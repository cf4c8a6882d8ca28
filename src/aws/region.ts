import { readFileSync } from 'node:fs';
import { sharedFiles } from './profile';

/**
 * Which region a run uses: the flag, the stack file, the environment, then the profile's `region`
 * in the shared config file — the order the SDK itself uses, read without loading any SDK client
 * (start-up is budgeted, and `cost` must work on a machine with no AWS setup).
 */
export function resolveRegion(from: { flag?: string; stack?: string; profile?: string }): string | undefined {
  const env = process.env;
  return (
    from.flag ?? from.stack ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? configFileRegion(from.profile)
  );
}

function configFileRegion(profile = 'default'): string | undefined {
  let text: string;
  try {
    text = readFileSync(sharedFiles().config, 'utf8');
  } catch {
    return undefined;
  }
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (section) inside = section[1] === profile;
    else if (inside) {
      const m = /^region\s*=\s*([a-z0-9-]+)/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}
