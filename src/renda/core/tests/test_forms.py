"""core.forms: the styled widgets."""

import re

from django import forms

from renda.core.forms import StyledForm

CHOICES = [("", "全部"), ("a", "甲 & 乙"), ("b", "丙"), ("分组", [("c", "丁"), ("d", "戊")])]
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


class KindForm(StyledForm):
    kind = forms.ChoiceField(choices=CHOICES, required=False)


def test_a_select_writes_its_options_in_one_template_and_says_what_django_says():
    """The stock Select includes a template per option (a quarter of the public search page's
    making, issue 11); renda's template writes the same options, groups and selection."""
    form = KindForm(data={"kind": "c"})
    ours = str(form["kind"])
    stock = forms.Select(choices=CHOICES, attrs={"class": "form-select"}).render(
        "kind", "c", attrs={"id": "id_kind"}
    )
    assert form.fields["kind"].widget.template_name == "core/widgets/select.html"
    assert OPTION.findall(ours) == OPTION.findall(stock)
    assert ("c", " selected", "丁") in OPTION.findall(ours)
    assert '<optgroup label="分组">' in ours and "甲 &amp; 乙" in ours
    assert 'class="form-select"' in ours and 'id="id_kind"' in ours
