from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.templatetags.static import static
from django.urls import reverse
from markdownx.models import MarkdownxField

from kneesite.publishing import Live, Publishable, Reviewed

from .programme import MAX_SETS

POSITION_HELP = "Lower numbers come first."
SHIPPED_ILLUSTRATION_SIZE = (480, 240)  # the viewBox of every drawing in static/img/exercises/


class Source(models.Model):
    """A reference that pages cite, written once and reused."""

    citation = models.CharField(
        max_length=300,
        unique=True,
        help_text="As readers should see it, e.g. “Crossley KM et al. 2016. Br J Sports Med 50:844–852”.",
    )
    url = models.URLField(
        "link",
        blank=True,
        help_text="Optional: where readers can find it (a DOI link is best).",
    )

    class Meta:
        ordering = ["citation"]
        verbose_name = "source"
        verbose_name_plural = "sources"

    def __str__(self):
        return self.citation


class Article(Reviewed, Publishable):
    """A guide: an ordered set of sections on one page."""

    title = models.CharField(max_length=200, help_text="The page’s heading and browser title.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The last part of the page’s address: /guide/this-slug/."
    )
    summary = models.TextField(
        max_length=300,
        help_text="One or two plain sentences: shown in lists and to search engines.",
    )
    position = models.PositiveIntegerField(default=0, help_text=POSITION_HELP)

    page_url_name = "articles:article"  # its page, for links in Markdown (kneesite/markdown_checks.py)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = "guide article"
        verbose_name_plural = "guide articles"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.page_url_name, kwargs={"slug": self.slug})

    anchors_from = "sections"  # the items whose slugs are its page's #parts (see anchors)

    def anchors(self):
        """The #parts of its page a link may point to: its live sections' slugs (a set)."""
        return set(getattr(self, self.anchors_from).published().values_list("slug", flat=True))

    def schema_org(self):
        """schema.org MedicalWebPage data: what the guide is about and when it was last checked."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "description": self.summary,
            "about": {
                "@type": "MedicalCondition",
                "name": "Patellofemoral pain",
                "alternateName": "Runner’s knee",
            },
            "audience": {"@type": "PeopleAudience", "audienceType": "Runners"},
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed
        return data


class Section(Reviewed, Publishable):
    """One part of an article, with its own anchor on the article's page."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="sections",
        help_text="The guide this section belongs to.",
    )
    title = models.CharField(max_length=200, help_text="The section’s heading.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The section’s anchor: links to it end in #this-slug. Changing it breaks old links.",
    )
    position = models.PositiveIntegerField(default=0, help_text=POSITION_HELP)
    body = MarkdownxField(help_text="Markdown. Start any subheadings at ### (the section title is ##).")
    body_html = models.TextField(editable=False, default="")
    sources = models.ManyToManyField(
        Source, blank=True, related_name="sections", help_text="The references this section rests on."
    )

    markdown_fields = [("body", "body_html")]
    published_with = ("article",)

    class Meta:
        ordering = ["article", "position", "title"]
        verbose_name = "guide section"
        verbose_name_plural = "guide sections"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.slug}"


class Exercise(Reviewed, Publishable):
    """An exercise with its own page, serving one guide section."""

    class Focus(models.TextChoices):
        HIP = "hip", "Hip strengthening"
        KNEE = "knee", "Knee (thigh) strengthening"
        BALANCE = "balance", "Balance"
        STRETCH = "stretch", "Stretch"
        CHECK = "check", "Self-test (not part of a plan)"

    title = models.CharField(max_length=200, help_text="The exercise’s name, e.g. “Glute bridge”.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Its address: /exercises/this-slug/.")
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="exercises",
        help_text="The guide section this exercise serves; it is listed there.",
    )
    position = models.PositiveIntegerField(default=0, help_text=POSITION_HELP + " (within its section)")
    trains = models.CharField(
        "what it trains",
        max_length=300,
        help_text="One plain sentence, e.g. “The muscles at the side of the hip that keep the knee in line.”",
    )
    focus = models.CharField(
        "what it is",
        max_length=10,
        choices=Focus,
        default=Focus.HIP,
        help_text=(
            "Every self-check plan holds at least one hip and one knee strengthening exercise, the "
            "core of treatment; balance and stretches are added where answers call for them. "
            "A self-test is never put in a plan."
        ),
    )
    dosage = models.CharField(
        "how much",
        max_length=200,
        help_text="In one session: sets, repetitions or hold time, e.g. “2–4 sets of about 10”.",
    )
    days_per_week = models.PositiveSmallIntegerField(
        "days a week",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=(
            "How many days a week to do it (1–7), shown after “how much” and used for the self-check’s "
            "week. Leave it empty only for a self-test."
        ),
    )
    illustration = models.ImageField(
        "picture",
        upload_to="exercises/",
        blank=True,
        width_field="illustration_width",
        height_field="illustration_height",
        validators=[FileExtensionValidator(["jpg", "jpeg", "png"])],
        help_text=(
            "Optional: a JPEG or PNG photo or drawing of the start and end positions. It replaces "
            "the drawing the site shipped with. A big photo is made smaller for you, and a phone "
            "photo is turned the right way up."
        ),
    )
    illustration_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    illustration_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    shipped_illustration = models.CharField(max_length=200, blank=True, editable=False)
    illustration_alt = models.CharField(
        "picture description",
        max_length=300,
        blank=True,
        help_text=(
            "Required with a picture: what it shows, for readers who cannot see it, e.g. “Lying on "
            "your back with knees bent; then hips lifted so knees, hips and shoulders line up.”"
        ),
    )
    steps = MarkdownxField(help_text="Markdown: a numbered list of how to do it.")
    steps_html = models.TextField(editable=False, default="")
    progression = MarkdownxField("how to progress", help_text="Markdown: what to change when it gets easy.")
    progression_html = models.TextField(editable=False, default="")
    stop_if = MarkdownxField("stop if", help_text="Markdown: what to stop for, and when to get advice.")
    stop_if_html = models.TextField(editable=False, default="")
    sources = models.ManyToManyField(
        Source, blank=True, related_name="exercises", help_text="The references this page rests on."
    )
    starting_sets = models.PositiveSmallIntegerField(
        "sets to start with",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=(
            "How many sets (or times) a reader starts with, usually 2. “How much” must then give the "
            "range from it to 4, e.g. “2–4 sets of about 10”: the programme shows “2 sets of about "
            "10”, adding one a week while the knee stays within the pain rule. Leave empty if the "
            "dose has no sets."
        ),
    )
    next_exercise = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="easier_exercises",
        help_text=(
            "The harder exercise that comes after this one, once it is easy at 4 sets. Leave empty "
            "for the hardest of its group: the programme never starts a reader on one of those."
        ),
    )

    markdown_fields = [
        ("steps", "steps_html"),
        ("progression", "progression_html"),
        ("stop_if", "stop_if_html"),
    ]

    published_with = ("section", "section__article")
    page_url_name = "articles:exercise"  # its page, for links in Markdown (kneesite/markdown_checks.py)

    class Meta:
        ordering = ["section__article__position", "section__position", "position", "title"]
        verbose_name = "exercise"
        verbose_name_plural = "exercises"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.page_url_name, kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (self.illustration or self.shipped_illustration) and not self.illustration_alt.strip():
            message = "Describe the picture for readers who cannot see it."
            raise ValidationError({"illustration_alt": ValidationError(message, code="required")})
        if self.sets_range and self.sets_range not in self.dosage:
            message = f"Give the range of sets in “how much”, e.g. “{self.sets_range} sets of about 10”, or empty “sets to start with”."
            raise ValidationError({"dosage": ValidationError(message, code="sets_range")})
        if self.focus != self.Focus.CHECK and not self.days_per_week:
            message = "Say how many days a week to do it: the self-check’s week is built from it."
            raise ValidationError({"days_per_week": ValidationError(message, code="required")})

    @property
    def how_often(self):
        if not self.days_per_week:
            return ""
        return "every day" if self.days_per_week == 7 else f"{self.days_per_week} days a week"

    @property
    def dose(self):
        """How much and how often, as every page shows it: “2–4 sets of about 10, 4 days a week”."""
        return ", ".join(part for part in (self.dosage, self.how_often) if part)

    @property
    def picture(self):
        """The picture readers see: an author's upload, else the shipped drawing, as
        {"url", "width", "height", "alt"}; None without one."""
        if self.illustration:
            url, width, height = self.illustration.url, self.illustration_width, self.illustration_height
        elif self.shipped_illustration:
            url, (width, height) = static(self.shipped_illustration), SHIPPED_ILLUSTRATION_SIZE
        else:
            return None
        return {"url": url, "width": width, "height": height, "alt": self.illustration_alt}

    @property
    def is_strengthening(self):
        return self.focus in (self.Focus.HIP, self.Focus.KNEE)

    @property
    def starting_dose(self):
        """The dose a plan starts with: “2 sets of about 10, 4 days a week”."""
        return self.dose_at(self.starting_sets)

    @property
    def sets_range(self):
        """“2–4”: the range of sets its dosage gives, from its starting sets (None without)."""
        return f"{self.starting_sets}–{MAX_SETS}" if self.starting_sets else None

    def dosage_at(self, sets):
        """Its dosage with the range of sets made one number: “2–4 sets of about 10” at 3 sets ->
        “3 sets of about 10”; the dosage as it is when it counts no sets (`sets` None)."""
        if sets is None or not self.sets_range:
            return self.dosage
        return self.dosage.replace(self.sets_range, str(sets), 1)

    def dose_at(self, sets):
        """The dose of one programme week: “3 sets of about 10, 4 days a week”."""
        return ", ".join(part for part in (self.dosage_at(sets), self.how_often) if part)


class RunningStage(models.Model):
    """One stage of the way back to usual running. The programme moves a reader up one stage
    after a week within the pain rule, and back after a flare-up."""

    title = models.CharField(max_length=100, help_text="A short name, e.g. “Walk–run on flat ground”.")
    slug = models.SlugField(max_length=100, unique=True, help_text="A short name that never changes.")
    position = models.PositiveIntegerField(
        default=0, help_text=POSITION_HELP + " The first stage is walking only; the last is usual running."
    )
    runs_per_week = models.PositiveSmallIntegerField(
        "runs a week",
        validators=[MaxValueValidator(7)],
        help_text="How many runs in the week (0 for walking only). The week puts them on days without strengthening where it can.",
    )
    minutes = models.PositiveSmallIntegerField(
        "minutes a run",
        default=0,
        help_text="How long each run lasts, walk breaks included (0 for walking only).",
    )
    walk_breaks = models.CharField(
        "walk breaks",
        max_length=200,
        blank=True,
        help_text="E.g. “Run 1 minute, walk 2 minutes”. Empty for none.",
    )
    pace = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Easy: you can talk in full sentences”."
    )
    terrain = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Flat ground only: no hills or stairs”."
    )
    description = models.TextField(
        help_text="Two or three short sentences: what to do this week, in plain words. Shown on each run day's plan."
    )

    class Meta:
        ordering = ["position", "title"]
        verbose_name = "running stage"
        verbose_name_plural = "running stages"

    def __str__(self):
        return self.title

    @property
    def run_text(self):
        """One run day as the week's table says it: “Run 20 minutes: run 1 minute, walk 2 minutes.”
        (pace and terrain are said once, above the table)."""
        return f"Run for {self.minutes} minutes" + (f": {self.walk_breaks}." if self.walk_breaks else ".")


# The self-check: questions with choices that point to exercises, sections and red flags.


class RedFlag(models.Model):
    """A sign that the knee needs a clinician rather than self-care (NHS care-card levels)."""

    class Level(models.IntegerChoices):
        # Lower value = more urgent, so ordering by level puts the most urgent first.
        EMERGENCY = 1, "Emergency: get help now"
        URGENT = 2, "Urgent: get help the same or next day"
        SOON = 3, "Soon: book an appointment"

    title = models.CharField(
        max_length=200,
        help_text="The sign in plain words, e.g. “Your knee locks or keeps giving way”.",
    )
    level = models.PositiveSmallIntegerField(
        choices=Level,
        help_text=(
            "How fast to act, following the NHS care-card levels: emergency = A&E or 999 now; "
            "urgent = NHS 111, urgent care or a GP the same or next day; soon = a routine GP or "
            "physiotherapy appointment. Sources: NHS Gloucestershire “Red flags for knee conditions”; "
            "the Ottawa knee rules; the “Knee pain” page of the NHS website; Cornwall NHS referral criteria for knees."
        ),
    )
    what_to_do = models.TextField(
        "what to do",
        help_text="Who to contact and how fast, e.g. “Go to A&E or call 999 now.”",
    )
    why = models.TextField(help_text="One or two plain sentences on why this needs a clinician.")
    source = models.CharField(
        max_length=300,
        help_text="Where this red flag comes from, e.g. “NHS Gloucestershire: Red flags for knee conditions”.",
    )
    sees_someone_first = models.BooleanField(
        "see someone before self-care",
        default=False,
        help_text=(
            "Tick for a sign that a clinician should check before the reader starts any exercises, even "
            "at the “soon” level (e.g. under 16). Emergency and urgent signs always wait. A result with "
            "such a sign shows no exercises, plan or running advice, and the self-check ends there."
        ),
    )

    class Meta:
        ordering = ["level", "title"]
        verbose_name = "red flag"
        verbose_name_plural = "red flags"

    def __str__(self):
        return f"{self.title} ({self.get_level_display()})"

    @property
    def level_name(self):
        return self.Level(self.level).name.lower()

    @property
    def self_care_waits(self):
        """Exercises and running wait until the knee has been seen: at emergency and urgent levels,
        and for signs marked “see someone before self-care”."""
        return self.level <= self.Level.URGENT or self.sees_someone_first


class Question(Publishable):
    """One question of the self-check, answered by choosing one or several choices."""

    class Kind(models.TextChoices):
        SINGLE = "single", "One answer (radio buttons)"
        MULTIPLE = "multiple", "Any number of answers (checkboxes)"

    text = models.CharField(max_length=300, help_text="The question, as the reader sees it.")
    slug = models.SlugField(
        max_length=50,
        unique=True,
        help_text="Short name used in the result’s address (…?this-slug=…). Changing it breaks saved results.",
    )
    hint = models.CharField(max_length=300, blank=True, help_text="Optional help shown under the question.")
    kind = models.CharField(
        "answers allowed",
        max_length=10,
        choices=Kind,
        default=Kind.SINGLE,
        help_text="Multiple-choice questions should offer a “None of these” choice.",
    )
    position = models.PositiveIntegerField(default=0, help_text=POSITION_HELP)
    is_warning_step = models.BooleanField(
        "asked first, on its own",
        default=False,
        help_text=(
            "Tick for warning-sign questions. They are asked on the first page, alone; an answer that "
            "makes self-care wait (an emergency or urgent red flag, or “see someone before self-care”) "
            "ends the self-check there, with the result. Other questions come on the next page."
        ),
    )

    # The self-check step that asks it, by `is_warning_step`: the warning signs come first, alone.
    STEP_URL_NAMES = {True: "articles:self_check", False: "articles:self_check_questions"}

    class Meta:
        ordering = ["-is_warning_step", "position", "text"]
        verbose_name = "self-check question"
        verbose_name_plural = "self-check questions"

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse(self.STEP_URL_NAMES[self.is_warning_step]) + f"#question-{self.slug}"


class Choice(Live):
    """An answer to a question, with what it leads to. Readers are offered it while it is
    published and its question is live (`Choice.objects.published()`, `is_live`)."""

    class RunningChange(models.IntegerChoices):
        # Higher = more careful, so the plan takes the highest of the reader's answers.
        KEEP = 0, "No change"
        CUT_BACK = 1, "Cut running back"
        REST = 2, "A week off running, then a trial run"

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", help_text="The question it answers."
    )
    label = models.CharField(max_length=300, help_text="The answer, as the reader sees it.")
    slug = models.SlugField(
        max_length=50, help_text="Short name used in the result’s address; unique within its question."
    )
    hint = models.CharField(max_length=300, blank=True, help_text="Optional help shown under this answer.")
    position = models.PositiveIntegerField(default=0, help_text=POSITION_HELP)
    is_published = models.BooleanField(
        "published", default=True, help_text="Unpublished choices are not offered to readers."
    )
    reason = models.CharField(
        "because…",
        max_length=300,
        blank=True,
        help_text=(
            "Ends the sentence “Recommended because …” on the result, "
            "e.g. “your knee moved inward in the half-squat test”."
        ),
    )
    exercises = models.ManyToManyField(
        Exercise, blank=True, related_name="choices", help_text="Exercises this answer recommends."
    )
    sections = models.ManyToManyField(
        Section,
        blank=True,
        related_name="choices",
        help_text="Guide sections this answer recommends reading.",
    )
    is_exclusive = models.BooleanField(
        "only on its own",
        default=False,
        help_text="For “None of these” in a multiple-choice question: it cannot be chosen with other answers.",
    )
    running_change = models.PositiveSmallIntegerField(
        "what it means for running",
        choices=RunningChange,
        default=RunningChange.KEEP,
        help_text=(
            "The plan follows the most careful of the reader’s answers: keep running as it is; cut it "
            "back until runs stop making the pain worse; or a week off running, then a short trial run "
            "(only where running is out of the question, e.g. walking hurts)."
        ),
    )
    red_flag = models.ForeignKey(
        RedFlag,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="choices",
        help_text="If this answer is a sign to see a clinician, the red flag it raises.",
    )

    published_with = ("question",)

    class Meta:
        ordering = ["question", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["question", "slug"], name="unique_choice_slug_per_question")
        ]
        verbose_name = "answer choice"
        verbose_name_plural = "answer choices"

    def __str__(self):
        return self.label
