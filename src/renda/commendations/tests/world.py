"""Commendations' part of the shared world: 黎源 nominated, 王芳 approved, the group
published."""

from renda.commendations import services


def build(w) -> None:
    def nominate(**subject):
        return services.commendation_nominate(
            actor="test", congress=w.congress, kind="praise", year=2024, title="优秀代表", **subject
        )

    w.nominated = nominate(mandate=w.li_seat)
    w.commended = services.commendation_approve(
        actor="test", commendation=nominate(mandate=w.wang_seat)
    )
    w.published = services.commendation_publish(
        actor="test",
        commendation=services.commendation_approve(
            actor="test", commendation=nominate(group=w.group)
        ),
    )
