"""Initial self-check content: its questions, their answer choices and the red flags they raise.

Content only. A red flag is created when no red flag with its title exists yet; a question (and,
with it, its choices) when its slug is not in the database yet. Existing rows are never changed, so
authors' edits are safe if this runs again. Choices point to exercises and guide sections by slug;
any that an author has since deleted are skipped. Red flags and their levels follow
/work/shared/source/clinical-notes.md (NHS care-card levels).
"""

import datetime

from django.db import migrations

PUB_DATE = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)

EMERGENCY, URGENT, SOON = 1, 2, 3

WHAT_TO_DO = {
    EMERGENCY: "Go to A&E now, or call 999.",
    URGENT: ("Get help today or tomorrow: call NHS 111, or contact an urgent treatment centre or your GP."),
    SOON: (
        "Book an appointment with a GP or a physiotherapist. In many areas you can refer yourself "
        "to NHS physiotherapy without seeing a GP first."
    ),
}

GLOUCESTERSHIRE = "NHS Gloucestershire: Red flags for knee conditions"
CORNWALL = "Cornwall NHS knee referral criteria"
NHS_KNEE_PAIN = "NHS website: Knee pain"
OTTAWA = "Ottawa knee rules"

# Keyed by a short name used by the choices below. "what_to_do" defaults to the level's text.
RED_FLAGS = {
    "deformed": {
        "title": "Your knee has looked misshapen or out of place since an injury",
        "level": EMERGENCY,
        "why": (
            "A knee that changes shape after an injury may be dislocated or broken. It needs to be "
            "checked and put right quickly, not exercised."
        ),
        "source": GLOUCESTERSHIRE,
    },
    "no-weight": {
        "title": "You can't stand on the leg at all since a fall, a twist or a knock",
        "level": EMERGENCY,
        "why": (
            "Being unable to take any weight on the leg after an injury can mean a broken bone or a "
            "serious tear. It needs examining, and often an X-ray."
        ),
        "source": f"{OTTAWA}; {GLOUCESTERSHIRE}",
    },
    "hot-red-swollen": {
        "title": "Your knee is hot, red and swollen, and you have a fever or feel unwell",
        "level": EMERGENCY,
        "why": (
            "Together these can be a sign of an infection inside the joint, which needs treating "
            "straight away."
        ),
        "source": f"{GLOUCESTERSHIRE}; {NHS_KNEE_PAIN}",
    },
    "numb-foot": {
        "title": "Since a knee injury, your foot is numb, tingling, cold or pale",
        "level": EMERGENCY,
        "why": (
            "These changes in the foot can mean a nerve or blood vessel near the knee has been hurt. "
            "That needs checking at once."
        ),
        "source": GLOUCESTERSHIRE,
    },
    "locks-gives-way": {
        "title": "Your knee locks, so it won't straighten, or keeps giving way",
        "level": URGENT,
        "why": (
            "Locking or giving way can mean a torn cartilage or ligament, or something loose in the "
            "joint. That is not runner's knee, and the knee should be examined before you exercise it."
        ),
        "source": f"{GLOUCESTERSHIRE}; {CORNWALL}",
    },
    "big-swelling": {
        "title": "Your knee is very swollen, above all if it swelled within hours of an injury",
        "level": URGENT,
        "why": (
            "Swelling that comes up fast after an injury can mean damage inside the joint, such as a "
            "torn ligament. Runner's knee rarely swells much."
        ),
        "source": f"{GLOUCESTERSHIRE}; {NHS_KNEE_PAIN}",
    },
    "severe-pain": {
        "title": "The pain is severe or constant, or it comes at night or while you rest",
        "level": URGENT,
        "why": (
            "Runner's knee usually aches with activity and eases with rest. Pain that is very bad, "
            "never lets up or bothers you at rest points to another cause that needs examining."
        ),
        "source": f"{GLOUCESTERSHIRE}; {CORNWALL}",
    },
    "under-16": {
        "title": "You are under 16 and have knee pain",
        "level": SOON,
        "what_to_do": (
            "Book an appointment with a GP. A parent or carer can make it and come along with you."
        ),
        "why": (
            "Knee pain in children and teenagers often has other causes, some linked to growing bones. "
            "A doctor should check it rather than treating it as runner's knee."
        ),
        "source": CORNWALL,
    },
    "elsewhere": {
        "title": "The pain is somewhere other than around the kneecap",
        "level": SOON,
        "why": (
            "Runner's knee hurts in, behind or around the kneecap. Pain in another part of the knee "
            "or leg may have a different cause, which a GP or physiotherapist can look into."
        ),
        "source": f"{CORNWALL}; {GLOUCESTERSHIRE}",
    },
    "unsure": {
        "title": "You're not sure your pain is runner's knee",
        "level": SOON,
        "why": (
            "Several knee problems feel alike. A GP or physiotherapist can examine your knee and tell "
            "you what it is, usually without needing an X-ray."
        ),
        "source": f"{CORNWALL}; {GLOUCESTERSHIRE}",
    },
    "not-improving": {
        "title": (
            "The pain hasn't got better after a few weeks of exercises and less running, "
            "or it keeps coming back"
        ),
        "level": SOON,
        "why": (
            "Runner's knee usually eases with exercises and a lighter running load. If yours hasn't, "
            "or it keeps returning, a professional can check what is going on and adjust your plan."
        ),
        "source": f"{CORNWALL}; {NHS_KNEE_PAIN}",
    },
}

STRETCHES = ["hamstring-stretch", "calf-stretch", "quadriceps-stretch"]

# Each choice: slug, label, and optionally hint, reason (ends "Recommended because …"),
# exercises and sections (slugs) and red_flag (a key of RED_FLAGS).
QUESTIONS = [
    {
        "slug": "warning-signs",
        "kind": "multiple",
        "text": "Do any of these apply to your knee?",
        "hint": ("Tick every one that applies. If any do, your result says who to contact and how soon."),
        "choices": [
            {
                "slug": "deformed",
                "label": "It has looked misshapen or out of place since an injury",
                "reason": "you said your knee has looked out of place since an injury",
                "red_flag": "deformed",
            },
            {
                "slug": "no-weight",
                "label": "I can't stand on the leg at all since a fall, a twist or a knock",
                "reason": "you said you can't put weight on the leg since an injury",
                "red_flag": "no-weight",
            },
            {
                "slug": "hot-red-swollen",
                "label": "It is hot, red and swollen, and I have a fever or feel unwell",
                "reason": "you said your knee is hot, red and swollen and you feel unwell",
                "red_flag": "hot-red-swollen",
            },
            {
                "slug": "numb-foot",
                "label": "Since a knee injury, my foot is numb, tingling, cold or pale",
                "reason": "you said your foot has felt numb, tingly, cold or pale since a knee injury",
                "red_flag": "numb-foot",
            },
            {
                "slug": "locks-gives-way",
                "label": "It locks, so it won't straighten, or it keeps giving way",
                "reason": "you said your knee locks or gives way",
                "red_flag": "locks-gives-way",
            },
            {
                "slug": "big-swelling",
                "label": "It is very swollen, or it swelled up within hours of an injury",
                "reason": "you said your knee is very swollen",
                "red_flag": "big-swelling",
            },
            {
                "slug": "severe-pain",
                "label": "The pain is severe or constant, or it comes at night or while I rest",
                "reason": "you said the pain is very bad or never lets up, or troubles you at night or at rest",
                "red_flag": "severe-pain",
            },
            {
                "slug": "under-16",
                "label": "I am under 16",
                "reason": "you said you are under 16",
                "red_flag": "under-16",
            },
            {"slug": "none", "label": "None of these"},
        ],
    },
    {
        "slug": "where-it-hurts",
        "kind": "single",
        "text": "Where does your knee hurt?",
        "choices": [
            {
                "slug": "kneecap",
                "label": "In, behind or around the kneecap",
                "hint": "It is often worse going downhill, on stairs or when you squat.",
                "reason": "your pain is around the kneecap, as it is in runner's knee",
                "sections": ["introduction"],
            },
            {
                "slug": "elsewhere",
                "label": "Somewhere else in the knee or leg",
                "hint": (
                    "For example the inner or outer side of the joint, behind the knee, or below the kneecap."
                ),
                "reason": "your pain is somewhere other than around the kneecap",
                "red_flag": "elsewhere",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "not-sure",
                "label": "I'm not sure",
                "reason": "you're not sure where the pain is, or whether it is runner's knee",
                "red_flag": "unsure",
                "sections": ["introduction", "when-to-see-a-professional"],
            },
        ],
    },
    {
        "slug": "half-squat-test",
        "kind": "single",
        "text": "What happened in the half-squat test?",
        "hint": (
            "Face a mirror, stand on one leg and bend that knee until you are halfway down, then stand "
            "up again. Do this five times while watching your knee, then try the other leg. Stop if it "
            "hurts."
        ),
        "choices": [
            {
                "slug": "centred",
                "label": "My knee stayed in line over my foot",
                "reason": "your knee stayed in line in the half-squat test",
                "exercises": ["single-leg-balance"],
            },
            {
                "slug": "moved-inward",
                "label": "My knee wobbled or moved inward",
                "reason": "your knee moved inward or wobbled in the half-squat test",
                "exercises": ["bodyweight-squat", "glute-bridge", "side-lying-hip-abduction"],
                "sections": ["strengthen-your-glutes"],
            },
            {
                "slug": "could-not",
                "label": "I couldn't do it, or it hurt too much",
                "reason": (
                    "the half-squat test was too hard or painful: start gently, and a physiotherapist "
                    "can check your strength and control"
                ),
                "exercises": ["glute-bridge"],
                "sections": ["physical-therapist"],
            },
        ],
    },
    {
        "slug": "knees-roll-in",
        "kind": "single",
        "text": "Do your knees roll inward when you run?",
        "hint": (
            "Ask someone to film you running, from behind or in front, and watch it back in slow "
            "motion to see what your knees do."
        ),
        "choices": [
            {
                "slug": "yes",
                "label": "Yes",
                "reason": "your knees roll inward when you run",
                "exercises": ["glute-bridge", "side-lying-hip-abduction"],
                "sections": ["running-form", "insoles-and-orthotics", "knee-braces"],
            },
            {"slug": "no", "label": "No"},
            {
                "slug": "not-sure",
                "label": "I'm not sure, or I haven't checked",
                "reason": "you haven't checked how your knees move when you run",
                "sections": ["running-form"],
            },
        ],
    },
    {
        "slug": "training-change",
        "kind": "multiple",
        "text": "Do any of these describe your running lately?",
        "hint": "Tick every one that applies.",
        "choices": [
            {
                "slug": "more-running",
                "label": "I have recently run further each week, or more often",
                "reason": "you recently increased your mileage or number of runs",
                "sections": ["returning-to-running"],
            },
            {
                "slug": "new-to-running",
                "label": "I am new to running",
                "reason": "you are new to running",
                "sections": ["returning-to-running"],
            },
            {
                "slug": "training-for-event",
                "label": "I am training for an event, such as a half marathon or a marathon",
                "reason": "you are training for an event",
                "sections": ["returning-to-running"],
            },
            {"slug": "none", "label": "None of these"},
        ],
    },
    {
        "slug": "walking",
        "kind": "single",
        "text": "Does walking hurt your knee?",
        "choices": [
            {
                "slug": "pain-free",
                "label": "No, I can walk without pain",
                "reason": ("walking doesn't hurt, so it can keep you fit while your knee recovers"),
                "sections": ["returning-to-running"],
            },
            {
                "slug": "hurts",
                "label": "Yes, walking hurts too",
                "reason": "walking hurts too",
                "sections": ["physical-therapist"],
            },
        ],
    },
    {
        "slug": "running-pain",
        "kind": "single",
        "text": "How does your knee feel when you run?",
        "hint": "If you have stopped running for now, think about your last few runs.",
        "choices": [
            {
                "slug": "still-hurts",
                "label": "Running still hurts",
                "reason": "running still hurts",
                "exercises": [
                    "glute-bridge",
                    "bodyweight-squat",
                    *STRETCHES,
                    "single-leg-balance",
                ],
                "sections": ["returning-to-running"],
            },
            {
                "slug": "a-little",
                "label": "It hurts only a little, or aches after I run",
                "reason": "your knee hurts a little when you run, or aches afterwards",
                "exercises": STRETCHES,
                "sections": ["stretching"],
            },
            {
                "slug": "no-pain",
                "label": "It doesn't hurt now",
                "reason": "running doesn't hurt now, so you can build up again step by step",
                "sections": ["returning-to-running"],
            },
        ],
    },
    {
        "slug": "how-long",
        "kind": "single",
        "text": "How long has your knee been hurting?",
        "choices": [
            {"slug": "few-weeks", "label": "Less than a few weeks"},
            {
                "slug": "not-tried-yet",
                "label": "Longer, but I haven't yet tried exercises with less running",
                "reason": (
                    "your knee has hurt for a while: give the exercises and a lighter running load a "
                    "few weeks, and get it checked if it doesn't improve"
                ),
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "not-improving",
                "label": "It hasn't got better after a few weeks of exercises and less running",
                "reason": "your knee hasn't improved after a few weeks of exercises and less running",
                "red_flag": "not-improving",
                "sections": ["physical-therapist"],
            },
            {
                "slug": "keeps-coming-back",
                "label": "It gets better, then keeps coming back",
                "reason": "your knee pain keeps coming back",
                "red_flag": "not-improving",
                "sections": ["physical-therapist"],
            },
        ],
    },
]


def create_self_check(apps, schema_editor):
    db = schema_editor.connection.alias
    RedFlag = apps.get_model("articles", "RedFlag")
    Question = apps.get_model("articles", "Question")
    Choice = apps.get_model("articles", "Choice")
    Exercise = apps.get_model("articles", "Exercise")
    Section = apps.get_model("articles", "Section")

    red_flags = {}
    for key, data in RED_FLAGS.items():
        red_flag = RedFlag.objects.using(db).filter(title=data["title"]).first()
        if red_flag is None:
            red_flag = RedFlag.objects.using(db).create(
                title=data["title"],
                level=data["level"],
                what_to_do=data.get("what_to_do", WHAT_TO_DO[data["level"]]),
                why=data["why"],
                source=data["source"],
            )
        red_flags[key] = red_flag

    for position, data in enumerate(QUESTIONS, start=1):
        if Question.objects.using(db).filter(slug=data["slug"]).exists():
            continue
        question = Question.objects.using(db).create(
            slug=data["slug"],
            kind=data["kind"],
            text=data["text"],
            hint=data.get("hint", ""),
            position=position * 10,
            is_published=True,
            pub_date=PUB_DATE,
        )
        for choice_position, choice_data in enumerate(data["choices"], start=1):
            choice = Choice.objects.using(db).create(
                question=question,
                slug=choice_data["slug"],
                label=choice_data["label"],
                hint=choice_data.get("hint", ""),
                position=choice_position * 10,
                reason=choice_data.get("reason", ""),
                red_flag=red_flags.get(choice_data.get("red_flag")),
            )
            choice.exercises.set(Exercise.objects.using(db).filter(slug__in=choice_data.get("exercises", [])))
            choice.sections.set(Section.objects.using(db).filter(slug__in=choice_data.get("sections", [])))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial_content"),
        ("articles", "0004_self_check"),
    ]

    operations = [
        migrations.RunPython(create_self_check, migrations.RunPython.noop),
    ]
