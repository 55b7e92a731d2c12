const { Octokit } = require('@octokit/rest');

// expect: github-token
const octokit = new Octokit({ auth: 'ghp_rmeDMmuCRPFGQ5eNLUmciSnXBjeBf2BvRR4j' });

// ok: github-token
const ci = new Octokit({ auth: process.env.GITHUB_TOKEN });

// ok: github-token
const TOKEN_PREFIXES = ['ghp_', 'gho_', 'ghs_', 'github_pat_'];

// ok: github-token
const docs = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';

module.exports = { octokit, ci, TOKEN_PREFIXES, docs };
