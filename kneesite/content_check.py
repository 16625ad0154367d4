"""The content check (`manage.py check_content`, run by `make test`): what is wrong with the
shipped files, before any of them reaches a database."""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.core.exceptions import ValidationError

from kneesite.content_files import Ref
from kneesite.content_loader import shipping_apps
from kneesite.markdown_checks import content_named, local_links


def problems(items):
    """What is wrong with the shipped files, as a list of messages (empty when all is well):
    links by slug or key that point nowhere, values a model's field refuses (length, choices,
    numbers, required text), Markdown links to pages that will not exist, each app's own rules
    (its `shipped.check(items)`), and fewer items than the content brief asks for (its
    `shipped.AT_LEAST`, {model label: count})."""
    found = []
    shipped = {(item.model.lower(), item.identity) for item in items}
    for item in items:
        model = global_apps.get_model(item.model)
        refs = [*item.lookup.values(), *item.fields.values()]
        refs += [ref for many in item.relations.values() for ref in many]
        for ref in refs:
            if isinstance(ref, Ref) and (ref.model.lower(), ref.identity) not in shipped:
                found.append(f"{item.source}: links to {ref.model} “{ref.identity}”, which is not shipped")
        found += _field_problems(model, item)
        for source_field, _ in getattr(model, "markdown_fields", ()):
            for href in local_links(item.fields.get(source_field, "")):
                if not _leads_to_a_shipped_page(href, shipped):
                    found.append(f"{item.source}: the link to {href} leads to no page")
    for _, module in shipping_apps():
        if hasattr(module, "check"):
            found += module.check(items)
        for label, count in getattr(module, "AT_LEAST", {}).items():
            ships = sum(1 for item in items if item.model.lower() == label.lower())
            if ships < count:
                found.append(f"{label}: the content brief asks for at least {count}; the files ship {ships}")
    return found


def _field_problems(model, item):
    """The model's own field rules on the shipped values (links are checked by name instead)."""
    links = [f.name for f in model._meta.get_fields() if f.is_relation]
    plain = {
        name: value
        for name, value in {**item.lookup, **item.fields, **item.create}.items()
        if name not in links and not isinstance(value, Ref)
    }
    try:
        model(**plain).clean_fields(
            exclude=[*links, *(f.name for f in model._meta.fields if f.name not in plain)]
        )
    except ValidationError as error:
        return [
            f"{item.source}: {item.identity}: {name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    except (TypeError, ValueError) as error:
        return [f"{item.source}: {item.identity}: {error}"]
    return []


def _leads_to_a_shipped_page(href, shipped):
    """Whether `href` opens a page once the shipped items (`shipped`: {(model label, identity)})
    are loaded: a page that is no piece of content, or a shipped item's (and its #anchor's)."""
    parts = urlsplit(href)
    named = content_named(parts.path)
    if named is None:
        return False
    model, lookup = named
    if model is None:
        return True
    if (model._meta.label_lower, lookup["slug"]) not in shipped:
        return False
    if not parts.fragment or not hasattr(model, "anchors_from"):
        return True
    anchor_model = model._meta.get_field(model.anchors_from).related_model
    return (anchor_model._meta.label_lower, parts.fragment) in shipped
