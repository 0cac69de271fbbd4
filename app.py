"""Shadow Report Studio: the Streamlit entry point. Start it with `shadowreport app` or `make run`."""

import streamlit as st

from shadowreport.ui import check_page, export_page, rules_page

st.set_page_config(page_title="Shadow Report Studio", page_icon=":material/description:", layout="wide")
page = st.navigation([
    st.Page(check_page.render, title="Check a document", icon=":material/fact_check:", url_path="check", default=True),
    st.Page(export_page.render, title="Export", icon=":material/download:", url_path="export"),
    st.Page(rules_page.render, title="Rules", icon=":material/gavel:", url_path="rules"),
])
page.run()
