"""Restoring (or recovering) an old version whose links point at items deleted since: the
version is restored without those links, and the author is told which were left out. A version
restores more than the item on the page (a question's answer choices come back with it), so
every item restored with it is checked."""

from reversion.models import Version


def restored_items(obj, revision=None):
    """`obj` first, then every other item `revision` (a reversion Revision, or None outside a
    restore) brought back with it, as the database now holds them (inside the restore's
    transaction: reverted)."""
    items = [obj]
    for version in revision.version_set.all() if revision is not None else []:
        model = version._model
        if model is None or (model is type(obj) and version.object_id == str(obj.pk)):
            continue
        items.extend(model._base_manager.filter(pk=version.object_id))
    return items


def dangling_links(items):
    """What `items` (from `restored_items`) link to that no longer exists:
    [(label, [item names])], names taken from the items' last stored versions. The first item's
    labels are its fields' names; another's also name it (“exercises of the answer choice “…””).
    A many-to-many link appears when an old version was reverted in this transaction; a foreign
    key, when a recovered item's parent is gone or a restored one points at a deleted item."""
    found = []
    for position, obj in enumerate(items):
        for field, missing in _missing_targets(obj):
            label = str(field.verbose_name)
            if position:
                label = f"{label} of the {obj._meta.verbose_name} “{obj}”"
            found.append((label, [_last_known_name(field.related_model, pk) for pk in missing]))
    return found


def drop_dangling_links(items):
    """Remove `items`' links to items that no longer exist (they would fail the database's
    foreign key check at commit): many-to-many rows are deleted, an optional foreign key is
    cleared. A required foreign key stays: the page's form asks for another (on the item it
    edits)."""
    for obj in items:
        for field, _missing in _missing_targets(obj):
            if field.many_to_many:
                existing = field.related_model._base_manager.values("pk")
                _through_rows(obj, field).exclude(**{f"{_target_column(field)}__in": existing}).delete()
            elif field.null:
                type(obj)._base_manager.filter(pk=obj.pk).update(**{field.attname: None})
                setattr(obj, field.attname, None)


def _missing_targets(obj):
    """[(relation field, [keys of deleted items it still links to])] for `obj`."""
    found = []
    for field in [*obj._meta.many_to_many, *obj._meta.concrete_fields]:
        if not field.is_relation or not field.remote_field:
            continue
        target = field.related_model
        if field.many_to_many:
            missing = list(
                _through_rows(obj, field)
                .exclude(**{f"{_target_column(field)}__in": target._base_manager.values("pk")})
                .values_list(_target_column(field), flat=True)
            )
        else:
            key = getattr(obj, field.attname)
            missing = [key] if key is not None and not target._base_manager.filter(pk=key).exists() else []
        if missing:
            found.append((field, missing))
    return found


def _through_rows(obj, field):
    through = field.remote_field.through
    return through._base_manager.filter(**{field.m2m_column_name(): obj.pk})


def _target_column(field):
    return field.m2m_reverse_name()


def _last_known_name(model, pk):
    version = Version.objects.get_for_object_reference(model, pk).first()
    return f"“{version.object_repr}”" if version else f"number {pk}"
