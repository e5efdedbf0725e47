"""Satisfaction ratings: recorded and audited, several per object and stage, the latest read
back; unknown values, an unexplained 不满意 and a rating with no rater are refused."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from renda.core import audit, ratings
from renda.core.choices import AuditAction, RatingValue
from renda.core.exceptions import ValidationFailed
from renda.core.models import AuditEntry, Rating
from renda.core.ratings import rating_record
from renda.core.testing import counter, frozen_at

pytestmark = pytest.mark.django_db

V = RatingValue


clock = frozen_at("2026-05-20 10:00:00+08:00", name="clock")


@pytest.fixture
def deputy():
    return get_user_model().objects.create(username="deputy")


@pytest.fixture
def reply():
    """Any saved row will do; a user stands for the reply being rated."""
    return get_user_model().objects.create(username="reply")


written = counter(Rating, AuditEntry)


def refused(fn, field, message):
    assert field in written.refused(ValidationFailed, fn, message).extra["errors"]


def test_a_deputy_rates_a_reply(deputy, reply):
    rating = rating_record(actor=deputy, obj=reply, stage="reply", value=V.SATISFIED)
    assert rating.content_object == reply and rating.rated_by == deputy
    assert rating.rater == deputy.username and rating.rater_label == ""
    entry = audit.timeline(rating).get()
    assert entry.action == AuditAction.CREATE and entry.actor == deputy


def test_the_labels_read_as_a_government_form():
    with translation.override("zh-hans"):
        assert [str(label) for label in V.labels] == ["满意", "基本满意", "不满意"]


def test_staff_record_a_constituents_rating_in_their_name(deputy, reply):
    clerk = get_user_model().objects.create(username="clerk")
    rating = rating_record(
        actor=clerk,
        obj=reply,
        stage="casework.feedback",
        value=V.BASICALLY_SATISFIED,
        rater_label=" 张先生 ",
    )
    assert rating.rated_by is None and rating.rater == "张先生"
    assert audit.timeline(rating).get().actor == clerk


def test_a_dissatisfied_rating_says_why(deputy, reply):
    rating = rating_record(
        actor=deputy, obj=reply, stage="reply", value=V.DISSATISFIED, comment="未解决路灯问题"
    )
    assert rating.comment == "未解决路灯问题"


def test_a_dissatisfied_rating_without_a_comment_is_refused(deputy, reply):
    refused(
        lambda: rating_record(
            actor=deputy, obj=reply, stage="reply", value=V.DISSATISFIED, comment="  "
        ),
        "comment",
        ratings.SAY_WHAT_IS_UNSATISFACTORY,
    )


@pytest.mark.parametrize("value", ["good", "", "SATISFIED", None])
def test_an_unknown_value_is_refused(deputy, reply, value):
    refused(
        lambda: rating_record(actor=deputy, obj=reply, stage="reply", value=value),
        "value",
        ratings.UNKNOWN_VALUE,
    )


def test_a_rating_by_a_command_must_name_the_rater(reply):
    refused(
        lambda: rating_record(actor="import", obj=reply, stage="reply", value=V.SATISFIED),
        "rater_label",
        ratings.NO_RATER,
    )
    rating = rating_record(
        actor="import", obj=reply, stage="reply", value=V.SATISFIED, rater_label="李女士"
    )
    assert rating.rater_label == "李女士"


@pytest.mark.parametrize("stage", ["", "Reply", "答复"])
def test_a_stage_that_is_not_a_slug_is_refused(deputy, reply, stage):
    before = written()
    with pytest.raises(ValidationFailed) as info:
        rating_record(actor=deputy, obj=reply, stage=stage, value=V.SATISFIED)
    assert "stage" in info.value.extra["errors"] and written() == before


def test_after_re_handling_the_latest_rating_counts(deputy, reply, clock):
    first = rating_record(
        actor=deputy, obj=reply, stage="reply", value=V.DISSATISFIED, comment="答非所问"
    )
    rating_record(actor=deputy, obj=reply, stage="fulfilment", value=V.SATISFIED)
    clock.move_to("2026-07-01 10:00:00+08:00")
    second = rating_record(actor=deputy, obj=reply, stage="reply", value=V.SATISFIED)
    assert Rating.objects.latest_for(reply, "reply") == second
    assert Rating.objects.for_object(reply).filter(stage="reply").count() == 2
    assert first in Rating.objects.for_object(reply)
    assert Rating.objects.latest_for(reply, "evaluation") is None
    assert Rating.objects.latest_for(deputy, "reply") is None


def test_ratings_made_in_the_same_instant_are_ordered_by_when_they_were_written(deputy, reply):
    rating_record(actor=deputy, obj=reply, stage="reply", value=V.DISSATISFIED, comment="慢")
    later = rating_record(actor=deputy, obj=reply, stage="reply", value=V.BASICALLY_SATISFIED)
    assert Rating.objects.latest_for(reply, "reply") == later
