"""The input of a unit's steps on an assignment: forms for pages (the API has its serializers)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.core import limits
from renda.core.forms import MultipleFileField, StyledForm
from renda.core.workflow import NOTE_REQUIRED
from renda.handling import subjects
from renda.handling.choices import ContactMode


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=limits.NOTE, widget=forms.Textarea({"rows": 2})
    )


class ReasonForm(StyledForm):
    note = forms.CharField(
        label=_("Reason"),
        max_length=limits.NOTE,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": NOTE_REQUIRED},
    )


class AnswerForm(StyledForm):
    """The reply letter (a lead or separate unit) or the opinion to the lead (a co-unit)."""

    text = forms.CharField(
        label=pgettext_lazy("letter", "Text"),
        max_length=limits.LETTER,
        widget=forms.Textarea({"rows": 8}),
    )
    result_category = forms.ChoiceField(label=_("Result category"), required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    contact_mode = forms.ChoiceField(
        label=_("Contact with the deputy"), choices=ContactMode.choices, required=False
    )
    files = MultipleFileField(
        label=_("Signed letter (PDF) and other files"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None and self.obj.answers_with_letter:
            self.fields["result_category"].choices = [("", "---------")] + [
                (c.code, str(c)) for c in subjects.of(self.obj).categories(self.obj)
            ]
            self.fields["result_category"].required = True
            self.fields["contact_mode"].required = True
            self.fields["contact_person"].required = True
        elif self.obj is not None:
            for name in ("result_category", "contact_mode"):
                del self.fields[name]
            self.fields["text"].label = _("Opinion to the lead unit")


class FulfilForm(StyledForm):
    text = forms.CharField(
        label=_("What has been done"),
        max_length=limits.LETTER,
        widget=forms.Textarea({"rows": 6}),
    )
    files = MultipleFileField(label=_("Photos and documents"), required=False)


class ReportForm(FulfilForm):
    """A progress report, no step of its own."""

    text = forms.CharField(
        label=_("Progress"), max_length=limits.CONTENT, widget=forms.Textarea({"rows": 4})
    )


class ExtensionRequestForm(StyledForm):
    requested_until = forms.DateField(
        label=_("More time until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Interim explanation to the deputy"),
        max_length=limits.CONTENT,
        widget=forms.Textarea({"rows": 4}),
    )
