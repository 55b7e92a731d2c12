# HTML e-mail and page rendering for a small Flask service with its own Jinja environment.
import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

# expect: unescaped-template-output
pages = Environment(loader=FileSystemLoader("templates"))

# ok: unescaped-template-output
safe_pages = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))


def render_profile(user):
    return pages.get_template("profile.html").render(user=user)


def render_safe(user):
    return safe_pages.get_template("profile.html").render(user=user)
