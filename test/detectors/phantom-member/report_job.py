# A report job in the style assistants write when they mix Python 2 and JavaScript habits.
import os
import string
import urllib
from collections import OrderedDict
# expect: phantom-member
from itertools import izip
from pathlib import Path

try:
    # ok: phantom-member
    from urllib import urlencode
except ImportError:
    from urllib.parse import urlencode


class Queue:
    def push(self, item):
        self.items.append(item)


def build_rows(records):
    rows = []
    totals = {}
    for record in records:
        # expect: phantom-member
        rows.push(record)
        totals[record["kind"]] = totals.get(record["kind"], 0) + 1
    # expect: phantom-member
    for kind, count in totals.iteritems():
        print(kind, count)
    # ok: phantom-member
    ordered = OrderedDict(sorted(totals.items()))
    queue = Queue()
    # ok: phantom-member
    queue.push(ordered)
    return rows


def write_report(rows, name):
    # expect: phantom-member
    out = Path(os.getcwdu()).joinpath(name)
    # ok: phantom-member
    header = string.ascii_letters[:3]
    # ok: phantom-member (a parameter's class is not known)
    if not name.startwith("report"):
        return None
    # expect: phantom-member
    out.write_txt(header + "\n".join(str(r) for r in rows))
    # ok: phantom-member
    return urlencode({"file": out.name})
