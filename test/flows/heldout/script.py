#!/usr/bin/env python3
"""shopctl — maintenance helper for the shop database and backups.

Usage:
    shopctl.py backup <dir>
    shopctl.py delete-user <email>
    shopctl.py orders <user-id>
    shopctl.py probe <url>
    shopctl.py health
    shopctl.py config <file>
    shopctl.py calc
"""
import os
import shlex
import sqlite3
import subprocess
import sys

import requests
import yaml

DB = os.environ.get("SHOP_DB", "shop.db")
HEALTH_URL = "https://status.example.com/health"


def backup(target):
    # expect: command-injection
    os.system(f"tar czf /backups/{os.path.basename(target)}.tgz {target}")


def backup_quoted(target):
    # ok: command-injection
    os.system(f"tar czf /backups/latest.tgz {shlex.quote(target)}")


def backup_list_args(target):
    # ok: command-injection
    subprocess.run(["tar", "czf", "/backups/latest.tgz", target], check=True)


def vacuum():
    # ok: command-injection
    os.system(f"sqlite3 {os.environ.get('SHOP_DB', 'shop.db')} 'VACUUM;'")


def delete_user(email):
    conn = sqlite3.connect(DB)
    # expect: sql-injection
    conn.execute(f"DELETE FROM users WHERE email = '{email}'")
    conn.commit()


def user_orders(user_id):
    conn = sqlite3.connect(DB)
    # ok: sql-injection
    rows = conn.execute("SELECT id, total FROM orders WHERE user_id = ?", (user_id,)).fetchall()
    for row in rows:
        print(*row)


def rename_user():
    old = input("current username: ")
    new = input("new username: ")
    conn = sqlite3.connect(DB)
    cur = conn.cursor()
    # expect: sql-injection
    cur.execute("UPDATE users SET username = '%s' WHERE username = '%s'" % (new, old))
    conn.commit()


def calc():
    expr = input("expression> ")
    # expect: code-injection
    print(eval(expr))


def health():
    request = {"url": HEALTH_URL, "timeout": 5}
    # ok: server-side-request-forgery
    resp = requests.get(request["url"], timeout=request["timeout"])
    print(resp.status_code)


def probe(url):
    # expect: server-side-request-forgery
    resp = requests.head(url, timeout=5, allow_redirects=False)
    print(resp.status_code, resp.headers.get("server"))


def show_config(path):
    # expect: path-traversal
    with open(path, encoding="utf-8") as fh:
        # ok: unsafe-deserialization
        cfg = yaml.safe_load(fh)
    print(sorted(cfg))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 1
    cmd, args = argv[1], argv[2:]
    if cmd == "backup":
        backup(args[0])
    elif cmd == "backup-safe":
        backup_quoted(args[0])
        backup_list_args(args[0])
    elif cmd == "vacuum":
        vacuum()
    elif cmd == "delete-user":
        delete_user(args[0])
    elif cmd == "orders":
        user_orders(int(args[0]))
    elif cmd == "rename-user":
        rename_user()
    elif cmd == "calc":
        calc()
    elif cmd == "health":
        health()
    elif cmd == "probe":
        probe(args[0])
    elif cmd == "config":
        show_config(args[0])
    else:
        print(__doc__)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
