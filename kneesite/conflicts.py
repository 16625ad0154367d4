"""No silent overwrites: an admin form remembers which version of the item it was opened on,
and a save is refused when someone else has saved a newer version since. The refusal names who
and when, says which fields they changed, links to the diff, and keeps everything the second
author typed; saving again then replaces the other version knowingly."""

from django import forms
from django.urls import reverse
from django.utils import formats, timezone
from reversion.models import Version


def latest_version(instance):
    return Version.objects.get_for_object(instance).select_related("revision__user").first()


class ConflictCheckForm(forms.ModelForm):
    loaded_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = latest_version(self.instance) if self.instance.pk else None
        self.fields["loaded_version"].initial = latest.pk if latest else None

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        # Inside the admin's transaction: lock the row (PostgreSQL; SQLite's immediate
        # transactions already queue writers), so no other save slips in between check and save.
        model = type(self.instance)
        list(model._base_manager.select_for_update().filter(pk=self.instance.pk).values_list("pk"))
        latest = latest_version(self.instance)
        loaded = cleaned_data.get("loaded_version")
        if latest and loaded != latest.pk:
            # Re-rendered with this form's data, the page now carries the newer version: saving
            # again is a deliberate choice.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = latest.pk
            raise forms.ValidationError(self._conflict_message(latest, loaded), code="edit_conflict")
        return cleaned_data

    def _conflict_message(self, latest, loaded):
        who = latest.revision.user.get_username() if latest.revision.user else "Someone"
        when = formats.date_format(timezone.localtime(latest.revision.date_created), "j F Y, H:i")
        before = Version.objects.filter(pk=loaded).first() if loaded else None
        fields = {
            field.name: field
            for field in self.instance._meta.get_fields()
            if getattr(field, "editable", False)
        }
        changed = [
            str(fields[name].verbose_name)
            for name, value in latest.field_dict.items()
            if before is not None and name in fields and before.field_dict.get(name) != value
        ]
        what = f" They changed: {', '.join(changed)}." if changed else ""
        compare = ""
        if before is not None:
            opts = self.instance._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[self.instance.pk])
            compare = f" Compare the two versions: {url}?version_id1={before.pk}&version_id2={latest.pk}"
        return (
            f"{who} saved this on {when}, after you opened it.{what} Your changes are still below "
            f"and have not been saved. To replace their version with yours, save again.{compare}"
        )
