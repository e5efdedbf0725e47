"""Congresses' part of the shared world: each district's congress in its term, a session."""

from renda.congresses.tests.factories import CongressFactory, SessionFactory, TermFactory


def build(w) -> None:
    w.term = TermFactory(congress=CongressFactory(region=w.rc))
    w.congress = w.term.congress
    w.session = SessionFactory(term=w.term)
    w.tl_term = TermFactory(congress=CongressFactory(region=w.tl))
    w.tl_congress = w.tl_term.congress
