// The version stamped into reports; esbuild defines VOUCH_VERSION from package.json.
declare const VOUCH_VERSION: string | undefined;
export const VERSION: string = typeof VOUCH_VERSION === 'string' ? VOUCH_VERSION : '0.0.0-dev';
