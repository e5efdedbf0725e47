"""Form plumbing: Bootstrap classes on every widget, and scope-limited choices."""

from django import forms
from django.utils.translation import gettext_lazy as _


def style_fields(fields) -> None:
    """Bootstrap classes, and the browser's own date and time pickers."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
        if type(widget) is forms.Select:
            # Options written in one template: the stock one includes a template per option,
            # a quarter of the public search page's making (issue 11).
            widget.template_name = "core/widgets/select.html"
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        if isinstance(widget, forms.TimeInput):
            widget.input_type = "time"
            widget.format = "%H:%M"


class StyledFormMixin:
    """Adds Bootstrap classes and lets views pass the signed-in `user` and, for a form about one
    object (a workflow step's input), that `obj`."""

    def __init__(self, *args, user=None, obj=None, **kwargs):
        self.user = user
        self.obj = obj
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    """A ModelForm used for validation and rendering only: views pass `cleaned_data` to a
    service, never call `save()`."""

    def save(self, commit=True):  # pragma: no cover - a guard, not a feature
        raise RuntimeError("Forms do not save; the view calls a service.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (photos and documents as evidence)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class WorkdayOverrideForm(StyledForm):
    """A day declared a working day or a day off, with where that comes from."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput())
    is_workday = forms.TypedChoiceField(
        label=_("The day is"),
        choices=[("0", _("A day off")), ("1", _("A working day"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        help_text=_("Where it comes from, e.g. the State Council's notice on the holidays."),
    )
