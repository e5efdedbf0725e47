from rest_framework import serializers
from rest_framework.reverse import reverse

from renda.congresses.models import Term
from renda.core.api import SlugRelatedField
from renda.people.choices import GroupRole, MandateEndReason
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.selectors import public_seat_rows
from renda.regions.models import Region


class PublicMandateSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(source="congress.level")
    level_label = serializers.CharField()
    congress = serializers.CharField(source="congress.name")
    term = serializers.CharField(source="term.__str__")
    electoral_region = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Mandate
        fields = [
            "level",
            "level_label",
            "congress",
            "term",
            "electoral_unit",
            "electoral_region",
            "post",
            "work_unit",
            "start",
        ]


class PageLinkField(serializers.HyperlinkedIdentityField):
    """The link to an object's page on the site. A page takes no format suffix, so the API's
    own (`/api/v1/deputies.json`) is not passed on to it: it was, and no link could be made
    (a 500)."""

    def get_url(self, obj, view_name, request, format):
        return super().get_url(obj, view_name, request, None)


DEPUTY_PAGE = "portal:deputy"
_ANY_ID = "4611686018427387904"  # an id no link holds otherwise (2**62)


class PublicDeputyListSerializer(serializers.ListSerializer):
    """The public list of deputies written from rows (`selectors.public_deputy_rows`), a page's
    seats read as rows in one query: building the objects and reading the declared fields one
    by one was most of the list's making when the cache missed (issue 11). It writes what
    `PublicDeputySerializer` declares, which remains the schema and the answer for one deputy;
    a test holds the two equal. Objects rather than rows go through the declared fields."""

    # What a row holds: the person's columns, then each seat's.
    person_fields = ("id", "name", "gender", "ethnicity", "photo")
    seat_fields = (
        "congress__level",
        "congress__name",
        "congress__region__name",
        "term__ordinal",
        "term__congress__region__name",
        "electoral_unit",
        "electoral_region__code",
        "post",
        "work_unit",
        "start",
    )

    def to_representation(self, data):
        rows = list(data)
        if not rows or not isinstance(rows[0], dict):
            return super().to_representation(rows)
        request = self.context["request"]
        genders = dict(Person._meta.get_field("gender").flatchoices)
        storage = Person._meta.get_field("photo").storage
        date = serializers.DateField()
        seats = public_seat_rows([row["id"] for row in rows], *self.seat_fields)
        # One link made for the page and each deputy's id put in it: links differ by nothing else.
        head, tail = reverse(DEPUTY_PAGE, kwargs={"pk": _ANY_ID}, request=request).split(_ANY_ID)
        return [
            {
                "id": row["id"],
                "name": row["name"],
                "gender": str(genders.get(row["gender"], row["gender"])),
                "ethnicity": row["ethnicity"],
                "photo": request.build_absolute_uri(storage.url(row["photo"]))
                if row["photo"]
                else None,
                "mandates": [
                    {
                        "level": seat["congress__level"],
                        "level_label": Mandate.label_of(
                            seat["congress__level"], seat["congress__region__name"]
                        ),
                        "congress": seat["congress__name"],
                        "term": Term.name_of(
                            seat["term__congress__region__name"], seat["term__ordinal"]
                        ),
                        "electoral_unit": seat["electoral_unit"],
                        "electoral_region": seat["electoral_region__code"],
                        "post": seat["post"],
                        "work_unit": seat["work_unit"],
                        "start": date.to_representation(seat["start"]),
                    }
                    for seat in seats[row["id"]]
                ],
                "url": f"{head}{row['id']}{tail}",
            }
            for row in rows
        ]


class PublicDeputySerializer(serializers.ModelSerializer):
    """What anyone may see of a deputy: never the private phone, ID number or birth date."""

    gender = serializers.CharField(source="get_gender_display")
    photo = serializers.ImageField(read_only=True, use_url=True)
    mandates = PublicMandateSerializer(source="current_mandates", many=True, read_only=True)
    url = PageLinkField(view_name=DEPUTY_PAGE)

    class Meta:
        model = Person
        fields = ["id", "name", "gender", "ethnicity", "photo", "mandates", "url"]
        list_serializer_class = PublicDeputyListSerializer


class PersonSerializer(serializers.ModelSerializer):
    """Staff view of a person, private fields included (they reach only their own region)."""

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "party",
            "education",
            "phone",
            "phone_public",
            "id_number",
            "photo",
        ]
        read_only_fields = ["photo"]
        validators: list = []


class FirstSeatSerializer(serializers.Serializer):
    """The seat a new person is created with."""

    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    electoral_unit = serializers.CharField(max_length=100, required=False, allow_blank=True)
    electoral_region = SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    post = serializers.CharField(max_length=100, required=False, allow_blank=True)
    work_unit = serializers.CharField(max_length=100, required=False, allow_blank=True)
    start = serializers.DateField(required=False)


class PersonCreateSerializer(PersonSerializer):
    """A new person comes with their first seat, which puts them in the creator's scope."""

    mandate = FirstSeatSerializer(write_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "mandate"]


class PhotoSerializer(serializers.Serializer):
    photo = serializers.FileField()


class MandateSerializer(serializers.ModelSerializer):
    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    electoral_region = SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    level_label = serializers.CharField(read_only=True)
    # Blank while the seat is held (a constraint keeps it blank exactly while `end` is null).
    end_reason = serializers.ChoiceField(
        choices=MandateEndReason.choices,
        allow_blank=True,
        read_only=True,
        label=Mandate._meta.get_field("end_reason").verbose_name,
    )

    class Meta:
        model = Mandate
        fields = [
            "id",
            "person",
            "term",
            "congress",
            "level_label",
            "electoral_unit",
            "electoral_region",
            "post",
            "work_unit",
            "start",
            "end",
            "end_reason",
            "end_note",
        ]
        read_only_fields = ["congress", "end", "end_reason", "end_note"]
        extra_kwargs = {"start": {"required": False}}
        validators: list = []


class MandateEndSerializer(serializers.Serializer):
    end = serializers.DateField()
    reason = serializers.ChoiceField(choices=MandateEndReason.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class GroupSerializer(serializers.ModelSerializer):
    region = SlugRelatedField(slug_field="code", queryset=Region.objects.all())

    class Meta:
        model = DeputyGroup
        fields = ["id", "name", "kind", "congress", "region"]
        validators: list = []


class MembershipSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="mandate.person.name", read_only=True)
    mandate = serializers.PrimaryKeyRelatedField(queryset=Mandate.objects.all())
    role = serializers.ChoiceField(choices=GroupRole.choices, default=GroupRole.MEMBER)

    class Meta:
        model = GroupMembership
        fields = ["id", "mandate", "name", "role"]
        validators: list = []
