"""Shadow Report Studio: the Streamlit entry point. Start it with `shadowreport app` or `make run`."""

from pathlib import Path

import streamlit as st

from shadowreport.ui import pages, state

# A local icon: a Material icon name here would make the browser fetch it from Google's servers.
st.set_page_config(page_title="Shadow Report Studio", page_icon=str(Path(pages.__file__).with_name("icon.png")), layout="wide")
navigation = st.navigation(pages.build())
opened = state.current()
with st.sidebar:
    if opened is not None:
        st.caption("Open project")
        st.markdown(f"**{opened.project.title}**")
        st.caption(f"{opened.project.kind_id} · saved as version {opened.version}")
state.show_messages()
navigation.run()
