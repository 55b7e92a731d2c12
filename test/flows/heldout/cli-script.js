#!/usr/bin/env node
'use strict';

// ops.js — small operations helper for the shop deployment.
// Usage: node ops.js <command> [args...]

const { execSync, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');

const LOG_DIR = '/var/log/shop';
const db = new Database(process.env.DB_PATH || '/srv/shop/app.db');

function deploy(branch) {
  // expect: command-injection
  execSync(`git fetch origin && git checkout ${branch} && npm ci --omit=dev`, { stdio: 'inherit', cwd: '/srv/shop' });
}

function deploySafe(branch) {
  // ok: command-injection
  execFileSync('git', ['checkout', branch], { stdio: 'inherit', cwd: '/srv/shop' });
}

function backup() {
  const stamp = new Date().toISOString().slice(0, 10);
  // ok: command-injection
  execSync(`sqlite3 ${process.env.DB_PATH || '/srv/shop/app.db'} ".backup /backups/shop-${stamp}.db"`, { stdio: 'inherit' });
}

function deleteUser(email) {
  // expect: sql-injection
  const info = db.exec(`DELETE FROM users WHERE email = '${email}'`);
  console.log('deleted', info);
}

function showUser(id) {
  // ok: sql-injection
  const row = db.prepare('SELECT id, email, created_at FROM users WHERE id = ?').get(Number(id));
  console.log(row || 'no such user');
}

function countUsers(domain) {
  // ok: sql-injection
  const row = db.prepare("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%' || ? ").get('@' + domain);
  console.log(row.n);
}

function tailLog(name) {
  // expect: path-traversal
  const text = fs.readFileSync(path.join(LOG_DIR, name), 'utf8');
  process.stdout.write(text.split('\n').slice(-50).join('\n'));
}

function tailLogSafe(name) {
  // ok: path-traversal
  const text = fs.readFileSync(path.join(LOG_DIR, path.basename(name)), 'utf8');
  process.stdout.write(text.split('\n').slice(-50).join('\n'));
}

function calc(parts) {
  const expression = parts.join(' ');
  // expect: code-injection
  console.log(eval(expression));
}

const [, , command, ...rest] = process.argv;

switch (command) {
  case 'deploy':
    deploy(rest[0] || 'main');
    break;
  case 'deploy-safe':
    deploySafe(rest[0] || 'main');
    break;
  case 'backup':
    backup();
    break;
  case 'delete-user':
    deleteUser(rest[0]);
    break;
  case 'show-user':
    showUser(rest[0]);
    break;
  case 'count-users':
    countUsers(rest[0] || 'example.com');
    break;
  case 'tail':
    tailLog(rest[0] || 'app.log');
    break;
  case 'tail-safe':
    tailLogSafe(rest[0] || 'app.log');
    break;
  case 'calc':
    calc(rest);
    break;
  default:
    console.error('usage: ops.js <deploy|backup|delete-user|show-user|count-users|tail|calc> [args]');
    process.exit(1);
}
