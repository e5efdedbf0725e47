"""The API keeps its contract (`make test-fuzz`).

schemathesis reads /api/v1/schema/ and sends generated requests to every operation in it, in
process through Django's WSGI handler, as anonymous, a deputy, a district's staff and an
administrator, against a small seeded world (two districts, congresses, deputies, stations,
groups, commitments, activities, scoring tables, evaluations, commendations and exit warnings).
Every answer must be other than a 5xx, and its status, content type and body must match the
schema.

The published schema lists each operation's successful answers only. The refusals any operation
may give (400 bad input, 401 and 403 on an operation that needs a role, 404 missing or out of
scope, 409 a conflict or a transition the workflow refuses) are added here, with the project's
JSON error body (`renda.core.api.exception_handler`), so the same checks hold refusals to that
shape too. A 2xx the schema does not name, a 405 on an advertised operation, or an HTML error
page fails.

Bounded and repeatable: a fixed seed, derandomised generation, no example database, and
`MAX_EXAMPLES` generated cases per operation and role. The staff, who reach nearly every
operation, also get schemathesis's coverage phase: each parameter and field at its boundaries,
of the wrong type, or left out (how `year=10000` or a `kind`-less group is found). Anonymous, the
deputy and the administrator get the generated cases only, which keeps the step within a few
minutes on two cores. The world is built once per process; each operation and role runs in its
own transaction, rolled back after it, so writes do not leak into the next test.
"""

import copy
import datetime
import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from freezegun import freeze_time
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.fuzz

MAX_EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _config(*, coverage: bool) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": 20260101,
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                # Auth is the role's token, sent below; generated credentials only add 401s.
                "with-security-parameters": False,
            },
            "phases": {"coverage": {"enabled": coverage}, "stateful": {"enabled": False}},
        }
    )


# --- The schema, with the refusals every operation may give -----------------------------------

ERROR_BODY = {
    "type": "object",
    "required": ["detail", "code"],
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "object"},
    },
}


def _refusals(operation: dict, method: str) -> dict[str, str]:
    codes = {"400": "Bad input", "404": "Missing, or outside the caller's scope"}
    if {} not in operation.get("security", []):
        codes |= {"401": "Not signed in", "403": "The caller's role does not allow this"}
    if method != "get":
        codes["409"] = "A conflict, or a step the workflow does not allow now"
    if operation["operationId"] == "auth_token_create":
        codes["429"] = "Too many failed sign-ins: locked out for a while"
    return codes


def _with_refusals(raw: dict) -> dict:
    raw = copy.deepcopy(raw)
    raw["components"]["schemas"]["FuzzError"] = ERROR_BODY
    for item in raw["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for code, description in _refusals(operation, method).items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/FuzzError"}
                            }
                        },
                    },
                )
    return raw


def _published_schema() -> dict:
    # Collection runs before the test environment allows "testserver"; schemathesis sends
    # "localhost" too.
    response = Client(HTTP_HOST="localhost").get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200, response.content[:500]
    return _with_refusals(json.loads(response.content))


def _load(raw: dict, *, coverage: bool):
    schema = schemathesis.openapi.from_dict(copy.deepcopy(raw), config=_config(coverage=coverage))
    schema.app = APP  # requests go through Django's WSGI handler, in this process
    return schema


APP = get_wsgi_application()
RAW = _published_schema()
thorough = _load(RAW, coverage=True)
quick = _load(RAW, coverage=False)


# --- The world ---------------------------------------------------------------------------------


def build_world() -> dict[str, str]:
    """Seed the world (as of 1 March 2025); return each signed-in role's API token."""
    from renda.activities import services as activity_services
    from renda.activities.choices import ActivityStatus
    from renda.activities.tests.factories import ExcuseFactory, world
    from renda.assessment import services as assessment_services
    from renda.assessment.tests.factories import rongchang_table
    from renda.commendations import services as commendation_services
    from renda.commitments.choices import CommitmentStatus
    from renda.commitments.models import CommitmentProgress
    from renda.commitments.tests.factories import CommitmentFactory, CommitmentYearFactory
    from renda.exit_warnings import services as exit_warning_services
    from renda.exit_warnings.choices import ExitRuleKind
    from renda.people.tests.factories import GroupFactory, MembershipFactory
    from renda.regions.tests.factories import HandlingUnitFactory
    from renda.stations.choices import AssignmentRole
    from renda.stations.tests.factories import AssignmentFactory, StationFactory

    # 荣昌区 (its staff, 黎源 the deputy, 王芳) and 铜梁区 (out of their scope), with activities.
    w = world()
    for seat, code in [
        (w.li_seat, "standing_committee_speech"),
        (w.li_seat, "good_deed"),
        (w.wang_seat, "survey"),
    ]:
        w.make(seat, code=code, content=f"{seat.person.name}的{code}")
    w.make(w.tl_seat, ActivityStatus.VERIFIED, content="铜梁的调研")
    activity_services.requirements_apply_preset(actor="test", term=w.tl_term)
    ExcuseFactory(mandate=w.wang_seat)
    ExcuseFactory(mandate=w.tl_seat)

    station = StationFactory(region=w.zs)
    AssignmentFactory(station=station, mandate=w.li_seat, role=AssignmentRole.HEAD)
    AssignmentFactory(station=station, mandate=w.wang_seat)
    AssignmentFactory(mandate=w.tl_seat, station=StationFactory(region=w.tl, name="铜梁联络站"))
    group = GroupFactory(congress=w.congress, region=w.rc, name="直升镇代表小组")
    MembershipFactory(group=group, mandate=w.li_seat)
    MembershipFactory(group=group, mandate=w.wang_seat)
    GroupFactory(congress=w.tl_congress, region=w.tl, name="铜梁代表小组")
    unit = HandlingUnitFactory(region=w.rc)
    HandlingUnitFactory(region=w.tl)

    for congress in (w.congress, w.tl_congress):
        CommitmentYearFactory(congress=congress, year=2025)
    CommitmentFactory(mandate=w.li_seat, title="每季度到联络站接待选民")
    approved = CommitmentFactory(
        mandate=w.li_seat, title="全年走访选民300人次", status=CommitmentStatus.APPROVED
    )
    CommitmentProgress.objects.create(
        commitment=approved, day=datetime.date(2025, 2, 20), text="走访选民120人次", value=120
    )
    CommitmentFactory(
        mandate=w.wang_seat, title="帮助村里修通产业路", status=CommitmentStatus.SUBMITTED
    )
    CommitmentFactory(
        mandate=w.tl_seat, title="走访铜梁企业20家", status=CommitmentStatus.SUBMITTED
    )

    # Scoring tables; 2024 evaluated and final (with its exit warnings), 2025 run and open.
    rongchang_table(w.congress, 2024)
    rongchang_table(w.congress, 2025)
    rongchang_table(w.tl_congress, 2024)
    exit_warning_services.exit_rule_set(actor="test", congress=w.congress, kind=ExitRuleKind.GRADE)
    assessment_services.adjustment_add(
        actor="test",
        congress=w.congress,
        year=2025,
        mandate=w.wang_seat,
        item_code="commendation",
        points=5,
        reason="受到区人大常委会表扬",
    )
    final = assessment_services.evaluation_run(actor="test", congress=w.congress, year=2024)
    final = assessment_services.evaluation_finalize(actor="test", evaluation=final)
    assessment_services.evaluation_set_scores_public(actor="test", evaluation=final, public=True)
    assessment_services.evaluation_run(actor="test", congress=w.congress, year=2025)
    assessment_services.evaluation_run(actor="test", congress=w.tl_congress, year=2024)
    praise = {"actor": "test", "congress": w.congress, "kind": "praise", "year": 2024}
    commendation_services.commendation_nominate(**praise, title="优秀代表", mandate=w.li_seat)
    published = commendation_services.commendation_nominate(**praise, title="优秀小组", group=group)
    for step in ("approve", "publish"):
        commendation_services.commendation_step(actor="test", commendation=published, action=step)

    _suggestions(w, unit)

    users = {"deputy": w.deputy, "staff": w.staff_rc, "admin": w.admin}
    return {role: Token.objects.create(user=user).key for role, user in users.items()}


def _suggestions(w, unit) -> None:
    """黎源's motions and suggestions: a draft with an invitation, one submitted, one accepted,
    one assigned to a unit (answered, disclosed, under key supervision) and one in the unit's
    hands with a request for more time."""
    from renda.accounts.tests.factories import user_with
    from renda.handling import services as handling
    from renda.handling.models import Assignment
    from renda.suggestions import services as suggestion_services
    from renda.suggestions.tests.factories import letter

    def drafted(title):
        return suggestion_services.suggestion_draft(
            actor=w.deputy, mandate=w.li_seat, title=title, body="建议的正文。", topic="transport"
        )

    def accepted(title):
        s = suggestion_services.suggestion_submit(actor=w.deputy, suggestion=drafted(title))
        return suggestion_services.suggestion_accept(actor=w.staff_rc, suggestion=s)

    def in_hand(title):
        s = suggestion_services.suggestion_assign(
            actor=w.staff_rc, suggestion=accepted(title), mode="lead_co", lead=unit
        )
        assignment = Assignment.objects.of(s).get()
        return s, handling.assignment_accept(actor=unit_user, assignment=assignment)

    unit_user = user_with("unit", handling_unit=unit)
    invited = drafted("关于增设公交站点的建议")
    suggestion_services.cosigners_invite(actor=w.deputy, suggestion=invited, mandates=[w.wang_seat])
    suggestion_services.suggestion_submit(actor=w.deputy, suggestion=drafted("关于道路硬化的建议"))
    accepted("关于农贸市场的建议")
    answered, assignment = in_hand("关于饮水安全的建议")
    handling.assignment_answer(
        actor=unit_user,
        assignment=assignment,
        text="已列入年度计划。",
        result_category="A",
        contact_person="李明",
        contact_mode="met",
        files=[letter()],
    )
    suggestion_services.suggestion_disclose(actor=w.staff_rc, suggestion=answered)
    supervision = suggestion_services.supervision_create(
        actor=w.staff_rc, congress=w.congress, year=2025, title="城区交通治理"
    )
    suggestion_services.suggestion_supervise(
        actor=w.staff_rc, suggestion=answered, supervision=supervision
    )
    _s, assignment = in_hand("关于河道整治的建议")
    handling.assignment_request_extension(
        actor=unit_user,
        assignment=assignment,
        requested_until=datetime.date(2025, 7, 31),
        text="需协调上级部门。",
    )


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    """The world, built once for this module's tests and rolled back after the last."""
    # As Django's test client does: after each request the handler would close the database
    # connection, and on PostgreSQL the open transaction (the world, the test's writes) with it.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            with freeze_time("2025-03-01 10:00:00+08:00"):
                tokens = build_world()
            yield tokens
            transaction.set_rollback(True)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# --- The tests ---------------------------------------------------------------------------------


def _call_and_validate(case, role, tokens):
    headers = {} if role == "anonymous" else {"Authorization": f"Token {tokens[role]}"}
    case.call_and_validate(headers=headers, checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff"])
@thorough.parametrize()
def test_the_api_keeps_its_contract(case, role, tokens):
    """Guards every operation, as a district's staff, against 500s and answers the schema
    does not describe, on generated and boundary input."""
    _call_and_validate(case, role, tokens)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "deputy", "admin"])
@quick.parametrize()
def test_the_api_keeps_its_contract_for_every_role(case, role, tokens):
    """Guards every operation, as anonymous, a deputy and the administrator, the same way on
    generated input."""
    _call_and_validate(case, role, tokens)
