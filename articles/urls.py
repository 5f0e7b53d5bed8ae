from django.urls import path

from .views import public, share

app_name = "articles"

urlpatterns = [
    path("", public.home, name="home"),
    path("news/<slug:slug>/", public.article, name="article"),
    path("news/<slug:slug>/related/", public.related, name="related"),
    path("section/<slug:slug>/", public.section, name="section"),
    path("author/<slug:slug>/", public.author, name="author"),
    path("tag/<slug:slug>/", public.tag, name="tag"),
    path("preview/<str:token>/", share.shared_draft, name="shared_draft"),
]
