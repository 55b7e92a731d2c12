// Languages the dependency detectors read: code imports, manifests and files with install commands.
import type { LanguageId } from '../../../core/types';

export const DEPENDENCY_LANGUAGES: readonly LanguageId[] = [
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python',
  'json', 'toml', 'ini', 'plaintext', 'markdown', 'dockerfile', 'shellscript', 'yaml',
];
