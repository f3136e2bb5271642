/** The Replens version, injected by the bundler; falls back to package.json when run from source. */
declare const REPLENS_VERSION: string | undefined;

function readVersion(): string {
  if (typeof REPLENS_VERSION === 'string') {
    return REPLENS_VERSION;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

export const engineVersion: string = readVersion();
