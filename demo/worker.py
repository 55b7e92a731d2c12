"""Nightly export job, as an assistant wrote it: one import names a package nobody ever published."""
import csv
import io

import flask_session_guard  # the assistant's invented helper: not on PyPI, so anyone could register it


def export_orders(orders):
    flask_session_guard.protect_export(orders)
    out = io.StringIO()
    csv.writer(out).writerows(orders)
    return out.getvalue()
