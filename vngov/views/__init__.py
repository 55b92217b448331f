"""One module per page: pure functions from (dataset, view state, language, control values) to a page
model (``blocks.Page``) that ``ui.render`` draws. No Streamlit."""
