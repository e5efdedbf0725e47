"""A suggestion's whole way in a real Chromium on a phone (390×844), by real clicks and form fills:
a deputy drafts a suggestion and invites two co-signers, who confirm from their inbox; the deputy
submits it (confirming the dialog); the office accepts it and assigns it to a lead unit and a
co-handling unit; the co-unit sends its opinion; the lead unit replies with category B and its
signed letter (a real PDF through the file input); the deputy rates the reply 不满意 with a
comment; the unit answers again; the deputy rates it 满意; the unit reports the fulfilment; the
deputy rates it and the item is closed; the office discloses it.

Every response the browser receives answers without an error status, and the console stays free
of errors. Screenshots of each main step land in test-output/test_browser_journey/ (the
`screenshot` fixture's convention).

The public page of a disclosed item is checked by `test_a_disclosed_item_reads_on_the_public_page`,
which is skipped while no public URL name for it resolves (`PUBLIC_DETAIL_NAMES`)."""

import pytest
from django.urls import NoReverseMatch, reverse
from freezegun import freeze_time
from playwright.sync_api import expect

from renda.core.tests.browser import post, sign_in, sign_out
from renda.handling import services as handling
from renda.handling.models import Assignment, Reply
from renda.suggestions import services
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.browser

TITLE = "关于在昌州大道增设公交站点的建议"
BODY = "昌州大道沿线新建小区入住居民多，最近的公交站点相距一公里以上，建议增设站点两处。"
OPINION = "同意增设站点，所需经费可在年度预算中安排。"
REPLY = "已将增设站点列入2026年公交线网优化计划。"
WHY_NOT = "站点位置未与沿线群众商量"
REPLY_AGAIN = "已与沿线群众座谈，商定两处站点的位置。"
DONE = "两处公交站点已建成并投入使用。"
CONTACT = "李明"

# The public page of one disclosed item is being built on another branch: the names it may take.
PUBLIC_DETAIL_NAMES = (
    "public_suggestions:suggestion_detail",
    "public_suggestions:detail",
    "public_suggestions:suggestion",
    "portal:suggestion_detail",
    "portal:suggestion",
    "public:suggestion_detail",
    "suggestions_public:suggestion_detail",
)


def public_url(suggestion) -> str | None:
    for name in PUBLIC_DETAIL_NAMES:
        try:
            return reverse(name, args=[suggestion.pk])
        except NoReverseMatch:
            continue
    return None


@pytest.fixture
def w():
    return world(deputies=3)


class Watch:
    """What went wrong in the browser while the journey ran: error statuses, console errors and
    uncaught exceptions; and the confirm dialogs the buttons asked, each accepted."""

    def __init__(self, page):
        self.failures: list[str] = []
        self.dialogs: list[str] = []
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.failures.append(f"page error: {exc}"))
        page.on("dialog", self._dialog)

    def _response(self, response):
        if response.status >= 400:
            self.failures.append(f"{response.status} {response.request.method} {response.url}")

    def _console(self, message):
        if message.type == "error":
            self.failures.append(f"console: {message.text} ({message.location.get('url')})")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.accept()


def pdf_letter(tmp_path):
    path = tmp_path / "答复函.pdf"
    path.write_bytes(letter().read())
    return path


def status_of(suggestion) -> str:
    suggestion.refresh_from_db()
    return suggestion.status


def step_form(page, name: str):
    """Open a step's form in place (its <details>) and return the form."""
    step = page.locator(f"details[data-step='{name}']")
    summary = step.locator("summary")
    # It reads as a button: a step's colour without a Bootstrap class left it bare text.
    border = summary.evaluate("e => getComputedStyle(e).borderTopColor")
    assert border != "rgba(0, 0, 0, 0)", f"the step “{name}” does not look like a button"
    summary.click()
    form = step.locator("form")
    expect(form).to_be_visible()
    return form


def open_from_inbox(page, title: str) -> None:
    """Open the item a notification is about, as its reader would: from the inbox."""
    page.goto(reverse("notifications:inbox"))
    item = page.locator("main li", has_text=title).first
    post(page, item.locator("form button"))


def open_assignment(page, title: str, screenshot=None) -> None:
    """From the unit's inbox (收件箱), as its clerk finds the work."""
    page.goto(reverse("handling:inbox"))
    # The unit's own inbox: no filter by unit.
    expect(page.locator("main select[name=unit]")).not_to_be_attached()
    if screenshot:
        screenshot()
    page.locator("main .list-group a", has_text=title).first.click()
    expect(page.locator("h1")).to_have_text(title)


def answer(page, text: str, *, category="", contact="", mode="", files=()) -> None:
    form = step_form(page, "answer")
    form.locator("[name=text]").fill(text)
    if category:
        form.locator("[name=result_category]").select_option(category)
        form.locator("[name=contact_person]").fill(contact)
        form.locator("[name=contact_mode]").select_option(mode)
    if files:
        form.locator("input[type=file]").set_input_files([str(f) for f in files])
    post(page, form.locator("button[type=submit]"))


def rate(page, step: str, value: str, comment: str = "") -> None:
    form = step_form(page, step)
    form.locator(f"input[type=radio][value={value}]").check()
    if comment:
        form.locator("[name=comment]").fill(comment)
    post(page, form.locator("button[type=submit]"))


def test_a_suggestion_from_draft_to_disclosed(page, screenshot, w, tmp_path):
    with freeze_time("2026-03-02 10:00:00", tick=True) as clock:
        journey(page, screenshot, w, tmp_path, clock)


def journey(page, screenshot, w, tmp_path, clock):
    watch = Watch(page)
    first, second = w.seats[1].person.name, w.seats[2].person.name

    # The deputy drafts the suggestion and invites two co-signers.
    sign_in(page, w.deputy)
    page.goto(reverse("suggestions:mine"))
    page.locator(f"main a[href='{reverse('suggestions:suggestion_create')}']").click()
    page.locator("#id_kind").select_option("suggestion")
    page.locator("#id_period").select_option("recess")
    page.locator("#id_topic").select_option("transport")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_body").fill(BODY)
    screenshot("01-drafting")
    post(page, page.locator("main form button[type=submit]").first)
    suggestion = Suggestion.objects.get(title=TITLE)
    assert (suggestion.status, suggestion.mandate) == ("draft", w.seat)
    expect(page.locator("h1")).to_have_text(TITLE)
    page.locator(f"main a[href$='/{suggestion.pk}/invite/']").click()
    page.locator("#id_mandates").select_option([str(w.seats[1].pk), str(w.seats[2].pk)])
    post(page, page.locator("main form button[type=submit]").first)
    signers = page.locator("section[aria-labelledby=signers-h]")
    expect(signers).to_contain_text(first)
    expect(signers).to_contain_text(second)
    screenshot("02-invited")
    sign_out(page)

    # Both confirm, each from the invitation in their inbox.
    for n, user in enumerate(w.deputies[1:3], start=1):
        sign_in(page, user)
        open_from_inbox(page, TITLE)
        expect(page.locator("h1")).to_have_text(TITLE)
        if n == 1:
            screenshot("03-asked-to-co-sign")
        post(page, page.locator("section[aria-labelledby=invite-h] button[value='1']"))
        expect(page.locator("section[aria-labelledby=invite-h]")).not_to_be_attached()
        sign_out(page)
    assert set(suggestion.cosigners.values_list("status", flat=True)) == {"confirmed"}

    # The deputy submits it, confirming the dialog the button asks.
    sign_in(page, w.deputy)
    page.goto(suggestion.get_absolute_url())
    post(page, page.locator("form[data-step=submit] button"))
    assert len(watch.dialogs) == 1
    assert status_of(suggestion) == "submitted"
    screenshot("04-submitted")
    sign_out(page)

    # The office accepts it and assigns it to a lead unit and a co-handling unit.
    sign_in(page, w.staff)
    page.goto(reverse("suggestions:suggestion_list"))
    page.locator("main a", has_text=TITLE).first.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    post(page, page.locator("form[data-step=accept] button"))
    assert status_of(suggestion) == "accepted"
    form = step_form(page, "assign")
    form.locator("[name=mode]").select_option("lead_co")
    form.locator("[name=lead]").select_option(str(w.lead_unit.pk))
    form.locator("[name=co]").select_option([str(w.co_unit.pk)])
    screenshot("05-assigning")
    post(page, form.locator("button[type=submit]"))
    assert status_of(suggestion) == "assigned"
    units = page.locator("section[aria-labelledby=units-h] .border.rounded")
    expect(units).to_have_count(2)
    expect(units.first).to_contain_text(w.lead_unit.name)  # the lead first
    expect(units.last).to_contain_text(w.co_unit.name)
    screenshot("06-assigned")
    # The office's list of assignments has both, and filters by unit.
    page.goto(reverse("handling:assignment_list"))
    expect(page.locator("main .list-group a")).to_have_count(2)
    expect(page.locator("main select[name=unit]")).to_be_attached()
    sign_out(page)

    # The co-handling unit accepts and sends its opinion to the lead unit.
    clock.move_to("2026-03-09 10:00:00")
    sign_in(page, w.co_clerk)
    open_assignment(page, TITLE, lambda: screenshot("07-co-unit-inbox"))
    post(page, page.locator("form[data-step=accept] button"))
    answer(page, OPINION)
    assert Assignment.objects.get(unit=w.co_unit).status == "answered"
    expect(page.locator("main")).to_contain_text(OPINION)
    screenshot("08-co-unit-opinion")
    sign_out(page)

    # The lead unit reads the opinion, accepts, and replies: category B, its signed letter.
    clock.move_to("2026-04-20 10:00:00")
    sign_in(page, w.lead_clerk)
    open_assignment(page, TITLE)
    expect(page.locator("main")).to_contain_text(OPINION)
    post(page, page.locator("form[data-step=accept] button"))
    answer(page, REPLY, category="B", contact=CONTACT, mode="met", files=[pdf_letter(tmp_path)])
    reply = Reply.objects.get(kind="reply")
    assert (reply.result_category, reply.contact_person) == ("B", CONTACT)
    assert reply.attachments.get().original_name == "答复函.pdf"
    assert status_of(suggestion) == "replied"
    expect(page.locator("main a", has_text="答复函.pdf")).to_be_visible()
    # Fulfilment comes after the deputy's rating: no button for it yet.
    expect(page.locator("[data-step=fulfil]")).not_to_be_attached()
    screenshot("09-lead-unit-replied")
    sign_out(page)

    # The deputy reads the reply and its letter, and rates it 不满意, saying why.
    sign_in(page, w.deputy)
    page.goto(suggestion.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text(REPLY)
    letter_link = main.locator("a", has_text="答复函.pdf")
    expect(letter_link).to_be_visible()
    served = page.request.get(letter_link.get_attribute("href"))
    assert served.ok and served.body().startswith(b"%PDF")
    screenshot("10-reply-to-rate")
    rate(page, "rate_reply", "dissatisfied", WHY_NOT)
    assert status_of(suggestion) == "rehandling"
    expect(page.locator("section[aria-labelledby=ratings-h]")).to_contain_text(WHY_NOT)
    screenshot("11-dissatisfied")
    sign_out(page)

    # The lead unit answers again.
    clock.move_to("2026-05-11 10:00:00")
    sign_in(page, w.lead_clerk)
    open_assignment(page, TITLE)
    expect(page.locator("main")).to_contain_text(WHY_NOT)
    answer(
        page,
        REPLY_AGAIN,
        category="B",
        contact=CONTACT,
        mode="consulted",
        files=[pdf_letter(tmp_path)],
    )
    assert status_of(suggestion) == "replied"
    assert Reply.objects.filter(kind="reply", round=2).count() == 1
    screenshot("12-answered-again")
    sign_out(page)

    # The deputy is satisfied now.
    sign_in(page, w.deputy)
    page.goto(suggestion.get_absolute_url())
    expect(page.locator("main")).to_contain_text(REPLY_AGAIN)
    rate(page, "rate_reply", "satisfied")
    assert status_of(suggestion) == "fulfilling"
    sign_out(page)

    # The lead unit reports what was done.
    clock.move_to("2026-09-01 10:00:00")
    sign_in(page, w.lead_clerk)
    open_assignment(page, TITLE)
    form = step_form(page, "fulfil")
    form.locator("[name=text]").fill(DONE)
    screenshot("13-reporting-fulfilment")
    post(page, form.locator("button[type=submit]"))
    assert status_of(suggestion) == "fulfilled"
    sign_out(page)

    # The deputy rates the fulfilment: the item is closed.
    sign_in(page, w.deputy)
    page.goto(suggestion.get_absolute_url())
    expect(page.locator("main")).to_contain_text(DONE)
    rate(page, "rate_fulfilment", "satisfied")
    assert status_of(suggestion) == "closed"
    assert (suggestion.first_reply_rating, suggestion.reply_rating) == ("dissatisfied", "satisfied")
    assert suggestion.fulfilment_rating == "satisfied"
    screenshot("14-closed")
    sign_out(page)

    # The office discloses it on the public pages.
    clock.move_to("2026-09-15 10:00:00")
    sign_in(page, w.staff)
    page.goto(suggestion.get_absolute_url())
    expect(page.locator("main dl")).not_to_contain_text("2026年9月15日")
    post(page, page.locator(f"form[action$='/{suggestion.pk}/disclose/'] button[value='1']"))
    suggestion.refresh_from_db()
    assert suggestion.is_public
    # The disclosed date shows on the office's page, and the button now takes it down.
    expect(page.locator("main dl")).to_contain_text("2026年9月15日")
    expect(page.locator(f"form[action$='/{suggestion.pk}/disclose/'] button")).to_have_attribute(
        "value", "0"
    )
    screenshot("15-disclosed")
    sign_out(page)

    assert watch.failures == []


@freeze_time("2026-03-02 10:00:00", tick=True)
def test_a_disclosed_item_reads_on_the_public_page(page, screenshot, w):
    """Built through the services (the journey above took the same steps on the pages)."""
    s = draft(w, title=TITLE)
    url = public_url(s)
    if url is None:
        pytest.skip(f"no public page of a suggestion yet (tried {', '.join(PUBLIC_DETAIL_NAMES)})")
    watch = Watch(page)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    s = services.suggestion_accept(actor=w.staff, suggestion=s)
    services.suggestion_assign(actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit)
    lead = Assignment.objects.get(unit=w.lead_unit)
    handling.assignment_accept(actor=w.lead_clerk, assignment=lead)
    handling.assignment_answer(
        actor=w.lead_clerk,
        assignment=Assignment.objects.get(pk=lead.pk),
        text=REPLY,
        result_category="A",
        contact_person=CONTACT,
        contact_mode="met",
        files=[letter()],
    )
    s.refresh_from_db()
    s = services.suggestion_rate_reply(actor=w.deputy, suggestion=s, value="satisfied")
    assert s.status == "closed"
    services.suggestion_disclose(actor=w.staff, suggestion=s)

    page.goto(url)
    expect(page.locator("main")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text(REPLY)
    screenshot("public")
    assert watch.failures == []
