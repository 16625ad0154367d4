"""Loaders for the guide and the self-check as shipped (the data is in guide.py and
self_check.py), and the Authors group. Called by data migrations and by
`kneesite.shipped.load_shipped_content`."""

from django.contrib.auth.management import create_permissions

from kneesite.shipped import PUB_DATE, REVIEW_DATES, Loader, md

from . import guide, self_check

AUTHORS_GROUP = "Authors"
# Everything authors may add, change, publish and delete; not users or groups.
AUTHORS_MODELS = {
    "articles": ["article", "section", "exercise", "source", "question", "choice", "redflag"],
    "faq": ["entry"],
    "redirects": ["redirect"],
}
ACTIONS = ["add", "change", "delete", "view"]
PUBLISHED = {"is_published": True, "pub_date": PUB_DATE}


def grant_authors(apps, content_models=AUTHORS_MODELS):
    """Give the Authors group (created if missing) full rights over the content models that
    exist in `apps`."""
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)  # unset in a migration's registry
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    for app_label, models in content_models.items():
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def load_guide(apps, using, *, first_load):
    loader = Loader(apps, using, first_load=first_load)
    sources = {
        key: loader.sync("articles.Source", {"citation": data["citation"]}, {"url": data["url"]})
        for key, data in guide.SOURCES.items()
    }
    fields = ["title", "summary", "position", "last_reviewed", "next_review_due"]
    article = loader.sync(
        "articles.Article",
        {"slug": guide.ARTICLE["slug"]},
        {name: guide.ARTICLE[name] for name in fields},
        create=PUBLISHED,
    )
    if article is None:
        return
    sections = {}
    for data in guide.SECTIONS:
        sections[data["slug"]] = loader.sync(
            "articles.Section",
            {"slug": data["slug"]},
            {
                "article": article,
                "title": data["title"],
                "position": data["position"],
                "body": md(data["body"]),
                **REVIEW_DATES,
            },
            relations={"sources": [sources[key] for key in data["sources"]]},
            markdown=["body"],
            create=PUBLISHED,
        )
    for data in guide.EXERCISES:
        section = sections.get(data["section"])
        if section is None:
            continue  # an author deleted its section
        loader.sync(
            "articles.Exercise",
            {"slug": data["slug"]},
            {
                "section": section,
                **{name: data[name] for name in ("position", "title", "trains", "focus", "dosage")},
                "days_per_week": data.get("days_per_week"),
                "shipped_illustration": f"img/exercises/{data['slug']}.svg",
                "illustration_alt": data["illustration_alt"],
                **REVIEW_DATES,
                **{name: md(data[name]) for name in ("steps", "progression", "stop_if")},
            },
            relations={"sources": [sources[key] for key in data["sources"]]},
            markdown=["steps", "progression", "stop_if"],
            create=PUBLISHED,
        )


def load_self_check(apps, using, *, first_load):
    loader = Loader(apps, using, first_load=first_load)
    red_flags = {}
    for key, data in self_check.RED_FLAGS.items():
        red_flags[key] = loader.sync(
            "articles.RedFlag",
            {"title": data["title"]},
            {
                "level": data["level"],
                "what_to_do": data.get("what_to_do", self_check.WHAT_TO_DO[data["level"]]),
                "why": data["why"],
                "source": data["source"],
                "sees_someone_first": data.get("sees_someone_first", False),
            },
        )
    Exercise, Section = loader.objects("articles.Exercise"), loader.objects("articles.Section")
    for data in self_check.QUESTIONS:
        question = loader.sync(
            "articles.Question",
            {"slug": data["slug"]},
            {
                "text": data["text"],
                "hint": data.get("hint", ""),
                "kind": data["kind"],
                "position": data["position"],
                "is_warning_step": data.get("is_warning_step", False),
            },
            create=PUBLISHED,
        )
        if question is None:
            continue
        for position, choice in enumerate(data["choices"], start=1):
            loader.sync(
                "articles.Choice",
                {"question": question, "slug": choice["slug"]},
                {
                    "label": choice["label"],
                    "hint": choice.get("hint", ""),
                    "position": choice.get("position", position * 10),
                    "reason": choice.get("reason", ""),
                    "red_flag": red_flags.get(choice.get("red_flag")),
                    "is_exclusive": choice.get("is_exclusive", False),
                    "running_change": choice.get("running_change", 0),
                },
                relations={
                    "exercises": Exercise.filter(slug__in=choice.get("exercises", [])),
                    "sections": Section.filter(slug__in=choice.get("sections", [])),
                },
            )
