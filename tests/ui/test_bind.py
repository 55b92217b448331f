"""ui.bind alone (AppTest.from_function): one helper binds a control to a field of the view state."""

from streamlit.testing.v1 import AppTest


def bound_year_app():
    import streamlit as st

    from vngov import ui, urlstate

    if "_view_state" not in st.session_state:
        st.session_state["_view_state"] = urlstate.State(index="PAPI", year=2020)
    s = ui.state()
    if st.button("link", key="link"):  # the URL changed from outside (a link, Back, a map click)
        st.session_state["_view_state"] = urlstate.replace(s, year=2015)
        s = ui.state()
    ui.bind("w_year", "select", "Year", [2021, 2020, 2019, 2015], value=s.year, write=lambda v: {"year": int(v)})
    st.markdown(f"state year {ui.state().year}")


def _app():
    at = AppTest.from_function(bound_year_app, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_year(at) -> str:
    return at.markdown[-1].value


def test_the_control_shows_the_state():
    at = _app()
    assert at.selectbox(key="w_year").value == 2020 and shown_year(at) == "state year 2020"


def test_a_choice_goes_into_the_state_before_the_page_runs():
    at = _app()
    at.selectbox(key="w_year").set_value(2019).run()
    assert shown_year(at) == "state year 2019" and at.selectbox(key="w_year").value == 2019


def test_the_control_follows_a_change_from_outside():
    at = _app()
    at.selectbox(key="w_year").set_value(2019).run()
    at.button(key="link").click().run()
    assert at.selectbox(key="w_year").value == 2015 and shown_year(at) == "state year 2015"

# A stale label (a label of the other language sent while the language switches) needs a real client:
# tests/test_stale_labels.py sends one over the websocket to every page with a bound picker.
