"""The guide as shipped: its sources, the article, its sections and their exercises.

Written for this site from the content brief and the clinical notes. Loaded by
`articles.shipped.load_guide` (see kneesite/shipped.py for what loading may change)."""

import datetime

# Keyed by a short name used below; the citation is what readers see.
SOURCES = {
    "crossley-2016": {
        "citation": (
            "Crossley KM et al. (2016). 2016 patellofemoral pain consensus statement, part 2: "
            "recommended physical interventions. Br J Sports Med 50:844–852."
        ),
        "url": "https://doi.org/10.1136/bjsports-2016-096268",
    },
    "collins-2018": {
        "citation": (
            "Collins NJ et al. (2018). 2018 consensus statement on exercise therapy and physical "
            "interventions to treat patellofemoral pain. Br J Sports Med 52:1170–1178."
        ),
        "url": "https://doi.org/10.1136/bjsports-2018-099397",
    },
    "winters-2021": {
        "citation": (
            "Winters M et al. (2021). Comparative effectiveness of treatments for patellofemoral pain: "
            "a living systematic review with network meta-analysis. Br J Sports Med 55:369–377."
        ),
        "url": "https://doi.org/10.1136/bjsports-2020-102819",
    },
    "jmdh-2011": {
        "citation": (
            "Review of treatment for patellofemoral pain (2011). J Multidiscip Healthc. "
            "Cited for the exercise doses used in trials."
        ),
        "url": "https://doi.org/10.2147/JMDH.S24595",
    },
    "de-oliveira-2023": {
        "citation": (
            "de Oliveira NT et al. (2023). Dose-response effect of lower limb resistance training volume "
            "on pain and function of women with patellofemoral pain: a systematic review and "
            "meta-regression. Phys Ther Sport."
        ),
        "url": "https://doi.org/10.1016/j.ptsp.2023.07.006",
    },
    "acsm": {
        "citation": (
            "American College of Sports Medicine. General guidance on flexibility (stretching) exercise."
        ),
        "url": "",
    },
    "davis-2020": {
        "citation": (
            "Davis IS et al. (2020). Gait retraining as an intervention for patellofemoral pain. "
            "Curr Rev Musculoskelet Med."
        ),
        "url": "https://pmc.ncbi.nlm.nih.gov/articles/PMC7083994/",
    },
    "gaitonde-2019": {
        "citation": "Gaitonde DY et al. (2019). Patellofemoral pain syndrome. Am Fam Physician 99:88–94.",
        "url": "",
    },
    "nhs-gloucestershire": {
        "citation": "NHS Gloucestershire. Red flags for knee conditions (G-care clinical pathway).",
        "url": "",
    },
    "cornwall-nhs": {
        "citation": "Cornwall NHS. Knee referral criteria.",
        "url": "",
    },
    "nhs-knee-pain": {
        "citation": "NHS website. Knee pain: when to get help.",
        "url": "https://www.nhs.uk/conditions/knee-pain/",
    },
    "ottawa": {
        "citation": "Ottawa knee rules: criteria for deciding when an injured knee needs an X-ray.",
        "url": "",
    },
}

ARTICLE = {
    "title": "Runner's knee: a recovery guide",
    "slug": "runners-knee-recovery",
    "summary": (
        "Runner's knee is an ache around or behind the kneecap. Here is what helps most (hip and thigh "
        "strengthening, and easing back into running), what may help for a while, and the signs that "
        "mean you should get your knee checked by a GP or physiotherapist."
    ),
    "position": 0,
    "last_reviewed": datetime.date(2026, 11, 26),
    "next_review_due": datetime.date(2027, 11, 26),
}

SECTIONS = [
    {
        "slug": "introduction",
        "position": 10,
        "title": "What runner's knee is",
        "sources": ["crossley-2016", "collins-2018", "winters-2021", "gaitonde-2019", "jmdh-2011"],
        "body": """
            "Runner's knee" is the everyday name for patellofemoral pain. The patella is the medical
            name for the kneecap, and "patellofemoral" means the joint where the back of the kneecap
            sits against the thigh bone. The pain is an ache at the front of the knee that you feel
            in, behind or around the kneecap. It usually creeps up over time rather than starting with
            a single injury. It can be anything from a mild niggle to pain that stops you running
            altogether.

            The pain tends to come on when your knee is bent while it carries your weight. Common
            culprits are:

            - running downhill
            - going up or down stairs
            - squatting or kneeling
            - sitting for a long time with your knees bent (in a cinema, car or plane, say)

            ### Who gets it

            It is common in people who have recently taken up running, and in experienced runners who
            add distance or extra runs too fast. Training for a half marathon or marathon is a classic
            time for it to appear. A sudden jump in how far or how often you run each week is one of
            the most frequent triggers.

            ### How it is diagnosed

            A GP or physiotherapist can usually tell it is runner's knee from what you describe and
            from examining your knee. You don't need an X-ray to diagnose it. A clinician (a trained
            health professional, such as a GP, a physiotherapist or a sports doctor) may still suggest
            one to rule out other problems, for example after an injury, or if the knee hasn't
            improved with treatment.

            ### The good news

            Most people get better with the right kind of work, although it takes patience. For some
            people the pain hangs around or comes back, which is why it pays to keep up the exercises
            once you feel better.

            A large review that compared every tested treatment found that all of the active options
            (learning about the condition, exercise, and combinations with insoles or taping) did better
            after three months than simply waiting to see. Exercise has the strongest support, and a
            programme that works your hips as well as your knees does better than knee exercises alone.

            Every approach that works also teaches you what runner's knee is and how to manage load.
            "Load" means how much work you ask your knee to do: how far, how often and how hard you
            run, and everyday things such as stairs and squats.

            ### How this guide works

            The next eight sections are things to try, starting with the exercises that matter most.
            After those come how to ease back into running, and the signs that mean you should get your
            knee checked rather than treat it yourself.

            Two rules run through the whole guide: the pain rule, which tells you how much ache is fine,
            and the rule for building up running.

            There is no single agreed amount of exercise. In research trials, people typically exercised
            most days or 3–5 times a week, doing 2–4 sets of about 10 repetitions, for around six weeks,
            making the exercises gradually harder as they went. This guide suggests doing the
            strengthening exercises on 4 days a week.
        """,
    },
    {
        "slug": "strengthen-your-glutes",
        "position": 20,
        "title": "Strengthen your glutes and hips",
        "sources": ["crossley-2016", "collins-2018", "winters-2021", "jmdh-2011", "de-oliveira-2023"],
        "body": """
            The pain is in your knee, but the muscles around your hip help to steady your whole leg each
            time you land on one foot. The biggest of them are your glutes (the buttock muscles).

            International expert consensus recommends exercise therapy for runner's knee. It also says
            that working the hips and the knees together is better than knee exercises on their own. So
            this section and the next one make up a single routine: the hip exercises here, and the
            thigh exercises in "Strengthen your thighs". If you only have time for one thing in this
            guide, make it this routine.

            ### Check yourself first

            Try the single-leg half-squat test below. It gives you a rough idea of how well you control
            your knee on one leg, but it can't tell you what is wrong. If your knee wobbles or dips
            inward, give the hip exercises extra attention. Either way, most people with runner's knee
            benefit from the whole routine.

            ### The hip exercises

            - **Glute bridges** work your buttocks and the backs of your thighs.
            - **Side-lying leg raises** work the muscles at the side of your hip.

            Pair them with at least one thigh exercise from the next section.

            ### How much, and how often

            No single dose has been agreed. Trials have typically used exercise most days or 3–5 times
            a week, with 2–4 sets of about 10 repetitions, over roughly six weeks, and made the
            exercises harder step by step. One analysis of trials in women with runner's knee found that
            doing more sets in total across the week was linked with better function.

            This guide suggests the strengthening exercises on 4 days a week. Start with 2 sets, and add
            sets as your knee allows.

            ### Pain while you exercise

            Follow the pain rule. It tells you when an ache is fine, when to ease off and when to stop.
        """,
    },
    {
        "slug": "strengthen-your-thighs",
        "position": 25,
        "title": "Strengthen your thighs (quadriceps)",
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "body": """
            Your quadriceps ("quads") are the big muscles down the front of your thigh. They straighten
            your knee. They also control your knee as it bends under your weight, for example when you
            walk down stairs or land on one leg as you run.

            ### Hips and knees together

            Exercise is the treatment for runner's knee with the strongest evidence, and international
            expert consensus statements recommend it. They also say that a programme that works both the
            hips and the knees beats knee exercises alone. So do these thigh exercises alongside the hip
            exercises in the section before. Together they are the core of your recovery.

            ### If squatting hurts, start easier

            Squats often hurt with runner's knee, because your knee is bent while it takes your weight.
            You can still train your thighs. The exercises below go from easiest to hardest:

            1. **Straight-leg raise.** Your knee stays straight, so most people can do it even when
               squats hurt.
            2. **Shallow wall squat.** A wall supports your back, and your knees bend only a little.
            3. **Step-down.** You bend one knee a short way on a low step, holding a rail.
            4. **Bodyweight squat.** The hardest, so save it until the others feel easy.

            If squats hurt, begin with the straight-leg raise or the wall squat. Move on to the next
            exercise once yours feels easy and keeps to the pain rule.

            ### How to progress

            In trials, people usually did 2–4 sets of about 10 repetitions for about six weeks, and made
            the exercises harder as they went. An analysis of trials in women with runner's knee found
            that more sets in total across the week went with better function.

            This guide suggests each thigh exercise on 4 days a week. A simple way to progress:

            - Start with 2 sets of about 10.
            - Add one set at a time, up to 4, as your knee allows.
            - Then make the exercise harder: go more slowly, bend a little further, or move on to the
              next exercise.
            - Keep to the pain rule at every step.
        """,
    },
    {
        "slug": "stretching",
        "position": 30,
        "title": "Stretch your hamstrings, calves and quads",
        "sources": ["acsm", "jmdh-2011"],
        "body": """
            Many rehabilitation programmes for runner's knee include stretches alongside the
            strengthening. Give most attention to three muscle groups:

            - the **hamstrings**, down the back of your thigh
            - the **calves**, at the back of your lower leg
            - the **quadriceps** ("quads"), down the front of your thigh

            Stretching is a supporting act: for runner's knee, the research is strongest for
            strengthening, so don't let stretching replace it.

            ### How long to hold a stretch

            General exercise guidance from the American College of Sports Medicine is to hold each
            stretch for 10–30 seconds and repeat it 2–4 times. Ease into it, breathe normally and don't
            bounce. You should feel a gentle pull in the muscle. If a stretch makes your knee hurt,
            follow the pain rule.

            ### When to stretch

            This guide suggests the stretches on 5 days a week. They are easiest when your muscles are
            warm, for instance after a walk or after your strengthening exercises.
        """,
    },
    {
        "slug": "balance-training",
        "position": 40,
        "title": "Train your balance",
        "sources": [],  # no study here tests balance training: the text says so
        "body": """
            Balance training means practising keeping your leg steady while you stand on it. The
            muscles of your foot, ankle, knee and hip have to work together to do that. Many knee
            rehabilitation programmes include it, and it takes very little extra time.

            ### What the evidence says

            The evidence for balance training in runner's knee is limited. Few studies have tested it,
            and the expert consensus statements make no recommendation about it. The research is much
            stronger for hip and thigh strengthening. So treat balance work as an optional extra, never
            as a replacement for the strength exercises.

            ### How to start

            The simplest way is to stand on one leg while you brush your teeth, and swap legs halfway
            through. Once that feels easy, you can try it with your eyes closed, which is much harder.

            ### Stay safe

            Always stand at a kitchen counter you can grab, on a clear floor. Closing your eyes makes a
            fall more likely, so keep your hand close to the counter. Don't do balance exercises if you
            feel dizzy.
        """,
    },
    {
        "slug": "running-form",
        "position": 50,
        "title": "Look at your running form",
        "sources": ["davis-2020"],
        "body": """
            How you run may affect how much your knee hurts.

            ### See what your knees are doing

            Ask a friend to film you running towards the camera, then watch it back in slow motion.
            Look at each knee as the foot lands: does it stay over the foot, or drift inward?

            ### Changes that have been studied

            Researchers have tested changes such as:

            - taking slightly shorter, quicker steps
            - landing more softly and quietly
            - keeping your knees from collapsing inward

            In those studies, runners usually had 8–18 sessions over 2–6 weeks, with feedback (from a
            mirror, a coach or a screen) that was reduced bit by bit as the new pattern became natural.

            This kind of running retraining is a promising option, but it has less evidence behind it
            than exercise therapy. It is best done alongside your strengthening exercises, ideally with
            help from a physiotherapist or an experienced running coach. Make changes gradually, on
            short easy runs at first, and keep to the rule for building up running.
        """,
    },
    {
        "slug": "insoles-and-orthotics",
        "position": 60,
        "title": "Consider insoles or orthotics",
        "sources": ["crossley-2016", "collins-2018", "winters-2021"],
        "body": """
            Foot orthoses are shaped insoles that sit inside your shoe.

            Expert consensus says ready-made (prefabricated) foot orthoses are a reasonable choice for
            relieving pain in the short term, and most of the research is on these off-the-shelf
            versions. Combining orthoses with exercise can also help.

            Insoles are for easing pain for a while. You don't need them just because your knees roll
            inward when you run: the research doesn't link the two. Think of insoles as support while
            you get stronger, not as the fix. Building strength in your hips and thighs is still the
            main job.

            If you try them, wear them for everyday walking as well as running. A physiotherapist or a
            podiatrist (a foot specialist) can help you choose a pair.
        """,
    },
    {
        "slug": "knee-braces",
        "position": 70,
        "title": "A knee brace or support",
        "sources": ["crossley-2016", "collins-2018"],
        "body": """
            A knee brace, or tape on the kneecap (patellar taping), may help some people for a while,
            but the evidence for them is limited. Neither is a cure. Use them only alongside your
            exercises, never instead of them.

            You don't need a brace just because your knees roll inward when you run: the research
            doesn't link the two.

            ### If you try one

            Look for a brace with an opening for the kneecap and straps that let you change how firmly
            it presses on the kneecap.

            1. Put the brace on. Set the straps so they guide your kneecap gently inward, towards your
               other knee.
            2. Try the movements that usually hurt, such as stairs, or go for a short, easy run.
            3. If that doesn't ease the pain, try guiding the kneecap inward and slightly up. Then try
               inward and slightly down.
            4. Keep the setting that feels most comfortable.

            If no setting makes your knee feel better, you don't need the brace. Your exercises matter
            more.
        """,
    },
    {
        "slug": "physical-therapist",
        "position": 80,
        "title": "See a physiotherapist",
        "sources": ["crossley-2016", "collins-2018", "winters-2021", "gaitonde-2019"],
        "body": """
            A physiotherapist (physical therapist) can examine you properly and build a programme
            around what they find. An assessment usually looks at:

            - the strength of your hip, thigh and calf muscles
            - your flexibility
            - your balance and how you control your knee on one leg
            - how you move, and often how you run

            They can also explain what runner's knee is, help you plan how much running your knee can
            handle at the moment, and make your exercises harder at the right pace.

            ### Taping

            Your physiotherapist may try taping the kneecap to change the pressure around it. As with
            braces, taping may help some people for a while, but the evidence for it is limited. It is
            used alongside exercise, not instead of it.

            ### Treatments the experts don't recommend

            The international consensus does not recommend moving or manipulating the knee, kneecap or
            lower back for runner's knee, or machine-based treatments such as ultrasound or electrical
            stimulation.

            In many parts of the UK you can refer yourself to an NHS physiotherapist without seeing a GP
            first; check your local NHS services.
        """,
    },
    {
        "slug": "returning-to-running",
        "position": 90,
        "title": "Easing back into running",
        "sources": ["winters-2021", "gaitonde-2019"],
        "body": """
            Managing the load on your knee matters as much as the exercises. The aim is to cut your
            running back to a level that doesn't flare your pain, then build it up again slowly. The
            rule for building up running tells you how.

            ### A simple plan

            1. **Cut back.** Run only as far, as fast and as often as the pain rule allows. For many
               people that means shorter, easier runs for a while, not stopping completely.
            2. **Keep up your exercises** on their usual days: the strengthening exercises on 4 days a
               week.
            3. **Check your knee** during each run, that evening and the next morning.
            4. **Build up, or step back,** as the rule for building up running says.

            ### If even walking hurts

            Take about a week off running. Keep doing your exercises, and walk as much as the pain rule
            allows. Then try a short, easy run on flat ground, and carry on from step 3 above.

            ### Walking

            Walking puts much less load through your knee than running, and it keeps you fit while the
            knee settles. Stick to flat routes at first, since hills and stairs can aggravate it.

            ### Avoid sudden jumps

            Big increases in weekly distance or in the number of runs are a common cause of runner's
            knee, so keep to the rule even when you feel good. Keep up the strength exercises once
            you're back to normal running.

            If your knee isn't improving after a few weeks of exercise and reduced running, book an
            appointment with a GP or physiotherapist.
        """,
    },
    {
        "slug": "when-to-see-a-professional",
        "position": 100,
        "title": "When to see a professional",
        "sources": ["nhs-gloucestershire", "cornwall-nhs", "nhs-knee-pain", "ottawa"],
        "body": """
            This guide is for the gradual ache of runner's knee. Some knee problems need a clinician,
            and a few need one straight away. Here is what to look out for, most urgent first.

            ### Emergency: go to A&E or call 999 now

            - After an injury, your knee looks misshapen or as if part of it has moved out of place.
            - You can't stand on the leg at all after falling, twisting the knee or taking a knock to it.
            - Your knee is hot, red and swollen and you have a fever or feel unwell. This can be an
              infection in the joint.
            - After an injury to the knee, the foot below it is numb, has pins and needles, or feels
              cold or looks pale.

            ### Urgent: get help the same day or the next day

            Contact NHS 111, an urgent treatment centre or your GP if:

            - your knee locks (it won't straighten) or keeps giving way
            - your knee swells a lot, especially if the swelling came up within a few hours of an injury
            - the pain is severe or constant, or you have it at night or when resting

            ### Soon: book a routine appointment

            See your GP or a physiotherapist (many areas let you refer yourself) if:

            - the pain hasn't improved after a few weeks of doing the exercises and running less
            - the pain keeps coming back
            - a child or young person under 16 has knee pain
            - you aren't sure whether it is runner's knee

            ### A note on X-rays

            Runner's knee itself doesn't need an X-ray. After an injury, though, a clinician may X-ray
            the knee if any of these is true:

            - the person is 55 or older
            - the only tender spot is the kneecap
            - the only tender spot is the bony bump on the outer side of the knee, just below the joint
              (the head of the fibula, the thinner of the two shin bones)
            - they can't bend the knee to a right angle
            - they can't put weight on the leg

            That is one more reason to get an injured knee checked rather than treat it as runner's
            knee.
        """,
    },
]

# When to get help, at the end of every strengthening, balance and self-test "Stop if" box
# (the pain rule is shown above each box).
GET_HELP = """
            Get help **today or tomorrow** if your knee:

            - locks or keeps giving way
            - swells a lot
            - hurts badly or all the time, or hurts at night or at rest

            Call NHS 111, or go to an urgent treatment centre or your GP.

            No better after a few weeks? Book a GP or physiotherapist. Do the same if the pain keeps
            coming back.
"""

EXERCISES = [
    {
        "slug": "single-leg-half-squat-test",
        "illustration_alt": "Standing on one leg, holding a counter; then the standing knee bent about halfway, hips back.",
        "section": "strengthen-your-glutes",
        "position": 10,
        "title": "Single-leg half-squat test",
        "trains": (
            "Not an exercise but a quick check of how well your hip and thigh muscles keep your knee "
            "in line over your foot."
        ),
        "focus": "check",
        "dosage": "5 slow half-squats on each leg",
        "sources": ["crossley-2016", "collins-2018"],
        "steps": """
            1. If bending on one leg hurts, skip this test. You can still do the exercises.
            2. Stand side-on to a kitchen counter or a sturdy chair back. Hold on to it.
            3. Use a mirror, or ask someone to watch or film you from the front.
            4. Stand on the leg you want to test. Lift the other foot just off the floor.
            5. Slowly bend your standing knee, about halfway to sitting. Then straighten up.
            6. Do this five times. Watch your kneecap. Does it stay over your middle toes? Or does it
               wobble or drift inward?
            7. Swap legs and compare the two sides.
        """,
        "progression": """
            Use the test as a yardstick rather than something to train. If your knee wobbles or dips
            inward, give the glute bridge and the side-lying leg raise extra attention, along with the
            thigh exercises. Repeat the test every two weeks or so to see how your control is changing.
        """,
        "stop_if": """
            Stop if the test hurts, and skip it for now. Stop if your knee gives way.
        """
        + GET_HELP,
    },
    {
        "slug": "glute-bridge",
        "illustration_alt": "Lying on your back, knees bent and feet flat; then hips lifted so shoulders, hips and knees make a straight line.",
        "section": "strengthen-your-glutes",
        "position": 30,
        "title": "Glute bridge",
        "trains": (
            "The glutes and hamstrings, which help keep your hip and knee steady when you land on one leg."
        ),
        "focus": "hip",
        "dosage": "2–4 sets of about 10",
        "days_per_week": 4,
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Lie on your back with your knees bent. Put your feet flat, about hip-width apart.
            2. Rest your arms by your sides.
            3. Gently tighten your stomach muscles. Squeeze your buttocks.
            4. Lift your hips until your body makes a straight line from shoulders to knees.
            5. Hold for two seconds. Don't arch your lower back.
            6. Lower your hips slowly back to the floor.
        """,
        "progression": """
            - Hold for five seconds at the top.
            - Add sets, up to four.
            - At the top, lift one foot a little way off the floor, put it down, then lift the other.
            - Move on to a single-leg bridge, with one foot on the floor and the other leg held straight.
            - Loop a resistance band just above your knees and press gently outward against it.
        """,
        "stop_if": """
            Stop if you feel sharp pain in your back. Cramp in the back of the thigh is common. If you
            get it, stop and stretch. Then move your feet a little closer to your bottom.
        """
        + GET_HELP,
    },
    {
        "slug": "side-lying-hip-abduction",
        "illustration_alt": "Lying on your side, bottom knee bent, top leg straight; then the top leg lifted a little way, toes pointing forward.",
        "section": "strengthen-your-glutes",
        "position": 40,
        "title": "Side-lying leg raise (hip abduction)",
        "trains": (
            "The muscles at the side of your hip (gluteus medius), which stop your knee drifting inward "
            "as you land."
        ),
        "focus": "hip",
        "dosage": "2–4 sets of about 10 on each side",
        "days_per_week": 4,
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011"],
        "steps": """
            1. Lie on your side. Bend your bottom knee to keep you steady.
            2. Keep your top leg straight, in line with your body.
            3. Point the toes of your top foot forward, not up to the ceiling.
            4. Slowly lift your top leg a little above hip height. Lead with your heel.
            5. Keep your hips stacked one above the other. Don't roll backwards.
            6. Pause. Then lower the leg slowly, over two to three seconds.
            7. Finish the set. Then turn over and work the other side.
        """,
        "progression": """
            - Slow the movement down and pause longer at the top.
            - Add sets, up to four.
            - Add a light ankle weight, or a resistance band around your ankles.
            - Later, add standing exercises such as side-steps with a band around your ankles.
        """,
        "stop_if": """
            Stop if you feel sharp pain in your hip or back. Your hip may burn as the muscle tires.
            That is normal, and it fades when you rest.
        """
        + GET_HELP,
    },
    {
        "slug": "straight-leg-raise",
        "illustration_alt": "Lying on your back, one knee bent and the other leg straight; then the straight leg lifted to the height of the bent knee.",
        "section": "strengthen-your-thighs",
        "position": 10,
        "title": "Straight-leg raise",
        "trains": (
            "The quadriceps, the big muscles at the front of your thigh, while your knee stays straight "
            "and doesn't bend under your weight."
        ),
        "focus": "knee",
        "dosage": "2–4 sets of about 10 on each leg",
        "days_per_week": 4,
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Lie on your back on the floor or a firm bed.
            2. Bend one knee and put that foot flat.
            3. Keep your other leg straight, with the toes pointing up.
            4. Tighten the muscle at the front of the straight thigh. The back of the knee presses down.
            5. Keep it tight. Slowly lift the straight leg until it is level with your other knee.
            6. Hold for two seconds. Then lower it slowly.
            7. Relax the thigh for a moment before the next one.
            8. Finish the set, then swap legs.
        """,
        "progression": """
            - Hold for five seconds at the top.
            - Add sets, up to four.
            - Lower the leg more slowly, to a count of three.
            - Add a light ankle weight.
            - When it feels easy, move on to the shallow wall squat.
        """,
        "stop_if": """
            Stop if your lower back hurts. Bending the other knee a little more can help.
        """
        + GET_HELP,
    },
    {
        "slug": "wall-squat",
        "illustration_alt": "Back flat against a wall, feet a step out from it; then slid a quarter of the way down, knees only slightly bent.",
        "section": "strengthen-your-thighs",
        "position": 20,
        "title": "Shallow wall squat",
        "trains": (
            "The quadriceps, with a wall supporting your back so you can choose how far your knees bend."
        ),
        "focus": "knee",
        "dosage": "2–4 sets of about 10",
        "days_per_week": 4,
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Stand with your back flat against a wall.
            2. Put your feet hip-width apart, about a foot (30 cm) out from the wall.
            3. Point your toes forward.
            4. Slowly slide your back down the wall. Bend your knees only a little.
            5. A quarter of the way to sitting is enough at first.
            6. Keep each knee in line with your middle toes.
            7. Pause for a second. Then push through your feet and slide back up.
        """,
        "progression": """
            - Add sets, up to four.
            - Slide down more slowly, to a count of three.
            - Slide a little lower as your knee allows, but stay well above a sitting position.
            - When it feels easy, move on to the step-down.
        """,
        "stop_if": """
            Keep the bend shallow. Don't hold a deep squat against the wall.
        """
        + GET_HELP,
    },
    {
        "slug": "step-down",
        "illustration_alt": "Standing on one leg on a low step, holding a rail; then the standing knee bent so the other heel lowers part way down.",
        "section": "strengthen-your-thighs",
        "position": 30,
        "title": "Step-down from a low step",
        "trains": (
            "The quadriceps and hip muscles, as they control your knee bending on one leg, just as "
            "they do on stairs and each time you land when you run."
        ),
        "focus": "knee",
        "dosage": "2–4 sets of about 10 on each leg",
        "days_per_week": 4,
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Use a low, firm step with a rail, such as the bottom stair.
            2. Hold the rail with one hand.
            3. Stand on the step on one leg. Let the other foot hang just in front of the step.
            4. Slowly bend your standing knee a little. Lower the other heel part of the way down.
            5. Go only as far as the pain rule allows.
            6. Keep your standing knee over your middle toes. Don't let it drift inward.
            7. Push up through the standing leg until it is straight again.
            8. Finish the set, then swap legs.
        """,
        "progression": """
            - Add sets, up to four.
            - Lower yourself more slowly, to a count of three.
            - Lower a little further, until your heel lightly touches the floor.
            - Hold the rail more lightly.
            - When it feels easy, move on to the bodyweight squat.
        """,
        "stop_if": """
            Stop if you feel unsteady. Hold the rail firmly.
        """
        + GET_HELP,
    },
    {
        "slug": "bodyweight-squat",
        "illustration_alt": "Standing with feet hip-width apart; then hips pushed back and knees bent as if sitting, knees over the toes.",
        "section": "strengthen-your-thighs",
        "position": 40,
        "title": "Bodyweight squat",
        "trains": (
            "The big muscles at the front of the thigh (quadriceps) and the glutes, which together "
            "support and steady the knee."
        ),
        "focus": "knee",
        "dosage": "2–4 sets of about 10",
        "days_per_week": 4,
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Stand with your feet hip-width to shoulder-width apart. Point your toes forward or
               slightly out.
            2. Push your hips back and bend your knees, as if sitting down on a chair.
            3. Keep your weight spread over your whole foot.
            4. Keep your knees in line with your toes. Don't let them cave inward.
            5. Go only as low as the pain rule allows. A chair behind you can show you how deep to go.
            6. Push through your feet to stand up tall. Squeeze your buttocks at the top.
        """,
        "progression": """
            - Squat a little deeper as your knee allows.
            - Add sets, up to four.
            - Lower yourself slowly, to a count of three.
            - Hold a weight, such as a loaded backpack or a kettlebell, against your chest.
            - Later, move on to split squats.
        """,
        "stop_if": """
            If the pain rule says ease off, squat less deep. Or go back to the step-down for a while.
        """
        + GET_HELP,
    },
    {
        "slug": "hamstring-stretch",
        "illustration_alt": "Lying on your back, a towel looped round one foot; then that leg raised, knee almost straight, by pulling on the towel.",
        "section": "stretching",
        "position": 10,
        "title": "Hamstring stretch",
        "trains": "Flexibility in the hamstrings, the muscles down the back of your thigh.",
        "focus": "stretch",
        "dosage": "Hold 10–30 seconds, 2–4 times on each leg",
        "days_per_week": 5,
        "sources": ["acsm"],
        "steps": """
            1. Lie on your back. Keep one leg straight, or bend that knee with the foot flat.
            2. Loop a towel, belt or strap around the sole of your other foot.
            3. Keep that knee almost straight. Use the towel to raise the leg.
            4. Stop when you feel a gentle pull down the back of your thigh.
            5. Hold for 10–30 seconds. Breathe normally.
            6. Lower the leg. Repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Work towards the full 30 seconds. As your flexibility improves, your leg will naturally
            rise higher before you feel the pull; let that happen on its own rather than forcing it.
        """,
        "stop_if": """
            Ease off if the stretch is more than a gentle pull. Stop if you feel tingling, numbness or
            a shooting pain down your leg. If that keeps happening, book a GP appointment.
        """,
    },
    {
        "slug": "calf-stretch",
        "illustration_alt": "Facing a wall, hands on it, one foot stepped back; then leaning in, front knee bent, back leg straight and heel down.",
        "section": "stretching",
        "position": 20,
        "title": "Calf stretch",
        "trains": "Flexibility in the calf muscles at the back of your lower leg.",
        "focus": "stretch",
        "dosage": "Hold 10–30 seconds, 2–4 times on each leg",
        "days_per_week": 5,
        "sources": ["acsm"],
        "steps": """
            1. Stand facing a wall. Put both hands on it at about shoulder height.
            2. Step one foot back. Keep that heel on the floor and the toes pointing forward.
            3. Keep the back knee straight. Bend your front knee and lean towards the wall.
            4. Stop when you feel a stretch in the upper calf of the back leg. Hold for 10–30 seconds.
            5. Now bend the back knee a little, keeping the heel down. The stretch moves lower down
               the calf. Hold again.
            6. Repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Work towards the full 30 seconds, and step the back foot a little further from the wall as
            your calves loosen. You can also stretch with the ball of your foot on a step and the heel
            lowering gently below it.
        """,
        "stop_if": """
            Ease off if you feel pain rather than a gentle stretch. Take care with the Achilles tendon,
            just above the heel. If pain there doesn't go away, book a GP or physiotherapist.
        """,
    },
    {
        "slug": "quadriceps-stretch",
        "illustration_alt": "Standing with one hand on a chair back; then the outside heel held towards your bottom, knees side by side.",
        "section": "stretching",
        "position": 30,
        "title": "Quadriceps stretch",
        "trains": "Flexibility in the quadriceps, the large muscles down the front of your thigh.",
        "focus": "stretch",
        "dosage": "Hold 10–30 seconds, 2–4 times on each leg",
        "days_per_week": 5,
        "sources": ["acsm"],
        "steps": """
            1. Stand next to a wall or the back of a chair. Hold it with one hand.
            2. Bend the knee of your outside leg. Bring your heel towards your bottom.
            3. Hold your ankle with your free hand. If you can't reach, loop a towel around the ankle
               and hold that.
            4. Keep your knees side by side. Gently tuck your bottom under.
            5. You should feel a stretch down the front of your thigh.
            6. Hold for 10–30 seconds. Repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Work towards the full 30 seconds. If standing is wobbly, do the stretch lying on your front
            or on your side, using a towel around the ankle.
        """,
        "stop_if": """
            Bending the knee fully can press on the kneecap and hurt. If it does, don't pull your heel
            all the way in. Use a towel and stop at a comfortable bend.
        """,
    },
    {
        "slug": "single-leg-balance",
        "illustration_alt": "Standing at a counter, toothbrush in hand; then standing on one leg with the other foot just off the floor.",
        "section": "balance-training",
        "position": 10,
        "title": "Single-leg balance while brushing your teeth",
        "trains": (
            "Balance, and the small, quick adjustments of the foot, ankle, knee and hip muscles that "
            "keep your leg steady."
        ),
        "focus": "balance",
        "dosage": "About a minute on each leg",
        "days_per_week": 7,
        "sources": [],  # no study here tests balance training: the text says so
        "steps": """
            1. Stand at a kitchen counter you can grab, on a clear floor. A basin you can grab is fine
               too.
            2. Lift one foot just off the floor.
            3. Keep the standing knee slightly bent, with the kneecap over your toes.
            4. Brush your teeth and stay as steady as you can, for about a minute.
            5. Swap legs for the second minute.
        """,
        "progression": """
            When a minute on each leg feels easy, stand on a folded towel, or do slow, small knee bends
            while you balance. Later you can try the eyes-closed version.
        """,
        "stop_if": """
            Stop if you feel dizzy or start to fall. Grab the counter or put your foot down.
        """
        + GET_HELP,
    },
    {
        "slug": "eyes-closed-single-leg-balance",
        "illustration_alt": "Standing on one leg at a counter, fingertips resting on it, eyes open; then the same with eyes closed.",
        "section": "balance-training",
        "position": 20,
        "title": "Single-leg balance with eyes closed",
        "trains": (
            "Balance without help from your eyes, so the muscles and joints of your leg do more of the "
            "work of keeping you steady."
        ),
        "focus": "balance",
        "dosage": "Build up to 30 seconds on each leg, 2–4 times",
        "days_per_week": 7,
        "sources": [],  # no study here tests balance training: the text says so
        "steps": """
            1. Stand at a kitchen counter you can grab, on a clear floor.
            2. Rest your fingertips lightly on the counter.
            3. Stand on one leg with the knee slightly bent.
            4. Close your eyes. Stay as steady as you can.
            5. If you start to wobble, open your eyes. Grab the counter or put your foot down.
            6. Rest. Repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Hold for longer, up to 30 seconds. Then try it with your hand just above the counter
            instead of on it. Always stay at the counter.
        """,
        "stop_if": """
            Stop if you feel dizzy. Skip this exercise if you often feel unsteady on your feet.
        """
        + GET_HELP,
    },
]
