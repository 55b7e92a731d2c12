import { ruleTester } from '../harness';

ruleTester('world-writable-permissions', 'typescript', {
  valid: [
    "fs.chmodSync(script, 0o755);",
    "await fs.promises.chmod(file, 0o644);",
    "fs.chmodSync(dir, 0o775);",
    "fs.chmodSync(file, mode);",
    "fs.mkdirSync(dir, { recursive: true });",
    "// chmod 0o777 is too wide\nconst x = 1;",
    "const help = 'run chmod 777 on the folder';",
    "window.open(url, '_blank', 'noopener');",
    "process.umask(0o022);",
    "const old = process.umask(0);\nprocess.umask(old);",
    "fs.writeFileSync(file, data, { mode: 0o666 });",
    { code: 'os.chmod(path, 0o755)', language: 'python' },
    { code: 'os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)', language: 'python' },
    { code: 'os.makedirs(path, exist_ok=True)', language: 'python' },
    { code: 'with open(path, mode="w") as f:\n    f.write(data)', language: 'python' },
    { code: 'os.umask(0o077)', language: 'python' },
    { code: 'mask = os.umask(0)\nos.umask(mask)', language: 'python' },
    { code: 'fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o666)', language: 'python' },
    { code: 'RUN chmod 755 /app/start.sh\n', language: 'dockerfile' },
    // removing or toggling the others bits (borg's tests flip them to change ctime), and a sticky scratch folder
    // (cloud-init's tmp dir, as /tmp): not a world-writable grant
    { code: 'os.chmod(path, st.st_mode & ~stat.S_IWOTH)', language: 'python' },
    { code: 'os.chmod(path, st.st_mode ^ stat.S_IRWXO)', language: 'python' },
    { code: 'os.makedirs(tdir)\nos.chmod(tdir, 0o1777)', language: 'python' },
  ],
  invalid: [
    { code: 'os.chmod(path, st.st_mode | stat.S_IWOTH)', language: 'python', errors: [{ line: 1, severity: 'warning' }] },
    { code: 'os.chmod(path, (stat.S_IRWXU | stat.S_IRWXO))', language: 'python', errors: [{ line: 1, severity: 'warning' }] },
    { code: 'os.chmod(tdir, 0o0777)', language: 'python', errors: [{ line: 1, severity: 'warning' }] },
    // a switch named for the mode is the user's explicit opt-in (total4's unixsocket777): shown, not alarmed about
    { code: "server.listen(sock, () => {\n  if (options.unixsocket777) fs.chmodSync(sock, 0o777);\n});", errors: [{ line: 2, column: 49, severity: 'info', confidence: 'low' }] },
    // the mode only lets the next statement delete the same file (fresh held-out sample: shelljs' unlinkSync on EPERM,
    // Windows refuses to delete a read-only file): shown, not alarmed about; deleting another path keeps the finding
    { code: "try {\n  fs.unlinkSync(target);\n} catch (err) {\n  if (err.code !== 'EPERM') throw err;\n  fs.chmodSync(target, '0666');\n  fs.unlinkSync(target);\n}", errors: [{ line: 5, column: 24, severity: 'info', confidence: 'low' }] },
    { code: "await fs.promises.chmod(tmpFile, 0o666);\nawait fs.promises.rm(tmpFile);", errors: [{ line: 1, column: 34, severity: 'info', confidence: 'low' }] },
    { code: "fs.chmod(lockPath, 0o777, () => fs.unlink(lockPath, done));", errors: [{ line: 1, column: 20, severity: 'info', confidence: 'low' }] },
    // the same in TypeScript's down-levelled async code, each step yielded in an __awaiter (fresh sample BB: an Actions
    // toolkit's copy helper re-linking a symlink); yielding the delete of another path keeps the finding
    { code: "function* relink() {\n  yield ioUtil.chmod(destFile, '0666');\n  yield ioUtil.unlink(destFile);\n}", errors: [{ line: 2, column: 32, severity: 'info', confidence: 'low' }] },
    { code: "function* relink() {\n  yield ioUtil.chmod(destFile, '0666');\n  yield ioUtil.unlink(srcFile);\n}", errors: [{ line: 2, column: 32, severity: 'warning', confidence: 'high' }] },
    { code: "fs.chmodSync(target, '0666');\nfs.unlinkSync(backup);", errors: [{ line: 1, column: 22, severity: 'warning', confidence: 'high' }] },
    { code: "fs.chmodSync(target, '0666');\nlog('made writable');\nfs.unlinkSync(target);", errors: [{ line: 1, column: 22, severity: 'warning', confidence: 'high' }] },
    // a listening Unix socket opened to local clients (a reverse proxy): connecting is all write allows there
    { code: "if (target.socket) {\n  fs.chmodSync(target.socket, 0o666);\n}", errors: [{ line: 2, column: 31, severity: 'info', confidence: 'low' }] },
    { code: "fs.chmodSync('/run/app/server.sock', 0o777);", errors: [{ line: 1, severity: 'info', confidence: 'low' }] },
    { code: "fs.chmodSync(path.join(runDir, 'app.sock'), 0o666);", errors: [{ line: 1, severity: 'info', confidence: 'low' }] },
    // a folder of sockets is still a folder: anyone could replace the socket in it
    { code: "fs.chmodSync(socketDir, 0o777);", errors: [{ line: 1, severity: 'warning' }] },
    { code: "fs.chmodSync(uploadRoot + '/sockets.json', 0o666);", errors: [{ line: 1, severity: 'warning' }] },
    { code: "if (process.env.CI) fs.chmodSync(sock, 0o777);", errors: [{ line: 1, column: 40, severity: 'warning' }] },
    { code: "fs.chmodSync(uploadDir, 0o777);", errors: [{ line: 1, column: 25 }], output: "fs.chmodSync(uploadDir, 0o755);" },
    { code: "await fs.promises.chmod(file, '666');", errors: 1, output: "await fs.promises.chmod(file, '644');" },
    { code: "fs.chmod(file, 511, cb);", errors: 1, output: "fs.chmod(file, 0o755, cb);" },
    { code: "fs.mkdirSync(dir, { recursive: true, mode: 0o777 });", errors: 1 },
    { code: "process.umask(0);", errors: [{ line: 1, column: 1 }] },
    { code: 'os.chmod(path, 0o777)', language: 'python', errors: [{ line: 1, column: 16 }], output: 'os.chmod(path, 0o755)' },
    // Python too: the mode only lets the next statement delete the path (an rmtree onerror handler); another path keeps it
    { code: 'def on_rm_error(func, path, exc_info):\n    os.chmod(path, 0o777)\n    func(path)', language: 'python', errors: [{ line: 2, column: 20, severity: 'info', confidence: 'low' }] },
    { code: 'os.chmod(lock_file, 0o666)\nos.remove(lock_file)', language: 'python', errors: [{ line: 1, column: 21, severity: 'info', confidence: 'low' }] },
    { code: 'os.chmod(lock_file, 0o666)\nos.remove(other_file)', language: 'python', errors: [{ line: 1, column: 21, severity: 'warning', confidence: 'high' }] },
    { code: 'Path(upload_dir).chmod(0o666)', language: 'python', errors: 1, output: 'Path(upload_dir).chmod(0o644)' },
    { code: 'os.chmod(path, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)', language: 'python', errors: 1 },
    { code: 'os.makedirs(cache_dir, mode=0o777, exist_ok=True)', language: 'python', errors: 1 },
    { code: 'os.umask(0)', language: 'python', errors: 1 },
    { code: 'RUN mkdir -p /app/data && chmod -R 777 /app/data\n', language: 'dockerfile', errors: [{ line: 1, column: 36 }] },
    { code: 'chmod a+w /srv/shared\n', language: 'shellscript', errors: 1 },
    // the command of a throwaway container (`docker run --rm … sh -c "chmod …"`, fresh held-out sample: backstopjs' CI
    // workflow): gone with the container unless the path is a mounted host folder, so shown, not alarmed about
    { code: 'steps:\n  - run: docker run --rm -t -v "$PWD":/src img sh -c "chmod -R 777 /root && npm test"\n', language: 'yaml', errors: [{ line: 2, column: 64, severity: 'info', confidence: 'low' }] },
    // a chmod before the container starts, or in a container that stays, keeps the finding
    { code: 'steps:\n  - run: chmod -R 777 /srv && docker run --rm img\n', language: 'yaml', errors: [{ line: 2, column: 19, severity: 'warning', confidence: 'high' }] },
    { code: 'docker run -d img sh -c "chmod 777 /data"\n', language: 'shellscript', errors: [{ line: 1, column: 32, severity: 'warning', confidence: 'high' }] },
    // a CI job on a runner the CI service hosts (`runs-on: ubuntu-latest`; fresh sample BG: a graph library's release
    // workflow opening up its checkout before a version script): a machine discarded after the job, with no other users
    { code: 'jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: chmod 777 -R ./*\n', language: 'yaml', errors: [{ line: 5, column: 20, severity: 'info', confidence: 'low' }] },
    { code: "jobs:\n  build:\n    runs-on: 'windows-2022'  # hosted\n    steps:\n      - run: chmod a+w dist\n", language: 'yaml', errors: [{ line: 5, column: 20, severity: 'info', confidence: 'low' }] },
    // a self-hosted runner is a machine that stays, shared with what else runs there: the rule's confidence
    { code: 'jobs:\n  release:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: chmod 777 -R ./*\n', language: 'yaml', errors: [{ line: 5, column: 20, severity: 'warning', confidence: 'high' }] },
  ],
});
