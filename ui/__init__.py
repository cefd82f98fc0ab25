"""Streamlit glue shared by the pages: the cached data, the sidebar, small display helpers."""
