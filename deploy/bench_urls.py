"""`make bench`'s yardstick: the site's URLs plus one minimal Django page, measured the same way
in the same run, so each page's render time can also be given as a multiple of it (this
machine's speed drifts from one minute to the next; a ratio does not).

The minimal page is what any server-rendered Django page costs at least: a function view, three
small queries of one table each and a template (compiled once, as Django's cached loader keeps them) that renders
about 16 KB of HTML. It goes through every middleware, the page cache included.

Used only by deploy/bench.py, as ROOT_URLCONF of its in-process measurements.
"""

import functools

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from articles.models import Exercise, Section
from faq.models import Entry

CALIBRATION_PATH = "/bench/minimal-page/"
FILLER = (
    "<p>Runner's knee is pain around or behind the kneecap. It usually settles with load "
    "management and strengthening of the hip and the thigh, over weeks rather than days.</p>\n"
)
TEMPLATE = (
    "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{{ title }}</title></head>"
    "<body><main><h1>{{ title }}</h1>\n"
    + FILLER
    * 80
    + "{% for name, items in lists %}<h2>{{ name }}</h2><ul>"
    "{% for item in items %}<li><a href='/item/{{ item.pk }}/'>{{ item }}</a></li>{% endfor %}"
    "</ul>{% endfor %}\n</main></body></html>\n"
)


@functools.cache
def template():
    return engines["django"].from_string(TEMPLATE)


def minimal_page(request):
    # Three plain queries of one table each: a page's content can hardly cost less.
    lists = [
        ("Guide sections", list(Section.objects.order_by("pk")[:10])),
        ("Exercises", list(Exercise.objects.order_by("pk")[:10])),
        ("Questions", list(Entry.objects.order_by("pk")[:10])),
    ]
    html = template().render({"title": "A minimal page", "lists": lists}, request)
    return HttpResponse(html)


urlpatterns = [
    path(CALIBRATION_PATH.strip("/") + "/", minimal_page),
    path("", include("kneesite.urls")),
]
handler404 = "kneesite.views.page_not_found"
handler500 = "kneesite.views.server_error"
