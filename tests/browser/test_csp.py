"""The harness fails a browser test on any CSP violation: a blocked foreign image is seen."""

import pytest

pytestmark = pytest.mark.browser


def test_a_csp_violation_is_caught_by_the_harness(demo, login, a11y):
    page = login("audionom")
    with page.expect_console_message(lambda message: "img-src" in message.text):
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            ' \'<img alt="" src="https://x.invalid/a.png">\')'
        )
    assert any("img-src" in v for v in a11y.csp_violations), a11y.csp_violations
    a11y.csp_violations.clear()
