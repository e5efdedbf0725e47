"""Django's own form messages read with full-width punctuation in zh-Hans (renda's catalogue words
them again, core/django_messages.py). Regression test for issue 10: "字符 (目前字符数 3)"."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext


def refusal(field, value) -> str:
    with pytest.raises(ValidationError) as refused:
        field.clean(value)
    return refused.value.messages[0]


@pytest.mark.parametrize(
    "field, value",
    [
        (forms.CharField(max_length=2), "三个字"),
        (forms.CharField(min_length=3), "两字"),
        (forms.DecimalField(max_digits=3, decimal_places=1), "12.34"),
        (forms.DecimalField(max_digits=5, decimal_places=1), "1.23"),
    ],
)
def test_form_refusals_use_full_width_punctuation(field, value):
    message = refusal(field, value)
    assert not any(c in message for c in "().,"), message
    assert message.endswith("。")


def test_the_stale_form_page_speaks_chinese():
    assert gettext("CSRF verification failed. Request aborted.") == "页面已过期，请求未被处理。"
