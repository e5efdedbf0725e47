"""The audit log in words (`core.history`) for the templates: a timeline for the reader."""

from django import template

from renda.core import history

register = template.Library()


@register.simple_tag(takes_context=True)
def history_lines(context, entries) -> list[history.Line]:
    """`{% history_lines timeline as lines %}`: the entries in words for the signed-in reader,
    private values they may not read left out."""
    request = context.get("request")
    return history.read(entries, getattr(request, "user", None))


@register.filter
def action_label(entry) -> str:
    """What the entry did: the workflow step's word ("已交办", "已批准") when it took one,
    else the kind of change ("已修改")."""
    return history.action_word(entry, entry.content_type.model_class())
