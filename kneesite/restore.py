"""Restoring (or recovering) an old version whose links point at items deleted since: the
version is restored without those links, and the author is told which were left out."""

from reversion.models import Version


def dangling_links(obj):
    """What `obj` links to that no longer exists: [(field verbose name, [item names])], names
    taken from the items' last stored versions. A many-to-many link appears when an old version
    was reverted in this transaction; a foreign key, when a recovered item's parent is gone."""
    found = []
    for field in [*obj._meta.many_to_many, *obj._meta.concrete_fields]:
        if not field.is_relation or not field.remote_field:
            continue
        target = field.related_model
        existing = target._base_manager.values("pk")
        if field.many_to_many:
            missing = list(
                _through_rows(obj, field)
                .exclude(**{f"{_target_column(field)}__in": existing})
                .values_list(_target_column(field), flat=True)
            )
        else:
            key = getattr(obj, field.attname)
            missing = [key] if key is not None and not target._base_manager.filter(pk=key).exists() else []
        if missing:
            found.append((str(field.verbose_name), [_last_known_name(target, pk) for pk in missing]))
    return found


def drop_dangling_links(obj):
    """Remove `obj`'s many-to-many links to items that no longer exist (they would fail the
    database's foreign key check at commit)."""
    for field in obj._meta.many_to_many:
        existing = field.related_model._base_manager.values("pk")
        _through_rows(obj, field).exclude(**{f"{_target_column(field)}__in": existing}).delete()


def _through_rows(obj, field):
    through = field.remote_field.through
    return through._base_manager.filter(**{field.m2m_column_name(): obj.pk})


def _target_column(field):
    return field.m2m_reverse_name()


def _last_known_name(model, pk):
    version = Version.objects.get_for_object_reference(model, pk).first()
    return f"“{version.object_repr}”" if version else f"number {pk}"
