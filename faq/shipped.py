"""The FAQ as shipped. Related guide sections, exercises and sources are named by slug (sources by
their key in articles.shipped.guide). Loaded by `faq.shipped.load`."""

# "suggested_after" names self-check answers as "question-slug/choice-slug".
# The first sentence of each answer is written to stand alone as a search-result description.
ENTRIES = [
    {
        "slug": "where-does-runners-knee-hurt",
        "suggested_after": ["where-it-hurts/not-sure", "where-it-hurts/elsewhere"],
        "question": "Where does runner's knee hurt?",
        "answer": """
            Runner's knee causes an ache at the front of the knee, in, behind or around the kneecap.

            It is usually worse when the knee is bent while it takes your weight: running downhill,
            going up or down stairs, squatting or kneeling. Many people also notice it after sitting for
            a long time with their knees bent.

            If your pain is somewhere else, such as the back or the outer side of the knee, or you
            aren't sure it is runner's knee, book a GP or physiotherapist. If your knee swells a lot,
            locks or keeps giving way, get help the same day or the next: call NHS 111, or go to an
            urgent treatment centre or your GP.
        """,
        "related_sections": ["introduction", "when-to-see-a-professional"],
        "related_exercises": ["single-leg-half-squat-test"],
        "sources": ["gaitonde-2019", "nhs-knee-pain", "nhs-gloucestershire"],
    },
    {
        "slug": "does-being-overweight-cause-runners-knee",
        "suggested_after": [],
        "question": "Does carrying extra weight cause runner's knee?",
        "answer": """
            Carrying extra weight doesn't mean you are bound to get runner's knee; a more common trigger
            is asking your knees to do more running than they are used to.

            Running is a high-impact activity, so if you carry extra weight it makes sense to be a
            little more patient with your knees:

            - build up your running slowly, as the rule for building up running says
            - keep up strength exercises for your hips and thighs, such as glute bridges and squats,
              on 4 days a week
        """,
        "related_sections": ["returning-to-running", "strengthen-your-glutes", "strengthen-your-thighs"],
        "related_exercises": ["glute-bridge", "bodyweight-squat"],
        "sources": ["crossley-2016", "collins-2018"],
    },
    {
        "slug": "who-gets-runners-knee",
        "suggested_after": [
            "training-change/more-running",
            "training-change/new-to-running",
            "training-change/training-for-event",
        ],
        "question": "Who is most likely to get runner's knee?",
        "answer": """
            Runner's knee often affects people who are new to running, and anyone who increases their
            distance or number of runs too quickly.

            Training for a half marathon or marathon is a typical time for it to start, because weekly
            distance often climbs fast. Sudden jumps in how far or how often you run are a common
            trigger. Building up gradually, as the rule for building up running says, helps you avoid
            them.
        """,
        "related_sections": ["introduction", "returning-to-running"],
        "related_exercises": [],
        "sources": ["gaitonde-2019"],
    },
    {
        "slug": "is-walking-good-for-runners-knee",
        "suggested_after": ["walking/pain-free", "walking/hurts"],
        "question": "Is walking good for runner's knee?",
        "answer": """
            Walking is usually fine, and often helpful, while runner's knee recovers, as long as it
            keeps to the pain rule.

            Walking puts much less load through your knees than running does. It helps you keep your
            fitness and leg strength while your knee settles. Start with flat routes, because hills and
            stairs can aggravate the knee.

            If walking makes your knee worse, shorten your walks. If even walking hurts, take about a
            week off running and keep up your exercises. Then try a short, easy run.

            If walking still hurts after a few weeks of exercises, book a GP or physiotherapist.
        """,
        "related_sections": ["returning-to-running", "when-to-see-a-professional"],
        "related_exercises": [],
        "sources": ["nhs-knee-pain", "cornwall-nhs"],
    },
    {
        "slug": "will-running-on-a-bad-knee-damage-it",
        "suggested_after": ["running-pain/still-hurts", "running-pain/a-little"],
        "question": "Can running on a painful knee make it worse?",
        "answer": """
            A mild ache while you run can be fine, but follow the pain rule: stop if the pain is sharp
            or makes you limp.

            That doesn't usually mean giving up running. Cut your running back to a level that doesn't
            flare your pain. Then build up again gradually, as the rule for building up running says,
            while you do the exercises in this guide. Only if even walking hurts should you take about a
            week off running, then try a short, easy run.

            Book a GP or physiotherapist if the pain isn't improving after a few weeks.

            Get help the same day or the next if your knee locks, keeps giving way or swells a lot. Do
            the same if the pain is severe or constant, or comes at night or at rest. Call NHS 111, or go
            to an urgent treatment centre or your GP.
        """,
        "related_sections": ["returning-to-running", "running-form", "when-to-see-a-professional"],
        "related_exercises": ["glute-bridge", "bodyweight-squat"],
        "sources": ["winters-2021", "nhs-knee-pain", "nhs-gloucestershire"],
    },
    {
        "slug": "should-i-run-if-it-still-hurts",
        "suggested_after": ["running-pain/still-hurts", "running-pain/a-little"],
        "question": "Should I keep running if my knee still hurts?",
        "answer": """
            If running still hurts, cut back to an amount that doesn't flare your knee, and keep up your
            strengthening exercises.

            1. Run only as much as the pain rule allows, even if that means much shorter, easier runs.
            2. Notice how your knee feels during the run, that evening and the next morning.
            3. Build up, or step back, as the rule for building up running says.
            4. If even walking hurts, take about a week off running. Keep doing your exercises on 4 days
               a week. Then try a short, easy run on flat ground.

            If your knee isn't getting better after a few weeks of this, book a GP or physiotherapist.
        """,
        "related_sections": [
            "returning-to-running",
            "strengthen-your-glutes",
            "strengthen-your-thighs",
            "when-to-see-a-professional",
        ],
        "related_exercises": ["bodyweight-squat", "glute-bridge", "side-lying-hip-abduction"],
        "sources": ["winters-2021", "crossley-2016", "collins-2018"],
    },
    {
        "slug": "does-runners-knee-lead-to-arthritis",
        "suggested_after": ["how-long/not-improving", "how-long/keeps-coming-back"],
        "question": "Does runner's knee lead to arthritis later on?",
        "answer": """
            There isn't enough evidence to say that runner's knee leads to arthritis later in life.

            Researchers have looked for a link, but the studies so far don't settle the question. What
            is clear is that exercise eases the pain of runner's knee, so the most useful thing you can
            do now is keep up the exercises in this guide.

            Still, don't ignore knee pain that won't go away. If you have done the exercises and cut
            back your running for a few weeks and the pain isn't improving, book a GP or
            physiotherapist.
        """,
        "related_sections": [
            "when-to-see-a-professional",
            "strengthen-your-glutes",
            "strengthen-your-thighs",
        ],
        "related_exercises": [],
        "sources": ["gaitonde-2019", "crossley-2016"],
    },
    {
        "slug": "how-long-does-runners-knee-take-to-get-better",
        "suggested_after": ["how-long/few-weeks", "how-long/not-tried-yet"],
        "question": "How long does runner's knee take to get better?",
        "answer": """
            Most people notice their knee getting better within about six weeks of regular hip and
            thigh strengthening, with running cut back to a level the knee can handle.

            Six weeks is roughly how long the exercise programmes in the research lasted. Some people
            improve faster, and some need longer. Keep the exercises going for the whole six weeks or
            so, even once running feels fine.

            Book a GP or physiotherapist if a few weeks of exercise and lighter running haven't
            helped, or if the pain keeps coming back.
        """,
        "related_sections": ["returning-to-running", "when-to-see-a-professional"],
        "related_exercises": [],
        "sources": ["jmdh-2011", "winters-2021"],
    },
]


def _choices(loader, names):
    """Self-check answer choices named "question-slug/choice-slug"."""
    from django.db.models import Q

    match = Q(pk__in=[])
    for name in names:
        question, choice = name.split("/")
        match |= Q(question__slug=question, slug=choice)
    return loader.objects("articles.Choice").filter(match)


def load(apps, using, *, first_load):
    from articles.shipped.guide import SOURCES
    from kneesite.shipped import PUB_DATE, REVIEW_DATES, Loader, md

    loader = Loader(apps, using, first_load=first_load)
    Section, Exercise = loader.objects("articles.Section"), loader.objects("articles.Exercise")
    Source = loader.objects("articles.Source")
    for position, data in enumerate(ENTRIES, start=1):
        loader.sync(
            "faq.Entry",
            {"slug": data["slug"]},
            {
                "question": data["question"],
                "answer": md(data["answer"]),
                "position": position * 10,
                **REVIEW_DATES,
            },
            relations={
                "related_sections": Section.filter(slug__in=data["related_sections"]),
                "related_exercises": Exercise.filter(slug__in=data["related_exercises"]),
                "sources": Source.filter(citation__in=[SOURCES[key]["citation"] for key in data["sources"]]),
                "suggested_after": _choices(loader, data["suggested_after"]),
            },
            markdown=["answer"],
            create={"is_published": True, "pub_date": PUB_DATE},
        )
