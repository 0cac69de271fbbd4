"""Shadow Report Studio: the Streamlit entry point. Start it with `shadowreport app` or `make run`."""

from pathlib import Path

import streamlit as st

from shadowreport.files import sweep_temporary_folders
from shadowreport.ui import errors, pages, session, state, text, translation
from shadowreport.ui.translation import gettext


@st.cache_resource(show_spinner=False)
def _at_start() -> bool:
    """Once per app process: logs without case text, and no LibreOffice or export folders left by a crash."""
    errors.withhold_messages_in_streamlit_logs()
    sweep_temporary_folders()
    return True


# A local icon: a Material icon name here would make the browser fetch it from Google's servers.
st.set_page_config(page_title="Shadow Report Studio", page_icon=str(Path(pages.__file__).with_name("icon.png")), layout="wide")
_at_start()
if session.server_mode():  # a coalition's server (a database URL is set): the login page first, then its own pages
    from shadowreport.ui import server_app

    server_app.run()
    st.stop()
try:
    navigation = st.navigation(pages.build())
    opened = state.current()
    with st.sidebar:
        if opened is not None:
            st.caption(gettext("Open project"))
            st.markdown(f"**{text.plain(opened.project.title)}**")
            st.caption(gettext("{kind} · saved as version {version}", kind=opened.project.kind_id, version=opened.version))
    with st.sidebar:
        translation.choose()  # its value is read at the start of the run, so every text above is already in it
        state.keep_typed_text()  # text boxes are saved as they are typed, not only when left
    state.show_messages()
    navigation.run()
except Exception as error:  # st.rerun, st.stop and page switches are not Exceptions: they pass through
    errors.show_unexpected(error)
