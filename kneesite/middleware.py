from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.template.loader import render_to_string

from kneesite.paths import is_local_path


class MethodNotAllowedPageMiddleware:
    """Give a 405 (a POST to a page that only reads, say) the site's own page instead of
    Django's empty body, keeping the Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


class SameSiteRedirectFallbackMiddleware(RedirectFallbackMiddleware):
    """contrib.redirects, but a redirect only ever leads to a page of this site, and an old
    address matches whatever its query string (a shared link's `?fbclid=...`): tracking
    parameters were already dropped (kneesite/cache.py), any others are carried over, even
    those the old address's view does not read (clean_query keeps them as `query_as_sent`)."""

    def process_response(self, request, response):
        read = request.META.get("QUERY_STRING", "")
        request.META["QUERY_STRING"] = getattr(request, "query_as_sent", read)
        try:
            return self._redirect(request, response)
        finally:
            request.META["QUERY_STRING"] = read

    def _redirect(self, request, response):
        redirected = super().process_response(request, response)
        query = request.META.get("QUERY_STRING", "")
        if redirected is response and query:
            request.META["QUERY_STRING"] = ""
            try:
                redirected = super().process_response(request, response)
            finally:
                request.META["QUERY_STRING"] = query
            if redirected is not response and redirected.has_header("Location"):
                location = redirected["Location"]
                redirected["Location"] = f"{location}{'&' if '?' in location else '?'}{query}"
        leaves_site = redirected.has_header("Location") and not is_local_path(redirected["Location"])
        return response if redirected is not response and leaves_site else redirected
