from django.urls import path

from . import feeds
from .caching import public_page
from .views import discovery, public, share

app_name = "articles"

urlpatterns = [
    path("", public.home, name="home"),
    path("news/<slug:slug>/", public.article, name="article"),
    path("news/<slug:slug>/related/", public.related, name="related"),
    path("section/<slug:slug>/", public.section, name="section"),
    path("author/<slug:slug>/", public.author, name="author"),
    path("tag/<slug:slug>/", public.tag, name="tag"),
    path("search/", discovery.search, name="search"),
    path("robots.txt", discovery.robots_txt, name="robots"),
    path("sitemap.xml", discovery.sitemap_index, name="sitemap-index"),
    path("sitemap-<section>.xml", discovery.sitemap_section, name="sitemap-section"),
    path("feeds/latest/rss/", public_page(feeds.LatestStories()), name="feed-latest-rss"),
    path("feeds/latest/atom/", public_page(feeds.LatestStoriesAtom()), name="feed-latest-atom"),
    path(
        "feeds/section/<slug:slug>/rss/",
        public_page(feeds.SectionStories()),
        name="feed-section-rss",
    ),
    path(
        "feeds/section/<slug:slug>/atom/",
        public_page(feeds.SectionStoriesAtom()),
        name="feed-section-atom",
    ),
    path(
        "feeds/author/<slug:slug>/rss/", public_page(feeds.AuthorStories()), name="feed-author-rss"
    ),
    path(
        "feeds/author/<slug:slug>/atom/",
        public_page(feeds.AuthorStoriesAtom()),
        name="feed-author-atom",
    ),
    path("feeds/tag/<slug:slug>/rss/", public_page(feeds.TagStories()), name="feed-tag-rss"),
    path(
        "feeds/tag/<slug:slug>/atom/", public_page(feeds.TagStoriesAtom()), name="feed-tag-atom"
    ),
    path("preview/<str:token>/", share.shared_draft, name="shared_draft"),
    path("preview/<str:token>/viewed/", share.shared_draft_viewed, name="shared_draft_viewed"),
]
