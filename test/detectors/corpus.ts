// Every rule table defined in this process (ruleTester records it as it defines the tests), so
// test/meta.test.ts can run each detector over the same inputs its own tests use.
import type { LanguageId } from '../../server/src/core/types';
import type { Table } from './harness';

export interface RecordedTable {
  ruleId: string;
  language: LanguageId;
  table: Table;
}

export const TABLES: RecordedTable[] = [];

export function recordTable(ruleId: string, language: LanguageId, table: Table): void {
  TABLES.push({ ruleId, language, table });
}
