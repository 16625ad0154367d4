"""The self-check as shipped: its red flags, questions and answer choices.

Red flags and their levels follow the clinical notes (NHS care-card levels). Choices point to
exercises and guide sections by slug. Loaded by `articles.shipped.load_self_check`."""

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
        "sees_someone_first": True,
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
CUT_BACK, REST = 1, 2  # Choice.RunningChange: cut running back; a week off running

# Each choice: slug, label, and optionally hint, reason (ends "Chosen because …"), exercises and
# sections (slugs), red_flag (a key of RED_FLAGS), is_exclusive and running_change.
QUESTIONS = [
    {
        "slug": "warning-signs",
        "position": 10,
        "is_warning_step": True,
        "kind": "multiple",
        "text": "Do any of these apply to you?",
        "hint": "Tick every one that applies. If any do, the next page says who to contact and how soon.",
        "choices": [
            {
                "slug": "deformed",
                "label": "It has looked misshapen or out of place since an injury",
                "reason": "you said your knee has looked out of place since an injury",
                "red_flag": "deformed",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "no-weight",
                "label": "I can't stand on the leg at all since a fall, a twist or a knock",
                "reason": "you said you can't put weight on the leg since an injury",
                "red_flag": "no-weight",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "hot-red-swollen",
                "label": "It is hot, red and swollen, and I have a fever or feel unwell",
                "reason": "you said your knee is hot, red and swollen and you feel unwell",
                "red_flag": "hot-red-swollen",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "numb-foot",
                "label": "Since a knee injury, my foot is numb, tingling, cold or pale",
                "reason": "you said your foot has felt numb, tingly, cold or pale since a knee injury",
                "red_flag": "numb-foot",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "locks-gives-way",
                "label": "It locks, so it won't straighten, or it keeps giving way",
                "reason": "you said your knee locks or gives way",
                "red_flag": "locks-gives-way",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "big-swelling",
                "label": "It is very swollen, or it swelled up within hours of an injury",
                "reason": "you said your knee is very swollen",
                "red_flag": "big-swelling",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "severe-pain",
                "label": "The pain is severe or constant, or it comes at night or while I rest",
                "reason": "you said the pain is very bad or never lets up, or troubles you at night or at rest",
                "red_flag": "severe-pain",
                "sections": ["when-to-see-a-professional"],
            },
            {
                "slug": "under-16",
                "label": "I am under 16",
                "reason": "you said you are under 16",
                "red_flag": "under-16",
                "sections": ["when-to-see-a-professional"],
            },
            {"slug": "none", "label": "None of these", "is_exclusive": True},
        ],
    },
    {
        "slug": "where-it-hurts",
        "position": 20,
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
        "position": 30,
        "kind": "single",
        "text": "What happened in the half-squat test?",
        "hint": (
            "Hold on to a kitchen counter or a sturdy chair. Stand on one leg and slowly bend that knee "
            "halfway down, then stand up. Do it 5 times, watching your knee in a mirror, then try the "
            "other leg. If it hurts, stop and choose “It hurt”. Rather not try? Choose “I skipped the test”."
        ),
        "choices": [
            {
                "slug": "centred",
                "label": "My knee stayed in line over my foot",
                "reason": "your knee stayed in line in the half-squat test, so you are ready for these",
                "exercises": ["bodyweight-squat", "single-leg-balance"],
            },
            {
                "slug": "moved-inward",
                "label": "My knee wobbled or moved inward",
                "reason": "your knee moved inward or wobbled in the half-squat test: these train the hip to hold it in line",
                "exercises": ["side-lying-hip-abduction", "glute-bridge", "step-down"],
                "sections": ["strengthen-your-glutes"],
            },
            {
                "slug": "could-not",
                "label": "It hurt, or I couldn't do it",
                "reason": "the half-squat test hurt or was too hard, so these start gently",
                "exercises": ["straight-leg-raise", "wall-squat", "glute-bridge"],
                "sections": ["strengthen-your-thighs"],
            },
            {
                "slug": "skipped",
                "label": "I skipped the test",
                "hint": "That’s fine: your plan starts with the gentlest exercises.",
                "reason": "you skipped the half-squat test, so these start gently",
                "exercises": ["straight-leg-raise", "glute-bridge"],
            },
        ],
    },
    {
        "slug": "knees-roll-in",
        "position": 40,
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
                "exercises": ["side-lying-hip-abduction", "glute-bridge"],
                "sections": ["running-form", "strengthen-your-glutes"],
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
        "position": 50,
        "kind": "multiple",
        "text": "Do any of these describe your running lately?",
        "hint": "Tick every one that applies.",
        "choices": [
            {
                "slug": "more-running",
                "label": "I have recently run further each week, or more often",
                "reason": "you recently ran further or more often, and sudden jumps are a common trigger",
                "sections": ["returning-to-running"],
                "running_change": CUT_BACK,
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
            {"slug": "none", "label": "None of these", "is_exclusive": True},
        ],
    },
    {
        "slug": "walking",
        "position": 60,
        "kind": "single",
        "text": "Does walking hurt your knee?",
        "choices": [
            {
                "slug": "pain-free",
                "label": "No, I can walk without pain",
                "reason": "walking doesn't hurt, so it can keep you fit while your knee recovers",
            },
            {
                "slug": "hurts",
                "label": "Yes, walking hurts too",
                "reason": "walking hurts too, so your knee needs a week off running",
                "sections": ["physical-therapist"],
                "running_change": REST,
            },
        ],
    },
    {
        "slug": "running-pain",
        "position": 70,
        "kind": "single",
        "text": "How does your knee feel when you run?",
        "hint": "If you have stopped running for now, think about your last few runs.",
        "choices": [
            {
                "slug": "still-hurts",
                "label": "Running still hurts",
                "reason": "running still hurts, so start with gentle strengthening and cut running back",
                "exercises": ["straight-leg-raise", "wall-squat", "glute-bridge"],
                "sections": ["returning-to-running"],
                "running_change": CUT_BACK,
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
        "position": 80,
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
