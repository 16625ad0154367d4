"""What the FAQ ships: faq/content/*.md, one entry a file (loaded by
kneesite/content_loader.py). The front matter links guide sections and exercises by slug,
sources by their key in articles/content/sources.yaml, and the self-check answers after which
the result suggests the entry as "question-slug/choice-slug". The first sentence of each answer
is written to stand alone as a search-result description."""

from kneesite.content_files import Item, Ref, read_markdown

# The content brief's questions, checked by `manage.py check_content`.
AT_LEAST = {"faq.Entry": 7}


def items(directory):
    """Every FAQ entry faq/content/ ships, in load order (after the articles it links to)."""
    for path in sorted(directory.glob("*.md")):
        meta, answer = read_markdown(path)
        yield Item(
            "faq.Entry",
            meta["slug"],
            {"slug": meta["slug"]},
            {
                "question": meta["question"],
                "answer": answer,
                "position": meta["position"],
                "last_reviewed": meta["last_reviewed"],
                "next_review_due": meta["next_review_due"],
            },
            relations={
                "related_sections": [Ref("articles.Section", s) for s in meta.names("related_sections")],
                "related_exercises": [Ref("articles.Exercise", s) for s in meta.names("related_exercises")],
                "sources": [Ref("articles.Source", key) for key in meta.names("sources")],
                "suggested_after": [Ref("articles.Choice", name) for name in meta.names("suggested_after")],
            },
            create={"is_published": True, "pub_date": meta["pub_date"]},
            source=meta.where,
        )
