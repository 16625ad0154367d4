from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path, re_path

from articles.sitemaps import ArticleSitemap, ExerciseSitemap
from faq.sitemaps import EntrySitemap
from kneesite import markdownx_endpoints, views
from kneesite.readers import read_only

handler404 = "kneesite.views.page_not_found"
handler500 = "kneesite.views.server_error"

admin.site.site_header = "kneesite authors"
admin.site.site_title = "kneesite admin"
admin.site.index_title = "Content"

SITEMAPS = {"guide": ArticleSitemap, "exercises": ExerciseSitemap, "faq": EntrySitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("sitemap.xml", read_only(sitemap_view), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("search/", views.search_page, name="search"),
    path("", include("articles.urls")),
    path("faq/", include("faq.urls")),
    path("admin/recent-changes/", views.recent_changes, name="recent_changes"),
    path("admin/", admin.site.urls),
    # The paths markdownx's widget posts to (MARKDOWNX_URLS_PATH, MARKDOWNX_UPLOAD_URLS_PATH).
    path("markdownx/markdownify/", markdownx_endpoints.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", markdownx_endpoints.upload, name="markdownx_upload"),
]

if settings.LOCAL:
    # Local use only; in production the proxy serves MEDIA_ROOT.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media_file)]
