"""The two roles, as groups. "Authors" may add and change the site's content (and the redirects
that slug changes leave), but not manage users or groups; their changes to what readers see wait
for review (kneesite/review.py). "Clinical reviewers" may do the same and approve changes: theirs
go live at once. Migrations 0003, 0007, 0021 and 0024 create them; tests that empty the database
create them again."""

from django.contrib.auth.management import create_permissions

AUTHORS_GROUP = "Authors"
REVIEWERS_GROUP = "Clinical reviewers"
# What reviewers may do besides an author's work: approve changes, and see the list of them.
REVIEWERS_PERMISSIONS = {"kneesite": ["approve_change", "view_pendingchange"]}
# Everything authors may add, change, publish and delete; not users or groups.
AUTHORS_MODELS = {
    "articles": ["article", "section", "exercise", "source", "question", "choice", "redflag", "runningstage"],
    "faq": ["entry"],
    "redirects": ["redirect"],
}
ACTIONS = ["add", "change", "delete", "view"]


def grant_authors(apps, content_models=AUTHORS_MODELS):
    """Give the Authors and Clinical reviewers groups (created if missing) full rights over the
    content models that exist in `apps` (a migration's historical models, or the project's), and
    reviewers the right to approve changes, once that permission exists."""
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)  # unset in a migration's registry
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    authors, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    for app_label, models in content_models.items():
        codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
        rights = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        authors.permissions.add(*rights)
        reviewers.permissions.add(*rights)
    for app_label, codenames in REVIEWERS_PERMISSIONS.items():
        reviewers.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
