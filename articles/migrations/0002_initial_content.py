"""Initial content: the runner's knee recovery guide, its sections, exercises and sources.

Content only. Rows are created when their slug (or, for sources, their citation) is not in the
database yet; an existing row is never changed, so authors' edits are safe if this runs again.
Facts follow /work/shared/source/clinical-notes.md where it is more careful than the original article.
"""

import datetime
import textwrap

from django.db import migrations

PUB_DATE = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)

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
        "Runner's knee is an ache around or behind the kneecap. Here is what helps most (hip and knee "
        "strengthening, and easing back into running), what may help for a while, and the signs that "
        "mean you should see a clinician."
    ),
    "position": 0,
    "last_reviewed": datetime.date(2026, 11, 26),
    "next_review_due": datetime.date(2027, 11, 26),
}

SECTIONS = [
    {
        "slug": "introduction",
        "title": "What runner's knee is",
        "sources": ["crossley-2016", "collins-2018", "winters-2021", "gaitonde-2019", "jmdh-2011"],
        "body": """
            "Runner's knee" is the everyday name for patellofemoral pain: an ache at the front of the
            knee that you feel in, behind or around the kneecap. It usually creeps up over time rather
            than starting with a single injury. It can be anything from a mild niggle to pain that stops
            you running altogether.

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
            from examining your knee. You don't need an X-ray to diagnose it. A clinician may still
            suggest one to rule out other problems, for example after an injury, or if the knee hasn't
            improved with treatment.

            ### The good news

            Most people get better with the right kind of work, although it takes patience. For some
            people the pain hangs around or comes back, which is why it pays to keep up the exercises
            once you feel better.

            A large review that compared every tested treatment found that all of the active options
            (learning about the condition, exercise, and combinations with insoles or taping) did better
            after three months than simply waiting to see. Exercise has the strongest support, and a
            programme that works your hips as well as your knees does better than knee exercises alone.
            Understanding what runner's knee is and how to manage the load on your knee is part of
            every approach that works.

            ### How this guide works

            The next seven sections are things to try, starting with the exercises that matter most.
            After those come how to ease back into running, and the signs that mean you should get your
            knee checked rather than treat it yourself.

            There is no single agreed amount of exercise. In research trials, people typically exercised
            most days or 3–5 times a week, doing 2–4 sets of about 10 repetitions, for around six weeks,
            making the exercises gradually harder as they went.
        """,
    },
    {
        "slug": "strengthen-your-glutes",
        "title": "Strengthen your glutes and hips",
        "sources": ["crossley-2016", "collins-2018", "winters-2021", "jmdh-2011", "de-oliveira-2023"],
        "body": """
            The pain is in your knee, but the muscles around your hip, above all your glutes (the
            buttock muscles), help decide where your knee goes each time you land on one leg. If they
            are weak or tire quickly, the knee tends to drift inward, and the whole leg works less
            efficiently.

            International expert consensus recommends exercise therapy for runner's knee, and says that
            combining hip-focused and knee-focused exercises works better than doing knee exercises on
            their own. Strengthening is the core of your recovery: if you only have time for one thing
            in this guide, make it this.

            ### Check yourself first

            Try the single-leg half-squat test below. If your knee stays lined up over your foot, your
            hip control is probably good. If it wobbles or dips inward, hip strengthening deserves
            extra attention. Either way, most people with runner's knee benefit from the routine.

            ### A simple routine

            - **Bodyweight squats** mainly work the front of the thigh (the knee-focused part).
            - **Glute bridges** and **side-lying leg raises** work the hip (the hip-focused part).

            Build them into your day, for example after brushing your teeth in the morning.

            ### How much, and how often

            No single dose has been agreed. Trials have typically used exercise most days or 3–5 times
            a week, with 2–4 sets of about 10 repetitions, over roughly six weeks, and made the
            exercises harder step by step. One analysis of trials in women with runner's knee found that
            doing more sets in total across the week was linked with better function. Start at the
            lower end and add sets as your knee allows.

            ### Pain while you exercise

            Keep the exercises at a level that doesn't flare your knee. A mild ache that settles soon
            after you finish is common. If the pain turns sharp, builds as you go, or your knee is
            worse the next day, do a little less (fewer repetitions, or a shallower squat) rather than
            giving up.
        """,
    },
    {
        "slug": "stretching",
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
            stretch for 10–30 seconds and repeat it 2–4 times. Ease into a gentle pull, breathe
            normally and don't bounce. A stretch should feel like mild tension, never pain.

            Stretching is easiest when your muscles are warm, for instance after a walk or after your
            strengthening exercises.
        """,
    },
    {
        "slug": "balance-training",
        "title": "Train your balance",
        "sources": ["collins-2018", "crossley-2016"],
        "body": """
            Good balance means the muscles of your foot, ankle, knee and hip work together to keep your
            leg steady each time you land on it. Balance work is a regular part of knee rehabilitation
            programmes, and it costs you no extra time.

            The simplest way to start: stand on one leg while you brush your teeth, and swap legs
            halfway through. Once that feels easy, try it with your eyes closed, which makes your
            muscles work much harder to correct each wobble.

            Most of the research on runner's knee has tested strengthening programmes, so treat
            balance training as a useful addition to the strength work rather than a replacement for it.

            Always practise next to something solid you can grab, such as the edge of a sink or a
            kitchen counter.
        """,
    },
    {
        "slug": "running-form",
        "title": "Look at your running form",
        "sources": ["davis-2020"],
        "body": """
            How you run can affect how much your knee hurts, particularly if your knees roll inward as
            you land.

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
            short easy runs at first.
        """,
    },
    {
        "slug": "insoles-and-orthotics",
        "title": "Consider insoles or orthotics",
        "sources": ["crossley-2016", "collins-2018", "winters-2021"],
        "body": """
            Foot orthoses are shaped insoles that sit inside your shoe and change how your foot takes
            your weight, which may take some strain off the knee.

            Expert consensus says ready-made (prefabricated) foot orthoses are a reasonable choice for
            relieving pain in the short term, and most of the research is on these off-the-shelf
            versions. Combining orthoses with exercise can also help.

            Think of insoles as support while you get stronger, not as the fix. Building strength in
            your hips and legs is still the main job.

            If you try them, wear them for everyday walking as well as running, and give them a couple
            of weeks. A physiotherapist or podiatrist can help you choose a pair.
        """,
    },
    {
        "slug": "knee-braces",
        "title": "A knee brace or support",
        "sources": ["crossley-2016", "collins-2018"],
        "body": """
            Knee braces (and patellar taping) can help some people for a time, but the evidence for
            them is limited. Some runners find a brace comfortable for a few weeks, but it is not a
            cure, and it should always go alongside your exercises rather than replace them.

            ### If you try one

            Look for a brace with an opening for the kneecap and straps that let you change how firmly
            it presses on the kneecap.

            1. Put the brace on and start by setting the straps so they guide your kneecap gently
               inward, towards your other knee.
            2. Go for a short, easy test run, or try the movements that usually hurt, such as stairs.
            3. If that doesn't ease the pain, try guiding the kneecap inward and slightly up, then
               inward and slightly down.
            4. Settle on the setting that reduces your pain the most.

            A brace that is going to help usually makes a difference straight away. If none of the
            settings changes your pain, there is little point carrying on with it.
        """,
    },
    {
        "slug": "physical-therapist",
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
            braces, taping can help some people for a time, but the evidence for it is limited. It is
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
        "title": "Easing back into running",
        "sources": ["winters-2021", "gaitonde-2019"],
        "body": """
            Managing the load on your knee matters as much as the exercises. The aim is to cut your
            running back to an amount that doesn't set off your pain, then build up again slowly.

            ### A simple plan

            1. **Take about a week off running.** Do your strengthening, stretching and balance
               exercises every day during that week.
            2. **Walk if it doesn't hurt.** Walking keeps you fit and your legs strong while the knee
               settles. Stick to flat routes at first, since hills and stairs can aggravate it.
            3. **Try a short, easy run** on flat ground. Notice how the knee feels during the run, that
               evening and the next morning.
            4. **If it felt fine, build up gradually.** Add a little at a time, and change only one thing
               at once: distance, number of runs, or speed and hills.
            5. **If the pain came back,** drop back to what you could manage comfortably, keep up the
               exercises, and try again after a few days.

            Some people do well cutting their running down rather than stopping completely. Either way
            works, as long as you stay at a level that doesn't flare your knee.

            ### Avoid sudden jumps

            Big increases in weekly distance or in the number of runs are a common cause of runner's
            knee, so build in steps and leave rest days between runs. Keep up the strength exercises
            once you're back to normal running: they help stop the pain coming back.

            If your knee isn't improving after a few weeks of exercise and reduced running, see a GP or
            physiotherapist.
        """,
    },
    {
        "slug": "when-to-see-a-professional",
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

            Runner's knee itself doesn't need an X-ray. After an injury, though, clinicians may X-ray
            the knee if, for example, the person is 55 or older, is tender only over the kneecap or over
            the bony bump on the outside of the knee just below the joint (the head of the fibula),
            can't bend the knee to a right angle, or can't take weight on it. That is another reason
            to get an injured knee checked rather than treat it as runner's knee.
        """,
    },
]

EXERCISES = [
    {
        "slug": "single-leg-half-squat-test",
        "section": "strengthen-your-glutes",
        "position": 10,
        "title": "Single-leg half-squat test",
        "trains": (
            "Not an exercise but a quick check of how well your hip and thigh muscles keep your knee "
            "in line over your foot."
        ),
        "dosage": "5 slow half-squats on each leg; repeat the check every couple of weeks",
        "sources": ["crossley-2016", "collins-2018"],
        "steps": """
            1. Face a mirror, or ask someone to watch or film you from the front. Stand within reach of
               a wall or a sturdy chair in case you need to steady yourself.
            2. Stand on the leg you want to test and lift the other foot just off the floor.
            3. Slowly bend your standing knee until you are about halfway to a sitting position, then
               straighten up again.
            4. Do this five times, watching your kneecap: does it stay pointing over your middle toes,
               or does it wobble or drift inward?
            5. Swap legs and compare the two sides.
        """,
        "progression": """
            Use the test as a yardstick rather than something to train. If your knee stays steady,
            keep up the strengthening routine. If it wobbles or dips inward, focus on the glute bridge,
            the side-lying leg raise and squats, then repeat the test every two weeks or so to see how
            your control is changing.
        """,
        "stop_if": """
            Stop if the test causes sharp pain; try a shallower bend, or leave it until your knee has
            settled. If pain stops you doing even a shallow single-leg squat, or your knee gives way,
            see a GP or physiotherapist.
        """,
    },
    {
        "slug": "bodyweight-squat",
        "section": "strengthen-your-glutes",
        "position": 20,
        "title": "Bodyweight squat",
        "trains": (
            "The big muscles at the front of the thigh (quadriceps) and the glutes, which together "
            "support and steady the knee."
        ),
        "dosage": "2–4 sets of about 10, most days or 3–5 times a week",
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Stand with your feet about hip-width to shoulder-width apart, toes pointing forward or
               turned out slightly.
            2. Push your hips back and bend your knees as if sitting down on a chair, keeping your
               weight spread across your whole foot.
            3. Keep your knees in line with your toes, not caving inward.
            4. Go only as low as is comfortable. A chair behind you can show you how deep to go.
            5. Push through your feet to stand up tall, squeezing your buttocks at the top.
        """,
        "progression": """
            - Squat a little deeper as your knee allows.
            - Add sets, up to four.
            - Lower yourself slowly, to a count of three.
            - Hold a weight, such as a loaded backpack or a kettlebell, against your chest.
            - Later, move on to split squats or stepping down slowly from a low step.
        """,
        "stop_if": """
            Ease off (a shallower squat or fewer repetitions) if knee pain turns sharp, builds as you
            go, or is worse the next day. Stop and get advice if your knee locks, gives way or swells.
            If squats still hurt after a few weeks of easing off, see a GP or physiotherapist.
        """,
    },
    {
        "slug": "glute-bridge",
        "section": "strengthen-your-glutes",
        "position": 30,
        "title": "Glute bridge",
        "trains": (
            "The glutes and hamstrings, which help keep your hip and knee steady when you land on one leg."
        ),
        "dosage": "2–4 sets of about 10, most days or 3–5 times a week",
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011", "de-oliveira-2023"],
        "steps": """
            1. Lie on your back with your knees bent, feet flat on the floor about hip-width apart and
               arms by your sides.
            2. Gently tighten your stomach muscles and squeeze your buttocks.
            3. Lift your hips until your body makes a straight line from your shoulders to your knees.
            4. Hold for two seconds without arching your lower back.
            5. Lower your hips slowly back to the floor.
        """,
        "progression": """
            - Hold for five seconds at the top.
            - Add sets, up to four.
            - At the top, lift one foot a little way off the floor, put it down, then lift the other.
            - Move on to a single-leg bridge, with one foot on the floor and the other leg held straight.
            - Loop a resistance band just above your knees and press gently outward against it.
        """,
        "stop_if": """
            Stop if you feel sharp pain in your knee or back. Cramp in the back of the thigh is common:
            stop, stretch, and bring your feet a little closer to your bottom. If your knee pain isn't
            easing after a few weeks, see a GP or physiotherapist.
        """,
    },
    {
        "slug": "side-lying-hip-abduction",
        "section": "strengthen-your-glutes",
        "position": 40,
        "title": "Side-lying leg raise (hip abduction)",
        "trains": (
            "The muscles at the side of your hip (gluteus medius), which stop your knee drifting inward "
            "as you land."
        ),
        "dosage": "2–4 sets of about 10 on each side, most days or 3–5 times a week",
        "sources": ["crossley-2016", "collins-2018", "jmdh-2011"],
        "steps": """
            1. Lie on your side with your bottom knee bent for balance and your top leg straight, in
               line with your body.
            2. Point the toes of your top foot forward, not up towards the ceiling.
            3. Slowly lift your top leg a little above hip height, leading with the heel. Keep your hips
               stacked one above the other, without rolling backwards.
            4. Pause for a moment, then lower the leg over two to three seconds.
            5. Finish the set, then turn over and work the other side.
        """,
        "progression": """
            - Slow the movement down and pause longer at the top.
            - Add sets, up to four.
            - Add a light ankle weight, or a resistance band around your ankles.
            - Later, add standing exercises such as side-steps with a band around your ankles.
        """,
        "stop_if": """
            Stop if you feel sharp pain in your hip, back or knee. A burning feeling in the side of the
            hip as the muscle tires is normal and fades when you rest. If your knee pain isn't easing
            after a few weeks, see a GP or physiotherapist.
        """,
    },
    {
        "slug": "hamstring-stretch",
        "section": "stretching",
        "position": 10,
        "title": "Hamstring stretch",
        "trains": "Flexibility in the hamstrings, the muscles down the back of your thigh.",
        "dosage": "Hold 10–30 seconds, 2–4 times on each leg, most days",
        "sources": ["acsm"],
        "steps": """
            1. Lie on your back with both legs straight, or with one knee bent and that foot flat.
            2. Loop a towel, belt or strap around the sole of your other foot.
            3. Keeping that knee almost straight, use the towel to raise the leg until you feel a gentle
               pull down the back of your thigh.
            4. Hold for 10–30 seconds, breathing normally.
            5. Lower the leg, repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Work towards the full 30 seconds. As your flexibility improves, your leg will naturally
            rise higher before you feel the pull; let that happen on its own rather than forcing it.
        """,
        "stop_if": """
            Ease off if the stretch becomes painful rather than a mild pull. Stop if you feel tingling,
            numbness or a shooting pain down your leg, and see a GP if that keeps happening.
        """,
    },
    {
        "slug": "calf-stretch",
        "section": "stretching",
        "position": 20,
        "title": "Calf stretch",
        "trains": "Flexibility in the calf muscles at the back of your lower leg.",
        "dosage": "Hold 10–30 seconds, 2–4 times on each leg, most days",
        "sources": ["acsm"],
        "steps": """
            1. Stand facing a wall and place both hands on it at about shoulder height.
            2. Step one foot back, keeping that heel on the floor and the toes pointing forward.
            3. With the back knee straight, bend your front knee and lean towards the wall until you
               feel a stretch in the upper calf of the back leg.
            4. Hold for 10–30 seconds.
            5. Now bend the back knee slightly, keeping the heel down, to move the stretch lower down
               the calf. Hold again.
            6. Repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Work towards the full 30 seconds, and step the back foot a little further from the wall as
            your calves loosen. You can also stretch with the ball of your foot on a step and the heel
            lowering gently below it.
        """,
        "stop_if": """
            Ease off if you feel pain rather than a gentle stretch, particularly in the Achilles tendon
            just above the heel. If pain there continues, see a GP or physiotherapist.
        """,
    },
    {
        "slug": "quadriceps-stretch",
        "section": "stretching",
        "position": 30,
        "title": "Quadriceps stretch",
        "trains": "Flexibility in the quadriceps, the large muscles down the front of your thigh.",
        "dosage": "Hold 10–30 seconds, 2–4 times on each leg, most days",
        "sources": ["acsm"],
        "steps": """
            1. Stand next to a wall or the back of a chair and hold it with one hand.
            2. Bend the knee of your outside leg and bring your heel towards your bottom.
            3. Hold your ankle with your free hand. If you can't reach, loop a towel around the ankle
               and hold that instead.
            4. Keep your knees side by side and gently tuck your bottom under until you feel a stretch
               down the front of the thigh.
            5. Hold for 10–30 seconds, repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Work towards the full 30 seconds. If standing is wobbly, do the stretch lying on your front
            or on your side, using a towel around the ankle.
        """,
        "stop_if": """
            Bending the knee fully can press on the kneecap and hurt if you have runner's knee. If it
            does, don't pull the heel all the way in: use a towel and stop at a comfortable bend. Stop
            if the pain at the front of your knee increases.
        """,
    },
    {
        "slug": "single-leg-balance",
        "section": "balance-training",
        "position": 10,
        "title": "Single-leg balance while brushing your teeth",
        "trains": (
            "Balance, and the small, quick adjustments of the foot, ankle, knee and hip muscles that "
            "keep your leg steady."
        ),
        "dosage": "About one minute on each leg while you brush your teeth, twice a day",
        "sources": ["collins-2018"],
        "steps": """
            1. Stand at the sink, close enough to hold the edge if you need to.
            2. Lift one foot just off the floor. Keep the standing knee very slightly bent, with the
               kneecap pointing over your toes.
            3. Stay as steady as you can while you brush, for about a minute.
            4. Swap legs for the second minute.
        """,
        "progression": """
            When a minute on each leg feels easy, try the eyes-closed version, stand on a folded towel,
            or do slow, small knee bends while you balance.
        """,
        "stop_if": """
            Stop if your knee hurts or gives way. A knee that keeps giving way needs checking within a
            day or two: contact NHS 111 or your GP. Don't do balance exercises if you feel dizzy.
        """,
    },
    {
        "slug": "eyes-closed-single-leg-balance",
        "section": "balance-training",
        "position": 20,
        "title": "Single-leg balance with eyes closed",
        "trains": (
            "Balance without help from your eyes, so the muscles and joints of your leg do more of the "
            "work of keeping you steady."
        ),
        "dosage": "Build up to 30 seconds on each leg, 2–4 times, once a day",
        "sources": ["collins-2018"],
        "steps": """
            1. Stand next to a kitchen counter or in a corner, with a clear floor around you.
            2. Stand on one leg with the knee very slightly bent.
            3. Close your eyes and hold the position as steadily as you can.
            4. Touch the counter or put your foot down as soon as you start to lose your balance.
            5. Rest, repeat 2–4 times, then swap legs.
        """,
        "progression": """
            Hold for longer, up to 30 seconds. Later, try standing on a cushion with your eyes open,
            then with them closed, always next to something solid.
        """,
        "stop_if": """
            Stop if your knee hurts or gives way, or if you feel dizzy. Only do this exercise where you
            can steady yourself straight away. A knee that keeps giving way needs checking within a day
            or two: contact NHS 111 or your GP.
        """,
    },
]


def md(text):
    """Content is indented above for readability; Markdown needs it flush left."""
    return textwrap.dedent(text).strip()


def create_content(apps, schema_editor):
    from kneesite.markdown import render

    db = schema_editor.connection.alias
    Source = apps.get_model("articles", "Source")
    Article = apps.get_model("articles", "Article")
    Section = apps.get_model("articles", "Section")
    Exercise = apps.get_model("articles", "Exercise")

    sources = {}
    for key, data in SOURCES.items():
        source = Source.objects.using(db).filter(citation=data["citation"]).first()
        if source is None:
            source = Source.objects.using(db).create(citation=data["citation"], url=data["url"])
        sources[key] = source

    article = Article.objects.using(db).filter(slug=ARTICLE["slug"]).first()
    if article is None:
        article = Article.objects.using(db).create(**ARTICLE, is_published=True, pub_date=PUB_DATE)

    for position, data in enumerate(SECTIONS, start=1):
        if Section.objects.using(db).filter(slug=data["slug"]).exists():
            continue
        body = md(data["body"])
        section = Section.objects.using(db).create(
            article=article,
            slug=data["slug"],
            title=data["title"],
            position=position * 10,
            body=body,
            body_html=render(body),
            is_published=True,
            pub_date=PUB_DATE,
        )
        section.sources.set([sources[key] for key in data["sources"]])

    for data in EXERCISES:
        if Exercise.objects.using(db).filter(slug=data["slug"]).exists():
            continue
        section = Section.objects.using(db).filter(slug=data["section"]).first()
        if section is None:
            continue
        markdown = {field: md(data[field]) for field in ("steps", "progression", "stop_if")}
        exercise = Exercise.objects.using(db).create(
            section=section,
            slug=data["slug"],
            title=data["title"],
            position=data["position"],
            trains=data["trains"],
            dosage=data["dosage"],
            **markdown,
            **{f"{field}_html": render(text) for field, text in markdown.items()},
            is_published=True,
            pub_date=PUB_DATE,
        )
        exercise.sources.set([sources[key] for key in data["sources"]])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_content, migrations.RunPython.noop),
    ]
