"""Django's own messages that its zh-Hans catalogue words with ASCII punctuation ("字符 (目前字符数
3)", "位.", "CSRF验证失败. 请求被中断."), listed here so that `make messages` keeps them in renda's
catalogue, which Django searches before its own (LOCALE_PATHS), and worded there with full-width
punctuation as a Chinese government system writes. Nothing imports this module; it is a source
of msgids only. Regression guard: core/tests/test_django_messages.py.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = [
    # django.core.validators and django.forms: what a refused form shows.
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "max",
    ),
    gettext_noop("(Hidden field %(name)s) %(error)s"),
    gettext_noop("Please correct the duplicate data for %(field)s, which must be unique."),
    gettext_noop("Please correct the duplicate values below."),
    # django.views.csrf: the page a stale form gets.
    gettext_noop("CSRF verification failed. Request aborted."),
]
