from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.congresses.models import Term
from renda.core.forms import StyledForm, StyledModelForm
from renda.core.querysets import CHANGE
from renda.people.choices import GroupKind, GroupRole, MandateEndReason
from renda.people.models import DeputyGroup, Mandate, Person
from renda.regions.models import Region


class PersonForm(StyledModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "party",
            "education",
            "phone",
            "phone_public",
            "id_number",
        ]


class PersonContactForm(StyledModelForm):
    """What a deputy keeps up to date on their own record (the service allows no more)."""

    class Meta:
        model = Person
        fields = ["phone", "phone_public"]


class PhotoForm(StyledForm):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. It is re-encoded and its metadata removed."),
    )


class MandateForm(StyledModelForm):
    term = forms.ModelChoiceField(queryset=Term.objects.none(), label=_("Term"))
    electoral_region = forms.ModelChoiceField(
        queryset=Region.objects.none(), label=_("Electoral region"), required=False
    )

    class Meta:
        model = Mandate
        fields = ["term", "electoral_unit", "electoral_region", "post", "work_unit", "start"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        terms = (
            Term.objects.restrict(self.user, CHANGE)
            .select_related("congress__region")
            .order_by("congress__level", "-ordinal")
        )
        self.fields["term"].queryset = terms
        self.fields["term"].label_from_instance = lambda t: str(t)
        self.fields["electoral_region"].queryset = Region.objects.filter(
            level__gte=3, level__lte=4
        ).order_by("code")
        self.fields["start"].required = False
        if self.instance.pk:
            self.fields["term"].disabled = True
            self.fields["term"].queryset = Term.objects.filter(
                pk=self.instance.term_id
            ).select_related("congress__region")
        if self.user is not None and not self.instance.pk:
            from renda.core.scope import scope_for

            scope = scope_for(self.user)
            if scope and not scope.is_admin:
                from renda.core.querysets import prefix_q

                self.fields["electoral_region"].queryset = self.fields[
                    "electoral_region"
                ].queryset.filter(prefix_q("code", scope.region_prefixes))

    def _post_clean(self):
        # The service checks the seat against the term; the form only shapes the input.
        pass


class MandateEndForm(StyledForm):
    end = forms.DateField(label=_("End date"), initial=timezone.localdate, widget=forms.DateInput())
    reason = forms.ChoiceField(choices=MandateEndReason.choices, label=_("Reason"))
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("e.g. the standing committee's decision and its date"),
    )


class GroupForm(StyledModelForm):
    class Meta:
        model = DeputyGroup
        fields = ["name", "kind"]


class GroupCreateForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(choices=GroupKind.choices, label=_("Kind"))
    congress = forms.ModelChoiceField(queryset=None, label=_("Congress"))
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Region"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.congresses.models import Congress

        self.fields["congress"].queryset = Congress.objects.restrict(self.user, CHANGE)
        self.fields["region"].queryset = Region.objects.restrict(self.user, CHANGE).filter(
            level__lte=4
        )


class GroupMemberForm(StyledForm):
    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Deputy"))
    role = forms.ChoiceField(
        choices=GroupRole.choices, label=_("Position"), initial=GroupRole.MEMBER
    )

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = (
            Mandate.objects.restrict(self.user)
            .current()
            .select_related("person", "congress__region")
            .order_by("person__stroke_key")
        )
        self.fields["mandate"].label_from_instance = lambda m: f"{m.person.name}（{m.level_label}）"


class DeputyCreateForm(StyledForm):
    """A new person and their first seat, entered together (see services.deputy_create)."""

    SEAT_FIELDS = ["term", "electoral_unit", "electoral_region", "post", "work_unit", "start"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # Borrow the fields, with their choices and scoped querysets, from the two model forms.
        person_fields = PersonForm(user=user).fields
        seat_fields = MandateForm(user=user).fields
        for name in PersonForm.Meta.fields:
            self.fields[name] = person_fields[name]
        for name in self.SEAT_FIELDS:
            self.fields[name] = seat_fields[name]

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PersonForm.Meta.fields}

    def seat_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.SEAT_FIELDS if name != "term"}
        if data.get("start") is None:
            data.pop("start", None)  # the term's first day
        return data
