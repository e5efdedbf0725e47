from renda.core.scope import scope_for


def navigation(request):
    """What the header shows: the roles of the signed-in user."""
    scope = scope_for(getattr(request, "user", None))
    return {"user_scope": scope}
