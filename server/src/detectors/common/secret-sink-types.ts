// Shapes of the `secret-sinks` fact and of its data pack (rules/secret-sinks/sinks.json).
type Lang = 'js' | 'python';
interface ArgSpec { index?: number; option?: string; kwarg?: string; item?: number; url?: boolean }
export interface CallSpec { language: Lang; role?: SinkRole; callee?: string[]; method?: string[]; receiver?: string; args: ArgSpec[]; constantWith?: ArgSpec[]; what: string; env: string }
export interface SettingSpec { language: Lang; names?: string[]; members?: string[]; keys?: string[]; what: string; env: string }
export interface SinkPack { calls: CallSpec[]; settings: SettingSpec[] }

/** How the literal reaches the sink (directly, the fallback of an env read or another lookup, compared); its role. */
export type SinkHow = 'sink' | 'fallback' | 'fallback-other' | 'compare';
export type SinkRole = 'secret' | 'check';

/** A literal (offsets inside its quotes), what it is used as ("the JWT key"), where, the variable a fix reads. */
export interface SinkSecret { start: number; end: number; value: string; how: SinkHow; role: SinkRole; what: string; where: string; env: string; fixable: boolean; url?: boolean; hashOnly?: boolean }
export type At = Pick<SinkSecret, 'role' | 'what' | 'where' | 'env' | 'url' | 'hashOnly'>;
/** A sink's value read from another module (`config.secret`): span of the expression, the module and member path. */
export type ImportedSink = At & { start: number; end: number; how: SinkHow; module: string; path: readonly string[] };
/** What the fact finds: literals at sinks in this file, and values that sinks read from other modules (slow tier). */
export interface SinkScan { readonly literals: readonly SinkSecret[]; readonly imported: readonly ImportedSink[] }
