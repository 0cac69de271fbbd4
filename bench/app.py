"""The app: script rerun time of the Draft and Check pages with a 60,000-word project open, a page
switch to each editing page, the total waiting to enter a complete SMART recommendation, and cold
start until the first page is served. Reruns are timed through Streamlit's AppTest, which adds a
little harness time of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from . import Benchmark
from .corpus import large_project


def _page(name: str) -> None:
    from shadowreport.ui import pages, state

    pages.build()
    state.current()
    state.show_messages()
    __import__(f"shadowreport.ui.{name}_page", fromlist=["render"]).render()


def _cold_start_ms() -> float:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tempfile.mkdtemp(prefix="shadowreport-cold-")
    env = {**os.environ, "HOME": folder, "SHADOWREPORT_STORE": str(Path(folder) / "s.sqlite3")}
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "shadowreport.cli", "app", "--server.headless", "true", "--server.port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        while time.perf_counter() - start < 60:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/", timeout=1) as response:
                    if response.status == 200:
                        return (time.perf_counter() - start) * 1000
            except OSError:
                time.sleep(0.05)
        return float("nan")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


def benchmarks() -> list[Benchmark]:
    from streamlit.testing.v1 import AppTest

    from shadowreport.store import Store

    folder = Path(tempfile.mkdtemp(prefix="shadowreport-app-bench-"))
    os.environ["SHADOWREPORT_STORE"] = str(folder / "bench.sqlite3")
    project = large_project(60_000)
    Store(folder / "bench.sqlite3").create(project)
    rows = []
    for name in ("draft", "check"):
        app = AppTest.from_function(_page, args=(name,), default_timeout=120)
        app.query_params["project"] = project.id
        app.run()  # the first run builds caches; the benchmark is the rerun a user triggers
        rows.append(Benchmark(f"app: rerun the {name.capitalize()} page, 60,000-word project open", app.run, repeat=7, goal_ms=250))
        if name == "draft":
            key = f"w:{project.id}:section:section-0"
            edits = iter(range(1000))

            def edit(app=app, key=key, edits=edits) -> None:  # a typed change: saved, then the draft re-checked
                app.text_area(key=key).input(app.text_area(key=key).value + f" Edit {next(edits)}.").run()

            rows.append(Benchmark("app: edit a section and rerun the Draft page (save + re-check), 60,000 words", edit, repeat=5))
    rows += _typical_project_rows(Store(folder / "bench.sqlite3"))
    rows.append(Benchmark("app: cold start until the first page is served", _cold_start_ms, repeat=3, goal_ms=5000))
    return rows


# A complete SMART recommendation, field by field as a user enters it: each change is saved, then the page reruns.
SMART_FIELDS = (("addressee", "text_input", "the Ministry of Labour"), ("verb", "text_input", "adopt"),
                ("object", "text_area", "a national referral mechanism that covers labour exploitation"),
                ("term", "selectbox", "short"), ("indicator", "text_input", "the number of persons referred each year"))


def _typical_project_rows(store) -> list[Benchmark]:
    """A report as NGOs write them (5,000 words, 30 recommendations, 200 evidence items): page switches
    (the run of the page switched to, in a session already open) and one whole recommendation entered."""
    from streamlit.testing.v1 import AppTest

    from shadowreport.project.model import Recommendation

    project = large_project(5_000).model_copy(update={"id": "prj-typical"})
    store.create(project)
    rows = []
    for name in ("plan", "evidence", "draft", "recommendations"):
        app = AppTest.from_function(_page, args=(name,), default_timeout=120)
        app.query_params["project"] = project.id
        app.run()
        rows.append(Benchmark(f"app: switch to the {name.capitalize()} page (5,000 words, 30 recommendations)", app.run, repeat=7,
                              goal_ms=300))

    def fresh_recommendation() -> AppTest:  # untimed: a new empty recommendation, open for editing
        latest = store.load(project.id)
        added = Recommendation(id=f"rec-new-{latest.version}")
        store.save(latest.project.model_copy(update={"recommendations": [*latest.project.recommendations, added]}), latest.version)
        app = AppTest.from_function(_page, args=("recommendations",), default_timeout=120)
        app.query_params["project"] = project.id
        app.run()
        app.button(key=f"w:{project.id}:rec:{added.id}:edit").click().run()
        return app, f"w:{project.id}:rec:{added.id}:"

    def enter_smart_recommendation(prepared) -> None:
        app, prefix = prepared
        for name, widget, value in SMART_FIELDS:
            element = getattr(app, widget)(key=prefix + name)
            (element.set_value(value) if widget == "selectbox" else element.input(value)).run()
        assert not app.exception and store.load(project.id).project.recommendations[-1].indicator == SMART_FIELDS[-1][2]

    rows.append(Benchmark("app: enter a whole SMART recommendation, total of 5 saves and reruns (30 recommendations)",
                          enter_smart_recommendation, repeat=5, goal_ms=1000, setup=fresh_recommendation))
    return rows
