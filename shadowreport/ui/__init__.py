"""Streamlit pages. Thin: each page reads from the core and shows it; no rules live here."""
