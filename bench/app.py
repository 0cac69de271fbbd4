"""The app: script rerun time of the Draft and Check pages with a 60,000-word project open, and cold
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

            def edit(app=app, key=key) -> None:  # a typed change: saved, then the draft re-checked
                app.text_area(key=key).input(app.text_area(key=key).value + f" Edit {next(edits)}.").run()

            rows.append(Benchmark("app: edit a section and rerun the Draft page (save + re-check), 60,000 words", edit, repeat=5))
    rows.append(Benchmark("app: cold start until the first page is served", _cold_start_ms, repeat=3, goal_ms=5000))
    return rows
