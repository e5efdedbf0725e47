"""The demo's rows read 演示数据 in every history: the name the builders act under is the one
the demo app names to `core.history` (apps.py does not import the heavy builder)."""

from types import SimpleNamespace

from renda.core import history
from renda.demo import activities, builder, commitments


def test_the_demo_acts_under_the_name_the_history_words_as_demo_data():
    assert builder.ACTOR == activities.ACTOR == commitments.ACTOR == "demo"
    entry = SimpleNamespace(actor_id=None, actor=None, actor_label=builder.ACTOR)
    assert history.actor_name(entry) == "演示数据"
