// Metadata of rules implemented once per language (js/<id>.ts, python/<id>.ts, config/<id>.ts):
// defined here once so the implementations cannot drift apart.
import type { DetectorMeta } from '../../core/types';

export const RULE_META: Record<string, DetectorMeta> = {
  'breaking-change': {
    title: 'Change to a public API that breaks its users',
    family: 'breaking-change',
    severity: 'error',
    confidence: 'high',
  },
  'cors-wildcard-with-credentials': {
    title: 'CORS allows credentials from any origin',
    family: 'insecure-default',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-942', 'CWE-346'],
  },
  'cors-open-to-any-origin': {
    title: 'CORS open to every origin on an authenticated app',
    family: 'insecure-default',
    severity: 'info',
    confidence: 'low',
    cwe: ['CWE-942'],
    // A test's app serves no browser.
    testFiles: 'skip',
  },
  'database-record-in-response': {
    title: 'Whole user record sent to the client',
    family: 'sensitive-data-exposure',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-200', 'CWE-359'],
  },
  'debug-mode-enabled': {
    title: 'Debug mode enabled',
    family: 'insecure-default',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-489', 'CWE-215'],
    fixable: true,
    // Test settings and test servers run in debug on purpose.
    testFiles: 'skip',
  },
  'error-details-in-response': {
    title: 'Error details sent to the client',
    family: 'sensitive-data-exposure',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-209'],
  },
  'insecure-cookie-flags': {
    title: 'Cookie without Secure or HttpOnly',
    family: 'insecure-default',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-614', 'CWE-1004'],
    fixable: true,
  },
  'insecure-randomness': {
    title: 'Predictable randomness for a secret',
    family: 'insecure-default',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-338', 'CWE-330'],
  },
  'jwt-verification-disabled': {
    title: 'JWT accepted without verification',
    family: 'insecure-default',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-347', 'CWE-345'],
    fixable: true,
  },
  // JS/TS in the slow tier (types/phantom-member.ts), Python in the fast one (python/phantom-member.ts).
  'phantom-member': { title: 'Member, import or method the API does not have', family: 'phantom-api', severity: 'error', confidence: 'high', cwe: ['CWE-1059'] },
  'plaintext-http-url': {
    title: 'Plain HTTP URL for a remote API',
    family: 'insecure-default',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-319'],
    fixable: true,
  },
  'missing-security-headers': {
    title: 'Express app without security headers',
    family: 'insecure-default',
    severity: 'info',
    confidence: 'low',
    cwe: ['CWE-693', 'CWE-200'],
    // A test's app serves nobody.
    testFiles: 'skip',
  },
  'plaintext-password': {
    title: 'Password stored or compared in plaintext',
    family: 'sensitive-data-exposure',
    severity: 'error',
    confidence: 'medium',
    cwe: ['CWE-256', 'CWE-312'],
  },
  'query-logging-enabled': {
    title: 'Database queries logged with their values',
    family: 'sensitive-data-exposure',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-532'],
    fixable: true,
    // Test databases hold test data: their query logs expose nothing.
    testFiles: 'skip',
  },
  'rate-limit-key-spoofable': {
    title: 'Rate limit keyed on an address the client can set',
    family: 'insecure-default',
    severity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-348', 'CWE-307'],
    // A test's limiter protects nothing.
    testFiles: 'skip',
  },
  'sensitive-data-in-logs': {
    title: 'Secret or personal data written to a log',
    family: 'sensitive-data-exposure',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-532', 'CWE-359'],
  },
  'tls-verification-disabled': {
    title: 'TLS certificate verification disabled',
    family: 'insecure-default',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-295'],
    fixable: true,
  },
  'weak-password-hash': {
    title: 'Password hashed with a fast digest',
    family: 'insecure-default',
    severity: 'error',
    confidence: 'high',
    cwe: ['CWE-916', 'CWE-328'],
  },
  'world-writable-permissions': {
    title: 'World-writable file permissions',
    family: 'insecure-default',
    severity: 'warning',
    confidence: 'high',
    cwe: ['CWE-732', 'CWE-276'],
    fixable: true,
  },
};
