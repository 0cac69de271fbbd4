"""What only the server's store does: sections saved on their own versions by several people at once,
migrations, and a database that cannot be reached. Every test here needs PostgreSQL (marked postgres)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading

import pytest
import sqlalchemy as sa

from shadowreport.project import merge
from shadowreport.project.model import Project
from shadowreport.server import db
from shadowreport.server.sql_store import SectionConflict, SqlStore
from shadowreport.storage import ProjectStore, open_store
from shadowreport.store import ConflictError, Store, StoreError

from .factories import upr_project

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(postgres_url: str) -> SqlStore:
    return SqlStore(postgres_url)


def section_text(store: SqlStore, section_id: str) -> str:
    return next(s.text for s in store.load("prj-upr-test").project.sections if s.id == section_id)


def test_two_people_saving_different_sections_at_once_both_keep_their_work(store: SqlStore):
    store.create(upr_project())
    versions = store.section_versions("prj-upr-test")
    saved: dict[str, list[int]] = {"submitters": [], "evidence": []}
    start = threading.Barrier(2)

    def edit(section_id: str, who: str) -> None:
        start.wait()
        version = versions[section_id]
        for number in range(15):
            version = store.save_section("prj-upr-test", section_id, f"{who}'s draft {number}", version, who)
            saved[section_id].append(version)

    threads = [threading.Thread(target=edit, args=("submitters", "ana")), threading.Thread(target=edit, args=("evidence", "ben"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert saved == {"submitters": list(range(2, 17)), "evidence": list(range(2, 17))}
    assert (section_text(store, "submitters"), section_text(store, "evidence")) == ("ana's draft 14", "ben's draft 14")
    assert store.head("prj-upr-test")[0] == 31  # every section save moved the project on: tabs reload
    assert store.section_versions("prj-upr-test") == {"submitters": 16, "evidence": 16, "recommendations": 1}


def test_the_same_section_saved_twice_from_one_version_is_a_conflict_with_both_texts(store: SqlStore):
    store.create(upr_project())
    assert store.save_section("prj-upr-test", "evidence", "Ana's text.", 1, "ana") == 2
    with pytest.raises(SectionConflict) as raised:
        store.save_section("prj-upr-test", "evidence", "Ben's text.", 1, "ben")
    conflict = raised.value
    assert (conflict.mine, conflict.theirs, conflict.their_version, conflict.by) == ("Ben's text.", "Ana's text.", 2, "ana")
    assert conflict.at == store.head("prj-upr-test")[1]
    assert "Ana's text" not in str(conflict) and "Ben's text" not in str(conflict)  # messages may be logged: no case text
    assert "\n" not in str(conflict) and str(conflict).count(". ") == 0
    assert section_text(store, "evidence") == "Ana's text."
    # Ben chooses to keep both: saved against the version he was shown.
    assert store.save_section("prj-upr-test", "evidence", "Ana's text.\n\nBen's text.", conflict.their_version, "ben") == 3


def test_the_same_text_saved_again_from_an_older_version_is_no_conflict(store: SqlStore):
    """Two saves of the same words crossing (a tab's save while typing and its button, or two tabs): nothing to choose between."""
    store.create(upr_project())
    assert store.save_section("prj-upr-test", "evidence", "The same words.", 1, "ana") == 2
    head = store.head("prj-upr-test")
    assert store.save_section("prj-upr-test", "evidence", "The same words.", 1, "ana") == 2
    assert store.head("prj-upr-test") == head  # nothing written
    with pytest.raises(SectionConflict):  # other words from that older version still are one
        store.save_section("prj-upr-test", "evidence", "Other words.", 1, "ben")


def test_a_whole_project_save_from_before_a_section_save_is_refused_and_merges(store: SqlStore):
    tab = store.create(upr_project())
    store.save_section("prj-upr-test", "evidence", "Saved by a member.", 1, "ana")
    mine = tab.project.model_copy(update={"title": "The coordinator's title"})
    with pytest.raises(ConflictError) as raised:
        store.save(mine, tab.version)
    latest = store.load("prj-upr-test")
    merged = merge.merge3(store.revision("prj-upr-test", raised.value.expected).model_dump(mode="json"),
                          mine.model_dump(mode="json"), latest.project.model_dump(mode="json"))
    assert merged.conflicts == []
    store.save(Project.model_validate(merged.data), latest.version, by="coordinator")
    after = store.load("prj-upr-test").project
    assert after.title == "The coordinator's title" and section_text(store, "evidence") == "Saved by a member."


def test_a_whole_project_save_moves_on_only_the_sections_it_changed(store: SqlStore):
    stored = store.create(upr_project())
    sections = [s.model_copy(update={"text": "New."}) if s.id == "recommendations" else s for s in stored.project.sections]
    store.save(stored.project.model_copy(update={"sections": sections}), stored.version)
    assert store.section_versions("prj-upr-test") == {"submitters": 1, "evidence": 1, "recommendations": 2}
    with pytest.raises(SectionConflict):  # a member who opened the section before that save
        store.save_section("prj-upr-test", "recommendations", "Old view.", 1, "ana")
    assert store.save_section("prj-upr-test", "evidence", "Unaffected.", 1, "ana") == 2


def test_every_section_save_is_a_revision_and_emptying_a_section_drops_the_older_ones(store: SqlStore):
    store.create(upr_project())
    store.save_section("prj-upr-test", "evidence", "Second.", 1, "ana")
    head_version = store.head("prj-upr-test")[0]
    assert [v for v, _ in store.revisions("prj-upr-test")] == [2, 1]
    assert store.revision("prj-upr-test", 2) == store.load("prj-upr-test").project
    assert store.save_section("prj-upr-test", "evidence", "Second.", 2, "ana") == 2  # the same text: nothing to save
    assert store.head("prj-upr-test")[0] == head_version
    store.save_section("prj-upr-test", "evidence", "", 2, "ana")
    assert [v for v, _ in store.revisions("prj-upr-test")] == [3]


def test_a_section_or_project_that_is_gone_is_said_so(store: SqlStore):
    stored = store.create(upr_project())
    with pytest.raises(StoreError, match="has no section nowhere"):
        store.save_section("prj-upr-test", "nowhere", "Text.", 1, "ana")
    store.move_to_trash("prj-upr-test", stored.version)
    with pytest.raises(StoreError, match="No project with id prj-upr-test"):
        store.save_section("prj-upr-test", "evidence", "Text.", 1, "ana")


def test_every_load_during_section_saves_is_a_version_that_was_saved(store: SqlStore, monkeypatch):
    # A load reads the project row and its sections in one consistent step: never half of a save.
    # Each save minutes after the last (the store's clock moved on), so none of their revisions is grouped away.
    times = itertools.count()
    monkeypatch.setattr("shadowreport.server.sql_store._now",
                        lambda: dt.datetime(2026, 11, 23, tzinfo=dt.UTC) + dt.timedelta(minutes=2 * next(times)))
    store.create(upr_project())
    done = threading.Event()

    def writer() -> None:
        version = 1
        for number in range(40):
            version = store.save_section("prj-upr-test", "evidence", f"Text {number}", version, "ana")
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    loads = 0
    while not done.is_set() or loads == 0:
        loaded = store.load("prj-upr-test")
        assert store.revision("prj-upr-test", loaded.version) == loaded.project
        loads += 1
    thread.join(timeout=60)
    assert loads > 1


def test_migrating_again_changes_nothing_and_reaches_the_newest_revision(empty_postgres_url: str):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    engine = db.engine_for(empty_postgres_url)
    assert db.current_revision(engine) is None
    db.migrate(engine)
    db.migrate(engine)
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    assert db.current_revision(engine) == ScriptDirectory.from_config(config).get_current_head()
    tables = set(sa.inspect(engine).get_table_names())
    assert {"projects", "project_sections", "revisions", "alembic_version"} <= tables
    engine.dispose()


def test_several_processes_starting_at_once_migrate_once(empty_postgres_url: str):
    engines = [db.engine_for(empty_postgres_url) for _ in range(4)]
    errors: list[BaseException] = []

    def start(engine) -> None:
        try:
            db.migrate(engine)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    for engine in engines:
        engine.dispose()


def test_a_database_that_cannot_be_reached_is_one_sentence_without_the_password(postgres_url: str):
    wrong_password = sa.make_url(postgres_url).set(password="not-the-Secret-42")
    with pytest.raises(db.DatabaseUnavailable) as raised:
        SqlStore(wrong_password.render_as_string(hide_password=False))
    message = str(raised.value)
    assert "not-the-Secret-42" not in message and "***" in message and "password authentication failed" in message
    assert "\n" not in message and message.endswith(".")
    with pytest.raises(StoreError, match="cannot be used .*Connection refused"):  # a StoreError: the app shows it as any other
        SqlStore("postgresql+psycopg://someone:pw-9876@127.0.0.1:1/nothing")
    with pytest.raises(db.DatabaseUnavailable, match="only PostgreSQL"):
        db.engine_for("mysql://someone:pw@127.0.0.1/nothing")


def test_open_store_picks_the_server_when_a_database_url_is_set(postgres_url: str, monkeypatch: pytest.MonkeyPatch):
    assert isinstance(open_store(), Store)
    assert isinstance(open_store(postgres_url), SqlStore)
    assert isinstance(open_store(), ProjectStore) and isinstance(open_store(postgres_url), ProjectStore)
    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    server = open_store()
    assert isinstance(server, SqlStore)
    server.create(upr_project())
    assert [s.id for s in open_store().list()] == ["prj-upr-test"]


def test_the_app_on_the_server_keeps_two_tabs_work_and_asks_when_they_clash(postgres_url: str, monkeypatch: pytest.MonkeyPatch):
    # The app's own three-way merge (ui/state.py) on SqlStore: two tabs on different sections both
    # keep their text; the same section is shown side by side and nothing is overwritten before the choice.
    from .test_app_nothing_lost import EVIDENCE, PROJECT, SUBMITTERS, conflicts_shown, draft_tab

    monkeypatch.setenv("SHADOWREPORT_DATABASE_URL", postgres_url)
    server = SqlStore(postgres_url)
    server.create(upr_project())

    def texts() -> dict[str, str]:
        return {s.id: s.text for s in server.load(PROJECT).project.sections}

    first, second = draft_tab(), draft_tab()
    first.text_area(key=SUBMITTERS).input("From tab one.").run()
    second.text_area(key=EVIDENCE).input("From tab two.").run()
    assert (texts()["submitters"], texts()["evidence"]) == ("From tab one.", "From tab two.")
    assert not conflicts_shown(second) and not second.error
    first.text_area(key=SUBMITTERS).input("Again from tab one.").run()
    second.text_area(key=SUBMITTERS).input("Now from tab two.").run()
    assert texts()["submitters"] == "Again from tab one."
    assert len(conflicts_shown(second)) == 1
    second.button(key="conflict-0-mine").click().run()
    assert texts()["submitters"] == "Now from tab two." and not second.exception


def test_a_nul_character_is_dropped_on_the_way_in_and_a_typed_backslash_u0000_is_kept(store: SqlStore):
    # PostgreSQL cannot store NUL in text, and it means nothing in a report (a stray byte from a pasted file that
    # nobody can see to delete): it is dropped, whatever field it is in, rather than the whole save refused.
    stored = store.create(upr_project(notes="Pasted\x00from a file. A path written as C:\\u0000 stays."))
    assert store.load(stored.project.id).project.notes == "Pastedfrom a file. A path written as C:\\u0000 stays."
    version = store.save_section(stored.project.id, "evidence", "Pasted\x00text.", 1, "ana")
    assert section_text(store, "evidence") == "Pastedtext."
    saved = store.save(store.load(stored.project.id).project.model_copy(update={"title": "Bad\x00title"}), 2)
    assert store.load(stored.project.id).project.title == "Badtitle" and saved.version == 3 and version == 2


def test_a_section_text_longer_than_a_section_holds_is_refused_in_one_sentence_and_nothing_moves(store: SqlStore):
    store.create(upr_project())
    head = store.head("prj-upr-test")
    with pytest.raises(StoreError, match=r"section evidence of project prj-upr-test is 200,001 characters long; .* at most 200,000"):
        store.save_section("prj-upr-test", "evidence", "x" * 200_001, 1, "ana")
    assert store.head("prj-upr-test") == head and store.section_versions("prj-upr-test")["evidence"] == 1
    assert store.save_section("prj-upr-test", "evidence", "x" * 200_000, 1, "ana") == 2  # the longest a section holds


def test_a_section_save_writes_the_revision_as_the_model_would_so_a_later_save_keeps_the_history(store: SqlStore, monkeypatch):
    # The revision of a section save is written from the stored rows, not through the model: it must read back as the
    # project, and a whole-project save after it must see that nothing was deleted (so older revisions stay).
    # Each save minutes after the last, so none is grouped away.
    times = itertools.count()
    monkeypatch.setattr("shadowreport.server.sql_store._now",
                        lambda: dt.datetime(2026, 11, 23, tzinfo=dt.UTC) + dt.timedelta(minutes=2 * next(times)))
    store.create(upr_project())
    version = store.save_section("prj-upr-test", "evidence", "Ünïcode, \"quotes\" and \\ backslashes.\nTwo lines.", 1, "ana")
    loaded = store.load("prj-upr-test")
    assert store.revision("prj-upr-test", loaded.version) == loaded.project and version == 2
    with store.engine.connect() as connection:
        data = connection.execute(sa.text("SELECT data FROM revisions WHERE project_id = 'prj-upr-test' AND version = :v"),
                                  {"v": loaded.version}).scalar_one()
    assert json.loads(data) == json.loads(loaded.project.model_dump_json())  # its keys may come in another order
    store.save(loaded.project.model_copy(update={"title": "Renamed"}), loaded.version)
    assert len(store.revisions("prj-upr-test")) == 3


def test_a_pooled_connection_the_server_ended_is_replaced_before_use(postgres_url: str):
    # The pool tests a connection before use without a round trip (db._drop_connections_the_server_ended): one the
    # server terminated while it sat idle (a restart) is replaced, and the request goes on as if nothing happened.
    engine = db.engine_for(postgres_url)
    with db.connected(engine) as connection:
        pooled = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
    killer = db.engine_for(postgres_url)
    with db.connected(killer) as other:
        assert other.execute(sa.text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pooled}).scalar_one()
    killer.dispose()
    try:
        with db.connected(engine) as connection:
            assert connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one() != pooled
    finally:
        engine.dispose()


def test_a_section_save_after_a_whole_project_save_writes_the_project_as_it_now_is(store: SqlStore):
    # A section save rewrites the whole project as a revision; the rest of the project (evidence...) is read again only
    # when it changed, which its fingerprint tells: a whole save in between must show in the next section save's revision.
    store.create(upr_project())
    store.save_section("prj-upr-test", "evidence", "One.", 1, "ana")
    loaded = store.load("prj-upr-test")
    store.save(loaded.project.model_copy(update={"title": "Renamed"}), loaded.version)
    store.save_section("prj-upr-test", "evidence", "Two.", 2, "ana")
    latest = store.load("prj-upr-test")
    assert latest.project.title == "Renamed" and section_text(store, "evidence") == "Two."
    assert store.revision("prj-upr-test", latest.version) == latest.project
    assert SqlStore(store.engine).revision("prj-upr-test", latest.version) == latest.project  # another process reads the same
