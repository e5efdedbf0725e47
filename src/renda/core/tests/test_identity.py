"""Phone and ID card numbers are checked the same way in forms, the API and spreadsheets."""

import pytest
from django.core.exceptions import ValidationError

from renda.core import identity
from renda.core.exceptions import ValidationFailed
from renda.core.models import AuditEntry
from renda.people.choices import Gender
from renda.people.models import Person
from renda.people.services import person_create


@pytest.mark.parametrize(
    "text,clean",
    [
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("023-46701234", "023-46701234"),
        ("（023）46701234", "023-46701234"),
        ("400 123 4567", "400-123-4567"),
    ],
)
def test_phone_numbers_are_written_one_way(text, clean):
    assert identity.clean_phone(text) == clean


@pytest.mark.parametrize("text", ["12345", "023-1", "1380013800", "phone"])
def test_wrong_phone_numbers_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        identity.validate_phone(text)
    assert caught.value.messages == [str(identity.BAD_PHONE)]


def test_the_id_check_digit_follows_gb_11643():
    # The standard's own example: 11010519491231002X.
    assert identity.id_check_digit("11010519491231002") == "X"
    identity.validate_id_number("11010519491231002X")


@pytest.mark.parametrize(
    "text,message",
    [
        ("110105194912310021", identity.BAD_ID_CHECKSUM),
        ("11010519491331002X", identity.BAD_ID_DATE),
        ("1101051949123100", identity.BAD_ID_LENGTH),
        ("11010519491231002x", identity.BAD_ID_LENGTH),  # stored upper-case only
    ],
)
def test_wrong_id_numbers_are_refused_with_the_reason(text, message):
    with pytest.raises(ValidationError) as caught:
        identity.validate_id_number(text)
    assert caught.value.messages == [str(message)]


@pytest.mark.django_db
def test_a_person_with_a_wrong_id_number_is_not_saved():
    with pytest.raises(ValidationFailed) as caught:
        person_create(actor="test", name="王五", gender=Gender.MALE, id_number="110105194912310021")

    assert caught.value.extra["errors"] == {"id_number": [str(identity.BAD_ID_CHECKSUM)]}
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()
