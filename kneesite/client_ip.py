"""The client's address for throttled logins (django-axes: AXES_CLIENT_IP_CALLABLE).

Behind DJANGO_PROXY_COUNT trusted proxies, the client is the address those proxies saw: counted
from the right of X-Forwarded-For, where each proxy appends what it saw. Anything further left
came from the client itself and could be made up, so it is never used."""

from django.conf import settings


def client_ip(request):
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
