"""Shadow Report Studio: the Streamlit entry point. Start it with `shadowreport app` or `make run`."""

import streamlit as st

from shadowreport.ui import pages, state

st.set_page_config(page_title="Shadow Report Studio", page_icon=":material/description:", layout="wide")
navigation = st.navigation(pages.build())
opened = state.current()
with st.sidebar:
    if opened is not None:
        st.caption("Open project")
        st.markdown(f"**{opened.project.title}**")
        st.caption(f"{opened.project.kind_id} · saved as version {opened.version}")
state.show_messages()
navigation.run()
