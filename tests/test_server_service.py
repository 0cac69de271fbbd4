"""The coalition service on a real PostgreSQL: roles, concurrent edits, comments, suggestions,
sign-off, the audit log and confidential evidence, each as the people of a small coalition meet them."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

from shadowreport.project.model import EvidenceItem, Recommendation

from .factories import upr_project

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough passphrase"


@dataclass
class World:
    """A coalition of three organisations and a reviewer, working on one project."""

    coalition: object
    project_id: str
    coordinator: object
    alice: object  # member, Casa Nuova: section "evidence"
    bruno: object  # member, Lavoro Giusto: section "recommendations"
    rita: object  # reviewer, Casa Nuova


@pytest.fixture
def world(postgres_url: str) -> World:
    from shadowreport.server.service import Coalition

    coalition = Coalition(postgres_url)
    for name, organisation, role in [("carla", "Strada Aperta", "coordinator"), ("alice", "Casa Nuova", "member"),
                                     ("bruno", "Lavoro Giusto", "member"), ("rita", "Casa Nuova", "reviewer")]:
        coalition.accounts.add(name, organisation, role, PASSWORD)
    users = {name: coalition.user_for(coalition.login(name, PASSWORD)) for name in ("carla", "alice", "bruno", "rita")}
    project_id = coalition.create_project(users["carla"], upr_project())
    for organisation in ("Casa Nuova", "Lavoro Giusto"):
        coalition.invite(users["carla"], project_id, organisation)
    coalition.assign(users["carla"], project_id, "evidence", "Casa Nuova")
    coalition.assign(users["carla"], project_id, "recommendations", "Lavoro Giusto")
    return World(coalition, project_id, users["carla"], users["alice"], users["bruno"], users["rita"])


def _section(world: World, user, section_id: str):
    return next(s for s in world.coalition.sections(user, world.project_id) if s.id == section_id)


def test_the_migrations_make_exactly_the_declared_tables(postgres_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from shadowreport.server import coalition_tables, db, store_tables  # noqa: F401  (their tables join db.metadata)
    from shadowreport.server.sql_store import shared_engine

    with shared_engine(postgres_url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata)
    assert differences == []


def test_each_role_can_do_what_it_is_for_and_nothing_more(world: World, postgres_url: str) -> None:
    from shadowreport.server.service import NotAllowed

    coalition, pid = world.coalition, world.project_id
    assert [s.id for s in coalition.projects(world.alice)] == [pid]
    editable = {user.name: {s.id for s in coalition.sections(user, pid) if s.may_edit}
                for user in (world.coordinator, world.alice, world.bruno, world.rita)}
    assert editable == {"carla": {"submitters", "evidence", "recommendations"}, "alice": {"evidence"},
                        "bruno": {"recommendations"}, "rita": set()}

    version = _section(world, world.alice, "evidence").version
    assert coalition.save_section(world.alice, pid, "evidence", "Casa Nuova's findings.", version) == version + 1
    with pytest.raises(NotAllowed, match="not assigned to your organisation: suggest"):
        coalition.save_section(world.alice, pid, "recommendations", "Hers.", _section(world, world.alice, "recommendations").version)
    with pytest.raises(NotAllowed, match="reviewer you can read and comment"):
        coalition.save_section(world.rita, pid, "evidence", "Mine.", version + 1)
    with pytest.raises(NotAllowed, match="reviewer of this project you cannot suggest"):
        coalition.suggest(world.rita, pid, "evidence", "Mine.")
    assert coalition.comment(world.rita, pid, "evidence", "Which year is this figure from?").author == "rita"
    for attempt in (lambda: coalition.invite(world.alice, pid, "Lavoro Giusto"),
                    lambda: coalition.assign(world.alice, pid, "submitters", "Casa Nuova"),
                    lambda: coalition.lock(world.bruno, pid), lambda: coalition.export(world.alice, pid),
                    lambda: coalition.audit(world.rita, pid)):
        with pytest.raises(NotAllowed, match="cannot"):
            attempt()
    with pytest.raises(NotAllowed, match="Only a coordinator can start"):
        coalition.create_project(world.alice, upr_project(id="prj-other"))

    # An organisation that was not invited sees nothing of the project, not even its title.
    coalition.accounts.add("olga", "Outside Org", "coordinator", PASSWORD)
    olga = coalition.user_for(coalition.login("olga", PASSWORD))
    assert coalition.projects(olga) == []
    for attempt in (lambda: coalition.project_for(olga, pid), lambda: coalition.sections(olga, pid),
                    lambda: coalition.comments(olga, pid), lambda: coalition.export(olga, pid)):
        with pytest.raises(NotAllowed, match="does not work on a project"):
            attempt()

    # The coordinator locks the project for the final read: members stop, the coordinator goes on.
    assert not coalition.is_locked(world.alice, pid)
    coalition.lock(world.coordinator, pid)
    assert coalition.is_locked(world.alice, pid) and coalition.is_locked(world.rita, pid)
    with pytest.raises(NotAllowed, match="locked"):
        coalition.save_section(world.alice, pid, "evidence", "Later.", version + 1)
    assert not _section(world, world.alice, "evidence").may_edit
    assert coalition.save_section(world.coordinator, pid, "evidence", "Final.", version + 1) == version + 2
    coalition.lock(world.coordinator, pid, locked=False)
    assert coalition.save_section(world.alice, pid, "evidence", "After the lock.", version + 2) == version + 3


def test_two_members_saving_different_sections_at_once_both_keep_their_text(world: World) -> None:
    coalition, pid = world.coalition, world.project_id
    start = {s.id: s.version for s in coalition.sections(world.alice, pid)}
    both_ready = threading.Barrier(2)
    errors: list[BaseException] = []

    def edit(user, section_id: str, text: str) -> None:
        try:
            both_ready.wait(timeout=10)
            coalition.save_section(user, pid, section_id, text, start[section_id])
        except BaseException as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=edit, args=(world.alice, "evidence", "Alice's evidence.")),
               threading.Thread(target=edit, args=(world.bruno, "recommendations", "Bruno's recommendations."))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    texts = {s.id: s.text for s in coalition.project_for(world.coordinator, pid).sections}
    assert texts["evidence"] == "Alice's evidence." and texts["recommendations"] == "Bruno's recommendations."
    after = {s.id: (s.version, s.updated_by) for s in coalition.sections(world.coordinator, pid)}
    assert after["evidence"] == (start["evidence"] + 1, "alice") and after["recommendations"] == (start["recommendations"] + 1, "bruno")


def test_the_same_section_saved_twice_from_one_version_refuses_the_second_with_both_texts(world: World) -> None:
    from shadowreport.server.service import SectionConflict

    coalition, pid = world.coalition, world.project_id
    coalition.assign(world.coordinator, pid, "evidence", "Lavoro Giusto")  # a shared section
    seen_by_bruno = _section(world, world.bruno, "evidence")
    coalition.save_section(world.alice, pid, "evidence", "Alice's version.", _section(world, world.alice, "evidence").version)
    with pytest.raises(SectionConflict) as conflict:
        coalition.save_section(world.bruno, pid, "evidence", "Bruno's version.", seen_by_bruno.version)
    assert (conflict.value.mine, conflict.value.theirs, conflict.value.by) == ("Bruno's version.", "Alice's version.", "alice")
    assert conflict.value.their_version == seen_by_bruno.version + 1
    assert _section(world, world.bruno, "evidence").text == "Alice's version."  # nothing overwritten
    # Bruno chooses to keep both: saved against the version he has now seen.
    coalition.save_section(world.bruno, pid, "evidence", "Alice's version.\n\nBruno's version.", conflict.value.their_version)
    assert _section(world, world.alice, "evidence").text == "Alice's version.\n\nBruno's version."


def test_comments_are_shared_and_resolved_by_their_author_or_the_coordinator(world: World) -> None:
    from shadowreport.server.service import NotAllowed

    coalition, pid = world.coalition, world.project_id
    first = coalition.comment(world.rita, pid, "evidence", "Which year is this figure from?")
    second = coalition.comment(world.bruno, pid, "recommendations", "Name the ministry.")
    assert [(c.author, c.organisation, c.section_id) for c in coalition.comments(world.alice, pid)] == [
        ("rita", "Casa Nuova", "evidence"), ("bruno", "Lavoro Giusto", "recommendations")]
    assert [c.id for c in coalition.comments(world.alice, pid, "evidence")] == [first.id]
    with pytest.raises(NotAllowed, match="author or the coordinator"):
        coalition.resolve_comment(world.alice, first.id)
    coalition.resolve_comment(world.rita, first.id)
    coalition.resolve_comment(world.coordinator, second.id)
    resolved = {c.id: c.resolved_by for c in coalition.comments(world.bruno, pid)}
    assert resolved == {first.id: "rita", second.id: "carla"}
    with pytest.raises(NotAllowed, match="empty"):
        coalition.comment(world.rita, pid, "evidence", "   ")
    with pytest.raises(NotAllowed, match="no section 'nowhere'"):
        coalition.comment(world.rita, pid, "nowhere", "Hello.")


def test_suggestions_wait_for_the_coordinator_who_accepts_or_rejects_them(world: World) -> None:
    from shadowreport.server.service import NotAllowed, SectionConflict

    coalition, pid = world.coalition, world.project_id
    before = _section(world, world.alice, "recommendations")
    accepted = coalition.suggest(world.alice, pid, "recommendations", "We recommend that the Ministry of Labour adopts a referral mechanism.")
    rejected = coalition.suggest(world.alice, pid, "recommendations", "Something else.")
    assert _section(world, world.alice, "recommendations").text == before.text  # a suggestion changes nothing yet
    with pytest.raises(NotAllowed, match="cannot accept or reject"):
        coalition.decide(world.bruno, accepted.id, accept=True)
    version = coalition.decide(world.coordinator, accepted.id, accept=True)
    assert _section(world, world.bruno, "recommendations").text == accepted.text and version == before.version + 1
    with pytest.raises(SectionConflict):  # written on the older version: the coordinator sees both first
        coalition.decide(world.coordinator, rejected.id, accept=True)
    assert coalition.decide(world.coordinator, rejected.id, accept=False) is None
    with pytest.raises(NotAllowed, match="already rejected"):
        coalition.decide(world.coordinator, rejected.id, accept=True)
    assert [(s.status, s.decided_by) for s in coalition.suggestions(world.rita, pid, "recommendations")] == [
        ("accepted", "carla"), ("rejected", "carla")]


def test_a_suggestion_decided_by_someone_else_meanwhile_changes_no_text(world: World, monkeypatch) -> None:
    from shadowreport.server.service import Coalition, NotAllowed

    coalition, pid = world.coalition, world.project_id
    before = _section(world, world.alice, "recommendations")
    suggestion = coalition.suggest(world.alice, pid, "recommendations", "A referral mechanism.")
    real_require = Coalition._require
    interrupted: list[bool] = []

    def another_tab_rejects_it_first(self, *args, **kwargs):
        if not interrupted:  # carla's other tab rejects it once her first click has read it as open
            interrupted.append(True)
            coalition.decide(world.coordinator, suggestion.id, accept=False)
        return real_require(self, *args, **kwargs)

    monkeypatch.setattr(Coalition, "_require", another_tab_rejects_it_first)
    with pytest.raises(NotAllowed, match="decided by someone else meanwhile"):
        coalition.decide(world.coordinator, suggestion.id, accept=True)
    assert _section(world, world.alice, "recommendations") == before  # the text of a rejected suggestion was not saved
    assert [s.status for s in coalition.suggestions(world.rita, pid)] == ["rejected"]
    assert [e.action for e in coalition.audit(world.coordinator, pid)][:2] == ["suggestion.reject", "suggestion.add"]


def test_a_sign_off_holds_for_the_snapshot_signed_and_any_later_change_reopens_it(world: World) -> None:
    from shadowreport.server.service import NotAllowed

    coalition, pid = world.coalition, world.project_id
    status = coalition.signoff_status(world.alice, pid)
    assert {s.organisation: s.state for s in status.organisations} == {
        "Strada Aperta": "pending", "Casa Nuova": "pending", "Lavoro Giusto": "pending"}
    coalition.sign_off(world.alice, pid, status.snapshot_hash)
    with pytest.raises(NotAllowed, match="only for your own organisation"):
        coalition.sign_off(world.alice, pid, status.snapshot_hash, organisation_id=world.bruno.organisation_id)
    with pytest.raises(NotAllowed, match="reviewer of this project you cannot sign off"):
        coalition.sign_off(world.rita, pid, status.snapshot_hash)
    signed = coalition.signoff_status(world.bruno, pid)
    assert {s.organisation: s.state for s in signed.organisations}["Casa Nuova"] == "signed"
    assert signed.snapshot_hash == status.snapshot_hash
    assert {m.name: m.sign_off for m in coalition.project_for(world.bruno, pid).members}["Casa Nuova"] == "approved"

    # Bruno changes his section: what Casa Nuova signed is no longer the report.
    coalition.save_section(world.bruno, pid, "recommendations", "A new recommendation.", _section(world, world.bruno, "recommendations").version)
    reopened = coalition.signoff_status(world.alice, pid)
    casa = next(s for s in reopened.organisations if s.organisation == "Casa Nuova")
    assert casa.state == "reopened" and casa.reopened_at is not None and reopened.snapshot_hash != status.snapshot_hash
    assert {m.name: m.sign_off for m in coalition.project_for(world.alice, pid).members}["Casa Nuova"] == "pending"
    with pytest.raises(NotAllowed, match="changed since you read it"):
        coalition.sign_off(world.alice, pid, status.snapshot_hash)  # the old snapshot cannot be signed any more
    with pytest.raises(NotAllowed, match="recorded only on its behalf"):  # never another organisation's consent by default
        coalition.sign_off(world.coordinator, pid, reopened.snapshot_hash, organisation_id=world.bruno.organisation_id)
    with pytest.raises(NotAllowed, match="recorded only on its behalf"):  # nor "on behalf" of one's own organisation
        coalition.sign_off(world.coordinator, pid, reopened.snapshot_hash, on_behalf=True)
    coalition.sign_off(world.coordinator, pid, reopened.snapshot_hash, organisation_id=world.bruno.organisation_id, on_behalf=True)  # by e-mail
    again = {s.organisation: (s.state, s.signed_by, s.on_behalf) for s in coalition.signoff_status(world.alice, pid).organisations}
    assert again["Lavoro Giusto"] == ("signed", "carla", True) and again["Casa Nuova"][0] == "reopened"
    recorded = next(e for e in coalition.audit(world.coordinator, pid) if e.action == "signoff.on_behalf")
    assert (recorded.user, recorded.target) == ("carla", world.bruno.organisation_id) and "on its behalf by carla" in recorded.summary


def test_the_audit_log_names_who_changed_what_without_the_text(world: World) -> None:
    from shadowreport.server.service import NotAllowed

    coalition, pid = world.coalition, world.project_id
    secret = "Survivor D.K. was held in a farmhouse near the border."
    coalition.save_section(world.alice, pid, "evidence", secret, _section(world, world.alice, "evidence").version)
    coalition.comment(world.rita, pid, "evidence", secret)
    coalition.save_evidence(world.alice, pid, EvidenceItem(id="ev-dk", kind="case", claim=secret, confidentiality="confidential"))
    status = coalition.signoff_status(world.bruno, pid)
    coalition.sign_off(world.bruno, pid, status.snapshot_hash)
    coalition.save_section(world.coordinator, pid, "submitters", "Four organisations.", _section(world, world.coordinator, "submitters").version)
    entries = coalition.audit(world.coordinator, pid)
    actions = [(e.user, e.action, e.target) for e in reversed(entries)]
    assert actions == [
        ("carla", "project.create", ""), ("carla", "project.invite", "Casa Nuova"), ("carla", "project.invite", "Lavoro Giusto"),
        ("carla", "section.assign", "evidence"), ("carla", "section.assign", "recommendations"),
        ("alice", "section.save", "evidence"), ("rita", "comment.add", "evidence"), ("alice", "evidence.save", "ev-dk"),
        ("bruno", "signoff.sign", world.bruno.organisation_id), ("carla", "section.save", "submitters"),
        ("carla", "signoff.reopen", world.bruno.organisation_id)]
    assert all(secret not in f"{e.target} {e.summary}" and "farmhouse" not in e.summary for e in entries)
    with pytest.raises(NotAllowed, match="cannot read the audit log"):
        coalition.audit(world.alice, pid)


def test_a_section_save_its_audit_line_and_the_sign_offs_it_reopens_commit_together_or_not_at_all(world: World, monkeypatch) -> None:
    from shadowreport.server.service import Coalition, SectionConflict

    coalition, pid = world.coalition, world.project_id
    coalition.sign_off(world.alice, pid, coalition.signoff_status(world.alice, pid).snapshot_hash)
    seen = _section(world, world.bruno, "recommendations")
    real_changed = Coalition._changed

    def bruno_saves_first(self, connection, user, action, *args, **kwargs):
        # Alice's save passed its checks; before it takes the project's lock, Bruno's save of the same section commits.
        monkeypatch.setattr(Coalition, "_changed", real_changed)
        coalition.save_section(world.bruno, pid, "recommendations", "Bruno's text.", seen.version)
        real_changed(self, connection, user, action, *args, **kwargs)

    monkeypatch.setattr(Coalition, "_changed", bruno_saves_first)
    with pytest.raises(SectionConflict) as refused:
        coalition.save_section(world.coordinator, pid, "recommendations", "Carla's text.", seen.version)
    assert (refused.value.theirs, refused.value.their_version) == ("Bruno's text.", seen.version + 1)
    assert _section(world, world.alice, "recommendations").text == "Bruno's text."
    lines = [(e.user, e.action) for e in reversed(coalition.audit(world.coordinator, pid))][-2:]
    assert lines == [("bruno", "section.save"), ("bruno", "signoff.reopen")]  # nothing of carla's refused save
    assert {s.organisation: s.state for s in coalition.signoff_status(world.alice, pid).organisations}["Casa Nuova"] == "reopened"


def test_saving_the_text_a_section_already_has_changes_nothing_and_reopens_no_sign_off(world: World) -> None:
    coalition, pid = world.coalition, world.project_id
    saved = coalition.save_section(world.alice, pid, "evidence", "Casa Nuova's findings.", _section(world, world.alice, "evidence").version)
    coalition.sign_off(world.bruno, pid, coalition.signoff_status(world.bruno, pid).snapshot_hash)
    head, audit_lines = coalition.store.head(pid), len(coalition.audit(world.coordinator, pid))
    assert coalition.save_section(world.alice, pid, "evidence", "Casa Nuova's findings.", saved) == saved
    assert coalition.store.head(pid) == head and len(coalition.audit(world.coordinator, pid)) == audit_lines
    assert {s.organisation: s.state for s in coalition.signoff_status(world.alice, pid).organisations}["Lavoro Giusto"] == "signed"


def test_confidential_evidence_is_seen_only_by_its_organisation_and_the_coordinator(world: World) -> None:
    from shadowreport.server.service import NotAllowed

    coalition, pid = world.coalition, world.project_id
    confidential = EvidenceItem(id="ev-casa-secret", kind="testimony", claim="A worker told us where she was kept.", confidentiality="confidential")
    coalition.save_evidence(world.alice, pid, confidential)
    coalition.save_evidence(world.alice, pid, EvidenceItem(id="ev-casa-shared", kind="statistic", claim="41 workers assisted.",
                                                            confidentiality="restricted"))
    # The coordinator links a recommendation to it: the link must not reveal the item to others either.
    full = coalition.export(world.coordinator, pid)
    assert full.evidence_item("ev-casa-secret").contributed_by == world.alice.organisation_id  # attributed to her organisation

    stored = coalition.store.load(pid)
    linked = stored.project.model_copy(deep=True)
    linked.recommendations.append(Recommendation(id="rec-shelter", addressee="the Ministry", verb="fund",
                                                 object="shelters", evidence_ids=["ev-casa-secret", "ev-recruit"]))
    coalition.store.save(linked, stored.version)

    def seen_by(user) -> set[str]:
        return {e.id for e in coalition.project_for(user, pid).evidence}

    assert {"ev-casa-secret", "ev-casa-shared"} <= seen_by(world.alice)
    assert {"ev-casa-secret", "ev-casa-shared"} <= seen_by(world.rita)  # the reviewer of the same organisation
    assert {"ev-casa-secret", "ev-casa-shared"} <= seen_by(world.coordinator)
    assert "ev-casa-secret" not in seen_by(world.bruno) and "ev-casa-shared" in seen_by(world.bruno)
    bruno_view = coalition.project_for(world.bruno, pid)
    assert next(r for r in bruno_view.recommendations if r.id == "rec-shelter").evidence_ids == ["ev-recruit"]
    assert "where she was kept" not in bruno_view.model_dump_json()

    # Only its organisation or the coordinator may change or remove it.
    with pytest.raises(NotAllowed, match="belongs to another organisation"):
        coalition.save_evidence(world.bruno, pid, confidential.model_copy(update={"claim": "Changed by Bruno."}))
    with pytest.raises(NotAllowed, match="belongs to another organisation"):
        coalition.delete_evidence(world.bruno, pid, "ev-casa-secret")
    coalition.delete_evidence(world.alice, pid, "ev-casa-secret")
    after = coalition.export(world.coordinator, pid)
    assert after.evidence_item("ev-casa-secret") is None
    assert next(r for r in after.recommendations if r.id == "rec-shelter").evidence_ids == ["ev-recruit"]


def test_an_evidence_change_during_section_saves_loses_neither(world: World) -> None:
    """The evidence save reads the whole project; section saves land meanwhile; it is applied again, not over them."""
    coalition, pid = world.coalition, world.project_id
    saves = 0
    original = coalition.store.load

    def load_then_someone_saves(project_id: str):
        nonlocal saves
        stored = original(project_id)
        if saves < 2:  # twice, between reading the project and saving it
            saves += 1
            section = _section(world, world.bruno, "recommendations")
            coalition.save_section(world.bruno, pid, "recommendations", f"{section.text}\nLine {saves}.", section.version)
        return stored

    coalition.store.load = load_then_someone_saves
    coalition.save_evidence(world.alice, pid, EvidenceItem(id="ev-new", kind="statistic", claim="Seven inspections in 2025."))
    coalition.store.load = original
    project = coalition.export(world.coordinator, pid)
    assert project.evidence_item("ev-new") is not None
    assert project.sections[2].text.endswith("Line 1.\nLine 2.")


def test_the_coordinator_merges_a_contribution_file_into_the_shared_project(world: World) -> None:
    from shadowreport.project.coalition import contribution_from
    from shadowreport.server.service import NotAllowed

    coalition, pid = world.coalition, world.project_id
    members = coalition.project_for(world.alice, pid).members
    assert [(m.name, m.role) for m in members] == [("Strada Aperta", "coordinator"), ("Casa Nuova", "member"), ("Lavoro Giusto", "member")]
    # Lavoro Giusto worked offline in a copy of the project and sends its items as a contribution file.
    offline = coalition.project_for(world.bruno, pid)
    offline.evidence.append(EvidenceItem(id="ev-offline", kind="statistic", claim="Nine farms inspected.",
                                         contributed_by=world.bruno.organisation_id))
    contribution = contribution_from(offline, world.bruno.organisation_id)
    with pytest.raises(NotAllowed, match="cannot merge"):
        coalition.merge(world.alice, pid, contribution)
    report = coalition.merge(world.coordinator, pid, contribution)
    assert report.added == ["evidence ev-offline"]
    merged = coalition.project_for(world.alice, pid).evidence_item("ev-offline")
    assert merged is not None and merged.contributed_by == world.bruno.organisation_id
    assert coalition.audit(world.coordinator, pid)[0].action == "project.merge"
