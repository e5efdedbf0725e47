"""People's part of the shared world: 黎源 (elected in 直升镇, in a group) and 王芳 in 荣昌区,
李铜梁 in 铜梁区."""

from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)


def build(w) -> None:
    w.li = PersonFactory(name="黎源")
    w.li_seat = MandateFactory(person=w.li, term=w.term, electoral_region=w.zs)
    w.wang = PersonFactory(name="王芳")
    w.wang_seat = MandateFactory(person=w.wang, term=w.term)
    w.tl_person = PersonFactory(name="李铜梁")
    w.tl_seat = MandateFactory(person=w.tl_person, term=w.tl_term)
    w.group = GroupFactory(congress=w.congress, region=w.rc, name="直升镇代表小组")
    w.membership = MembershipFactory(group=w.group, mandate=w.li_seat)
