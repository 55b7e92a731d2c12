// Fallback probe when GNU time is missing: writes this Node process's "<maxRSS KB> <user s> <system s>" at exit.
const { writeFileSync } = require('node:fs');

const out = process.env.VOUCH_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      writeFileSync(out, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}`);
    } catch {
      // Best effort only.
    }
  });
}
