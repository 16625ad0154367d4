"""Reading the shipped content files: what an app's `shipped.py` builds its items with (the
loader, kneesite/content_loader.py, and the check, kneesite/content_check.py, then use them).

File formats
    - A Markdown file per page-like item (a guide section, an exercise, a FAQ entry): YAML front
      matter between `---` lines holds its fields, named as the model's fields, and its links to
      other items by slug (sources by their key); the body is its Markdown text, with `\\n` line
      endings. Read with python-frontmatter.
    - An item with several Markdown fields (an exercise: steps, how to progress, stop if) splits
      its body at level-2 headings, in a fixed order (`split_body`): `## Steps`, `## How to
      progress`, `## Stop if`. Anything inside starts its own headings at `###`.
    - YAML files (PyYAML) for structured data: the guide itself, its sources, the self-check's
      red flags, questions and answer choices.
    - `pub_date` is the publication time an item gets when it is first created; it is never
      updated afterwards (an author may unpublish or reschedule it).
"""

from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.conf import settings


class ContentError(Exception):
    """A content file that cannot be read: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Ref:
    """A link to another shipped item by the name it ships under, e.g. Ref("articles.Section",
    "stretching")."""

    model: str
    identity: str


@dataclass
class Item:
    """One shipped item, as its files describe it.

    model: "app_label.ModelName"; identity: the name it ships under (a slug, a source's key,
    "question-slug/choice-slug"); lookup: the fields that find its row on a site loaded before
    items were remembered (its natural key); fields: field name -> value (a foreign key's value
    is a Ref); relations: many-to-many field name -> list of Ref; create: values set only when the
    item is created (publication); source: the file it comes from, for messages."""

    model: str
    identity: str
    lookup: dict
    fields: dict
    relations: dict = field(default_factory=dict)
    create: dict = field(default_factory=dict)
    source: str = ""


class Fields(dict):
    """Front matter or a YAML mapping: a missing required key names the file it is missing from."""

    def __init__(self, data, where):
        if not isinstance(data, dict):
            raise ContentError(f"{where}: expected key: value pairs, found {type(data).__name__}")
        super().__init__(data)
        self.where = where

    def __missing__(self, key):
        raise ContentError(f"{self.where}: “{key}” is missing")

    def names(self, key):
        """A list of slugs or keys; absent means none."""
        value = self.get(key) or []
        if not isinstance(value, list):
            raise ContentError(f"{self.where}: “{key}” must be a list (one “- slug” a line)")
        return value


def relative(path):
    """`path` as a string relative to the project folder, for messages (as it is if outside)."""
    path = Path(path)
    return str(path.relative_to(settings.BASE_DIR)) if path.is_relative_to(settings.BASE_DIR) else str(path)


def read_yaml(path):
    """A YAML file's data as Fields; ContentError if it is not valid YAML."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError(f"{relative(path)}: not valid YAML: {error}") from error
    except (OSError, UnicodeError) as error:
        raise ContentError(f"{relative(path)}: cannot be read: {error}") from error
    return Fields(data, relative(path))


def read_markdown(path):
    """A Markdown file with front matter: (its front matter as Fields, its body without the blank
    lines around it). ContentError if the front matter is missing or not valid YAML."""
    try:
        post = frontmatter.load(path)
    except yaml.YAMLError as error:
        raise ContentError(f"{relative(path)}: the front matter is not valid YAML: {error}") from error
    except (OSError, UnicodeError) as error:
        raise ContentError(f"{relative(path)}: cannot be read: {error}") from error
    if not post.metadata:
        raise ContentError(f"{relative(path)}: no front matter (start with a line “---”)")
    return Fields(post.metadata, relative(path)), post.content


def split_body(path, body, headings):
    """A body split at level-2 headings, as {field: Markdown}. `headings` maps each heading, in
    the order the file must give them, to its field, e.g. {"Steps": "steps", ...}."""
    lines = body.split("\n")
    starts = [n for n, line in enumerate(lines) if line.startswith("## ")]
    found = [lines[n][3:].strip() for n in starts]
    if found != list(headings):
        expected = ", ".join(f"“## {name}”" for name in headings)
        raise ContentError(f"{relative(path)}: the body needs the headings {expected}, in that order")
    ends = [*starts[1:], len(lines)]
    return {
        name: "\n".join(lines[start + 1 : end]).strip()
        for name, start, end in zip(headings.values(), starts, ends, strict=True)
    }
