"""The programme's weekly check-in: a GET form, its answers only in the URL."""

from django import forms

from .programme import RUN_PAIN_FINE, CheckIn, Overall

YES_NO = [("yes", "Yes"), ("no", "No")]
PAIN = [(str(n), str(n)) for n in range(11)]
# The run's questions: asked only of readers who ran, so not required by themselves.
RUN_FIELDS = ("run_pain", "run_settled", "run_worse")


def _radio(label, topic, choices, hint="", required=True):
    """A question with one answer. `topic` names it in its errors ("the worst pain during a run"),
    so the error summary says which question each error is about."""
    shown = "a number from 0 to 10" if choices == PAIN else "one of the answers shown"
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={
            "required": f"Select an answer for {topic}",
            "invalid_choice": f"Select {shown} for {topic}",
            "several_values": f"Select only one answer for {topic}",
        },
    )


class CheckInForm(forms.Form):
    """The week's answers: warning signs again (the live warning-step choices, labels only, with
    a link to `warning_step_url` for readers unsure of one), the exercises, the runs (if they
    ran) and how the knee is overall. `cleaned` gives (a programme.CheckIn,
    whether a sign makes self-care wait)."""

    def __init__(self, warning_choices, *args, warning_step_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.warning_step_url = warning_step_url  # the self-check's warning step, in full
        self.warning_choices = {choice.slug: choice for choice in warning_choices}
        self.fields["signs"] = forms.MultipleChoiceField(
            label="Since you started, have any of these happened?",
            help_text="Tick every one that applies.",
            choices=[(choice.slug, choice.label) for choice in warning_choices],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Select at least one answer for the warning signs, or “None of these”",
                "invalid_choice": "Select only warning signs from the list",
            },
        )
        self.fields["exercise_pain"] = _radio(
            "How bad was the worst pain during the exercises?",
            "the worst pain during the exercises",
            PAIN,
            "0 means no pain. 10 means the worst pain you can imagine.",
        )
        self.fields["exercise_worse"] = _radio(
            "Was your knee worse the morning after the exercises?",
            "whether your knee was worse the morning after the exercises",
            YES_NO,
        )
        self.fields["ran"] = _radio(
            "Did you run this week?",
            "whether you ran this week",
            YES_NO,
            "Count the trial run, if you had one.",
        )
        self.fields["run_pain"] = _radio(
            "If you ran: how bad was the worst pain during a run?",
            "the worst pain during a run",
            PAIN,
            f"The pain rule allows up to {RUN_PAIN_FINE} out of 10.",
            required=False,
        )
        self.fields["run_settled"] = _radio(
            "If you ran: did the pain settle within about an hour?",
            "whether the pain settled within an hour",
            YES_NO,
            required=False,
        )
        self.fields["run_worse"] = _radio(
            "If you ran: was your knee worse the next morning?",
            "whether your knee was worse the morning after a run",
            YES_NO,
            required=False,
        )
        self.fields["overall"] = _radio(
            "Overall, how is your knee compared with when you started?",
            "how your knee is overall",
            [
                (Overall.BETTER.value, "Better"),
                (Overall.SAME.value, "About the same"),
                (Overall.WORSE.value, "Worse"),
            ],
        )

    def rows(self):
        """What the template needs for each question (includes/choice_field.html): the
        warning signs as labels only (the self-check's warning step has their hints), the 0–10
        scales as a compact row, and the run questions shown only after "Yes, I ran" when
        JavaScript is on (static/js/check-in.js)."""
        for name in self.fields:
            bound_field = self[name]
            yield {
                "field": bound_field,
                "options": [(option, "") for option in bound_field],
                "inline": name != "signs",
                "scale": bound_field.field.choices == PAIN,
                "shown_if": "ran=yes" if name in RUN_FIELDS else "",
                "hint_link": self.warning_step_url if name == "signs" else "",
            }

    def clean(self):
        cleaned_data = super().clean()
        chosen = [self.warning_choices[slug] for slug in cleaned_data.get("signs") or []]
        if len(chosen) > 1 and any(choice.is_exclusive for choice in chosen):
            exclusive = next(choice for choice in chosen if choice.is_exclusive)
            message = f"Select “{exclusive.label}” on its own, or untick it"
            self.add_error("signs", forms.ValidationError(message, code="exclusive"))
        for name in self.fields:
            if name != "signs" and len(self.data.getlist(name)) > 1:
                message = self.fields[name].error_messages["several_values"]
                self.add_error(name, forms.ValidationError(message, code="several_values"))
        if cleaned_data.get("ran") == "yes":
            for name in RUN_FIELDS:
                if not cleaned_data.get(name) and name not in self.errors:
                    message = self.fields[name].error_messages["required"]
                    self.add_error(name, forms.ValidationError(message, code="required"))
        return cleaned_data

    def cleaned(self):
        """(programme.CheckIn, whether a sign makes self-care wait), once the form is valid."""
        data = self.cleaned_data
        ran = data["ran"] == "yes"
        chosen = [self.warning_choices[slug] for slug in data["signs"]]
        waits = any(choice.red_flag and choice.red_flag.self_care_waits for choice in chosen)
        checkin = CheckIn(
            exercise_pain=int(data["exercise_pain"]),
            exercise_worse=data["exercise_worse"] == "yes",
            overall=Overall(data["overall"]),
            run_pain=int(data["run_pain"]) if ran else None,
            run_settled=data["run_settled"] == "yes" if ran else None,
            run_worse=data["run_worse"] == "yes" if ran else None,
            warning=waits,
        )
        return checkin, chosen
