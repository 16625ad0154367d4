"""What the articles app ships (files in articles/content/, loaded by kneesite/content_loader.py):

- sources.yaml: the references, each under a short key the other files cite it by;
- guide.yaml: the guide itself;
- sections/*.md: a guide section each, its body the section's Markdown;
- exercises/*.md: an exercise each, its body split at `## Steps`, `## How to progress` and
  `## Stop if`; its drawing is static/img/exercises/<slug>.svg; `next_exercise` names the
  harder exercise that follows it in the programme (loaded first, so the link can be made);
- running_stages.yaml: the programme's stages back to usual running, first to last;
- self_check.yaml: the self-check's red flags (by key) and its questions with their answer
  choices, which name red flags by key and exercises and sections by slug.
"""

from articles.models import Choice, RedFlag
from kneesite.content_files import ContentError, Fields, Item, Ref, read_markdown, read_yaml, split_body

# What the content brief asks the guide to cover, checked by `manage.py check_content`.
AT_LEAST = {"articles.Section": 9, "articles.Exercise": 8}
EXERCISE_PARTS = {"Steps": "steps", "How to progress": "progression", "Stop if": "stop_if"}
REVIEW_DATES = ("last_reviewed", "next_review_due")
# Self-check values by the names the file uses (see its header): emergency, urgent, soon;
# keep, cut-back, rest.
LEVELS = {level.name.lower(): level.value for level in RedFlag.Level}
RUNNING_CHANGES = {change.name.lower().replace("_", "-"): change.value for change in Choice.RunningChange}


def items(directory):
    """Every item articles/content/ ships, in load order."""
    yield from sources(read_yaml(directory / "sources.yaml"))
    guide = read_yaml(directory / "guide.yaml")
    yield Item(
        "articles.Article",
        guide["slug"],
        {"slug": guide["slug"]},
        {name: guide[name] for name in ("title", "summary", "position", *REVIEW_DATES)},
        create=published(guide),
        source=guide.where,
    )
    for path in sorted((directory / "sections").glob("*.md")):
        meta, body = read_markdown(path)
        yield Item(
            "articles.Section",
            meta["slug"],
            {"slug": meta["slug"]},
            {
                "article": Ref("articles.Article", guide["slug"]),
                "title": meta["title"],
                "position": meta["position"],
                "body": body,
                **{name: meta[name] for name in REVIEW_DATES},
            },
            relations={"sources": [Ref("articles.Source", key) for key in meta.names("sources")]},
            create=published(meta),
            source=meta.where,
        )
    for path, meta, body in harder_first(
        [(path, *read_markdown(path)) for path in sorted((directory / "exercises").glob("*.md"))]
    ):
        names = ("title", "position", "focus", "trains", "dosage", "days_per_week", "illustration_alt")
        yield Item(
            "articles.Exercise",
            meta["slug"],
            {"slug": meta["slug"]},
            {
                "section": Ref("articles.Section", meta["section"]),
                **{name: meta[name] for name in names},
                "starting_sets": meta.get("starting_sets"),
                "next_exercise": Ref("articles.Exercise", meta["next_exercise"])
                if meta.get("next_exercise")
                else None,
                "shipped_illustration": f"img/exercises/{meta['slug']}.svg",
                **{name: meta[name] for name in REVIEW_DATES},
                **split_body(path, body, EXERCISE_PARTS),
            },
            relations={"sources": [Ref("articles.Source", key) for key in meta.names("sources")]},
            create=published(meta),
            source=meta.where,
        )
    yield from self_check(read_yaml(directory / "self_check.yaml"))
    yield from running_stages(read_yaml(directory / "running_stages.yaml"))


def harder_first(exercises):
    """(path, meta, body) of each exercise, each after the harder exercise it names as next."""
    pending, done = list(exercises), set()
    while pending:
        ready = [e for e in pending if e[1].get("next_exercise") in (None, *done)]
        if not ready:
            raise ContentError(
                f"{pending[0][1].where}: “next_exercise” goes round in a circle or names no exercise"
            )
        for exercise in ready:
            done.add(exercise[1]["slug"])
            pending.remove(exercise)
            yield exercise


def running_stages(data):
    """The stages back to running, first (walking only) to last (usual running)."""
    if not isinstance(data.get("stages"), list):
        raise ContentError(f"{data.where}: “stages” must be a list (one “- slug: …” a stage)")
    required = ("title", "runs_per_week", "minutes", "description")
    for position, stage in enumerate(data["stages"], start=1):
        stage = Fields(stage, f"{data.where}: a stage")
        yield Item(
            "articles.RunningStage",
            stage["slug"],
            {"slug": stage["slug"]},
            {
                "position": position * 10,
                **{name: stage[name] for name in required},
                **{name: stage.get(name, "") for name in ("walk_breaks", "pace", "terrain")},
            },
            source=data.where,
        )


def published(meta):
    """The fields that make a new item live from its front matter's `pub_date` (set only when
    the item is created: an author may unpublish or reschedule it later)."""
    return {"is_published": True, "pub_date": meta["pub_date"]}


def sources(data):
    """Each source of sources.yaml (Fields: key -> {citation, url}) as an Item, found on an older
    site by its citation; ContentError if one has no citation."""
    for key in data:
        source = Fields(data[key], f"{data.where}: {key}")
        yield Item(
            "articles.Source",
            key,
            {"citation": source["citation"]},
            {"citation": source["citation"], "url": source.get("url", "")},
            source=data.where,
        )


def self_check(data):
    """The red flags, then each question followed by its answer choices."""
    where = data.where
    flags = Fields(data["red_flags"], f"{where}: red_flags")
    for key in flags:
        flag = Fields(flags[key], f"{where}: red flag {key}")
        yield Item(
            "articles.RedFlag",
            key,
            {"title": flag["title"]},
            {
                "title": flag["title"],
                "level": named(LEVELS, flag, "level"),
                "what_to_do": flag["what_to_do"],
                "why": flag["why"],
                "source": flag["source"],
                "sees_someone_first": flag.get("sees_someone_first", False),
            },
            source=where,
        )
    if not isinstance(data["questions"], list):
        raise ContentError(f"{where}: “questions” must be a list (one “- slug: …” a question)")
    for question in data["questions"]:
        question = Fields(question, f"{where}: a question")
        slug = question["slug"]
        yield Item(
            "articles.Question",
            slug,
            {"slug": slug},
            {
                "text": question["text"],
                "hint": question.get("hint", ""),
                "kind": question["kind"],
                "position": question["position"],
                "is_warning_step": question.get("is_warning_step", False),
            },
            create=published(question),
            source=where,
        )
        for choice in question["choices"]:
            choice = Fields(choice, f"{where}: a choice of {slug}")
            red_flag = choice.get("red_flag")
            yield Item(
                "articles.Choice",
                f"{slug}/{choice['slug']}",
                {"question": Ref("articles.Question", slug), "slug": choice["slug"]},
                {
                    "label": choice["label"],
                    "hint": choice.get("hint", ""),
                    "position": choice["position"],
                    "reason": choice.get("reason", ""),
                    "red_flag": Ref("articles.RedFlag", red_flag) if red_flag else None,
                    "is_exclusive": choice.get("is_exclusive", False),
                    "running_change": named(RUNNING_CHANGES, choice, "running_change", "keep"),
                },
                relations={
                    "exercises": [Ref("articles.Exercise", s) for s in choice.names("exercises")],
                    "sections": [Ref("articles.Section", s) for s in choice.names("sections")],
                },
                source=where,
            )


def named(values, data, key, default=None):
    """A value the file gives by name (e.g. level: urgent), as the model stores it."""
    name = data.get(key, default) if default is not None else data[key]
    if name not in values:
        raise ContentError(f"{data.where}: {key} must be one of {', '.join(values)}, not “{name}”")
    return values[name]


def check(items):
    """Every exercise but a self-test says how much to do and on how many days a week (the
    self-check's week is built from it)."""
    for item in items:
        doses = item.fields.get("dosage"), item.fields.get("days_per_week")
        if item.model == "articles.Exercise" and item.fields["focus"] != "check" and not all(doses):
            yield f"{item.source}: give the dose: “dosage” (how much) and “days_per_week” (1–7)"
