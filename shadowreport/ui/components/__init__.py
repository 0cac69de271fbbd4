"""Small components bundled with the app: plain JavaScript files in this folder, served by Streamlit
from the running server (no network, no build step)."""
