"""Initial content: the runner's knee FAQ.

Content only. An entry is created when its slug is not in the database yet; an existing entry is never
changed. Related guide sections, exercises and sources come from articles/0002_initial_content and are
looked up by slug (sources by citation); any that an author has since removed are simply skipped.
"""

import datetime
import textwrap

from django.db import migrations

PUB_DATE = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)

# The citations exactly as articles/0002_initial_content creates them.
SOURCES = {
    "crossley-2016": (
        "Crossley KM et al. (2016). 2016 patellofemoral pain consensus statement, part 2: "
        "recommended physical interventions. Br J Sports Med 50:844–852."
    ),
    "winters-2021": (
        "Winters M et al. (2021). Comparative effectiveness of treatments for patellofemoral pain: "
        "a living systematic review with network meta-analysis. Br J Sports Med 55:369–377."
    ),
    "gaitonde-2019": "Gaitonde DY et al. (2019). Patellofemoral pain syndrome. Am Fam Physician 99:88–94.",
    "nhs-knee-pain": "NHS website. Knee pain: when to get help.",
}

# The first sentence of each answer is written to stand alone as a search-result description.
ENTRIES = [
    {
        "slug": "where-does-runners-knee-hurt",
        "question": "Where does runner's knee hurt?",
        "answer": """
            Runner's knee causes an ache at the front of the knee, in, behind or around the kneecap.

            It is usually worse when the knee is bent while it takes your weight: running downhill,
            going up or down stairs, squatting or kneeling. Many people also notice it after sitting for
            a long time with their knees bent.

            If your pain is somewhere else, such as the back or the outer side of the knee, or you
            aren't sure it is runner's knee, see a GP or physiotherapist. A knee that swells a lot,
            locks or keeps giving way needs checking the same day or the next.
        """,
        "related_sections": ["introduction", "when-to-see-a-professional"],
        "related_exercises": ["single-leg-half-squat-test"],
        "sources": ["gaitonde-2019", "crossley-2016", "nhs-knee-pain"],
    },
    {
        "slug": "does-being-overweight-cause-runners-knee",
        "question": "Does carrying extra weight cause runner's knee?",
        "answer": """
            Being heavier doesn't by itself mean you will get runner's knee; the usual trigger is asking
            your knees to do more running than they are ready for.

            Running is a high-impact activity, so if you carry extra weight it makes sense to be a
            little more patient with your knees:

            - build up your running slowly, in small steps
            - leave rest days between runs so your body can recover
            - keep up strength exercises for your hips and thighs, such as squats and glute bridges
        """,
        "related_sections": ["returning-to-running", "strengthen-your-glutes"],
        "related_exercises": ["bodyweight-squat", "glute-bridge"],
        "sources": [],
    },
    {
        "slug": "who-gets-runners-knee",
        "question": "Who is most likely to get runner's knee?",
        "answer": """
            Runner's knee is most common in newer runners and in anyone who increases their distance or
            number of runs too quickly.

            Training for a half marathon or marathon is a typical time for it to start, because weekly
            mileage often climbs fast. Sudden jumps in how far or how often you run are one of the most
            common triggers, so building up gradually is the best way to avoid it.
        """,
        "related_sections": ["introduction", "returning-to-running"],
        "related_exercises": [],
        "sources": [],
    },
    {
        "slug": "is-walking-good-for-runners-knee",
        "question": "Is walking good for runner's knee?",
        "answer": """
            Walking is usually fine, and often helpful, while runner's knee recovers, as long as it
            doesn't bring on your pain.

            Walking puts much less load through your knees than running does. If you can walk without
            pain, it helps you keep your fitness and leg strength while your knee settles. Start with
            flat routes, because hills and stairs can aggravate the knee.

            If walking hurts, shorten your walks. If even short walks are still painful after a few
            weeks of exercises, see a GP or physiotherapist.
        """,
        "related_sections": ["returning-to-running", "when-to-see-a-professional"],
        "related_exercises": [],
        "sources": [],
    },
    {
        "slug": "will-running-on-a-bad-knee-damage-it",
        "question": "Can running on a painful knee make it worse?",
        "answer": """
            Running through pain that makes you limp or change your stride isn't a good idea, because
            it puts strain on your knee and leg in ways they aren't used to.

            That doesn't always mean stopping completely. The aim is to run only as much as your knee
            can handle without flaring up, and to build up again gradually while you work on the
            exercises in this guide. If you can't run without limping, take a break from running and
            focus on the exercises for now.

            See a GP or physiotherapist if the pain isn't improving after a few weeks, and get help the
            same day or the next if your knee locks, keeps giving way or swells a lot.
        """,
        "related_sections": ["returning-to-running", "running-form", "when-to-see-a-professional"],
        "related_exercises": ["glute-bridge", "bodyweight-squat"],
        "sources": ["winters-2021", "nhs-knee-pain"],
    },
    {
        "slug": "should-i-run-if-it-still-hurts",
        "question": "Should I keep running if my knee still hurts?",
        "answer": """
            If running still hurts, take a short break or cut back to an amount that doesn't flare your
            knee, and use the time for your strengthening exercises.

            Pay attention to how your knee feels during a run and the day after: that tells you whether
            you are doing too much. One simple approach:

            1. Take about a week off running and do the exercises every day.
            2. Walk if it doesn't hurt.
            3. Try a short, easy run on flat ground.
            4. If the knee is fine, build up gradually; if the pain returns, drop back and try again
               in a few days.

            If your knee isn't getting better after a few weeks of this, see a GP or physiotherapist.
        """,
        "related_sections": ["returning-to-running", "strengthen-your-glutes", "when-to-see-a-professional"],
        "related_exercises": ["bodyweight-squat", "glute-bridge", "side-lying-hip-abduction"],
        "sources": ["winters-2021", "crossley-2016"],
    },
    {
        "slug": "does-runners-knee-lead-to-arthritis",
        "question": "Does runner's knee lead to arthritis later on?",
        "answer": """
            There isn't good evidence that runner's knee leads to arthritis, and the research doesn't
            show that running itself harms healthy knees.

            Whether someone develops osteoarthritis seems to depend more on other things, such as the
            genes they inherit, than on whether they run. Staying active is generally better for your
            knees than being inactive.

            Still, don't ignore knee pain that won't go away. If you have worked through the exercises
            and cut back your running for a few weeks and the pain isn't improving, see a GP or
            physiotherapist.
        """,
        "related_sections": ["when-to-see-a-professional", "strengthen-your-glutes"],
        "related_exercises": [],
        "sources": ["gaitonde-2019"],
    },
]


def md(text):
    """Content is indented above for readability; Markdown needs it flush left."""
    return textwrap.dedent(text).strip()


def create_entries(apps, schema_editor):
    from kneesite.markdown import render

    db = schema_editor.connection.alias
    Entry = apps.get_model("faq", "Entry")
    Section = apps.get_model("articles", "Section")
    Exercise = apps.get_model("articles", "Exercise")
    Source = apps.get_model("articles", "Source")

    for position, data in enumerate(ENTRIES, start=1):
        if Entry.objects.using(db).filter(slug=data["slug"]).exists():
            continue
        if Entry.objects.using(db).filter(question=data["question"]).exists():
            continue
        answer = md(data["answer"])
        entry = Entry.objects.using(db).create(
            slug=data["slug"],
            question=data["question"],
            answer=answer,
            answer_html=render(answer),
            position=position * 10,
            is_published=True,
            pub_date=PUB_DATE,
        )
        entry.related_sections.set(Section.objects.using(db).filter(slug__in=data["related_sections"]))
        entry.related_exercises.set(Exercise.objects.using(db).filter(slug__in=data["related_exercises"]))
        citations = [SOURCES[key] for key in data["sources"]]
        entry.sources.set(Source.objects.using(db).filter(citation__in=citations))


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0001_initial"),
        ("articles", "0002_initial_content"),
    ]

    operations = [
        migrations.RunPython(create_entries, migrations.RunPython.noop),
    ]
