from django.conf import settings


def site(request):
    """The site's public address, for absolute links in link previews."""
    return {"site_url": settings.SITE_URL}
