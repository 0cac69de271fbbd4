"""Steps that belong together run to their end: ``with uninterrupted():`` (or ``@uninterrupted()``).
Every widget callback of the app is ``@uninterrupted()``, and so is each save.

Streamlit stops a run for a newer one (a keystroke report, a click) at its yield points: every
``st.session_state`` read or write, every element drawn, even inside a widget's callback. A callback
stopped there is never called again (the newer run sees the box's value as already applied), so a
box's save stopped before it reached the store is lost (once, text typed in the Add evidence form
and left by the sidebar, in a browser test on a busy machine). A save stopped after it reached the
store, before noting in the session the version it made, leaves the tab's next edit to start from
the older version and meet its own save as someone else's (a conflict between two identical texts,
once, in the coalition browser test); a project made but not yet opened is made again at the next
click. Inside this block the newer run waits; Streamlit starts it at the first yield point after the
block, or when the run ends, so nothing is dropped, only put back by the few milliseconds it takes.

Switch pages (``st.switch_page``) after the block, never inside it: held back to the block's end, the
switch gives way to a request the browser sends meanwhile (a form clearing its boxes once submitted
names the page it shows), and the page stays where it was (a browser test caught it).

How: Streamlit asks its run's ScriptRequests (``on_scriptrunner_yield``) at every yield point
whether a newer run or a stop is waiting; here that answer is "not yet" until the block ends.
tests/test_app_uninterrupted.py fails if a Streamlit release changes this.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


def _not_yet() -> None:
    return None


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    context = get_script_run_ctx(suppress_warning=True)
    requests = getattr(context, "script_requests", None)
    if requests is None or "on_scriptrunner_yield" in vars(requests):  # no run (bare mode), or already inside a block
        yield
        return
    requests.on_scriptrunner_yield = _not_yet  # on this one object: other sessions' runs are untouched
    try:
        yield
    finally:
        del requests.on_scriptrunner_yield  # Streamlit's own method again
