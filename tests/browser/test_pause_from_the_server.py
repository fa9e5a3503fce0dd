"""The safety loop end to end with the real server (no stubs): an emergency logged on one phone
pauses self-massage on the client's second phone, and the therapist's acknowledgement with a
note lifts it there."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import log_pain, sign_in


def test_an_emergency_on_one_phone_pauses_the_other_until_the_therapist_acknowledges(
        browser, live_server, make_therapist, make_client, make_program, signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    make_program(therapist, client)
    phones = [browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
              for _ in range(2)]
    try:
        first, second = (context.new_page() for context in phones)
        for page in (first, second):
            sign_in(page, client)
            expect(page.get_by_test_id("start-session")).to_be_visible()

        log_pain(first, 3, red_flags=["Numbness between the legs or around the back passage"])
        expect(first.get_by_test_id("safety-notice")).to_have_attribute("data-tier", "emergency")

        second.reload()
        paused = second.get_by_test_id("paused")
        expect(paused).to_have_attribute("data-source", "server")
        expect(paused).to_contain_text("Go to an emergency department now")
        expect(second.get_by_test_id("start-session")).to_have_count(0)

        office = signed_in(therapist)
        [flag] = office.get(f"/api/clients/{client.id}/flags").json
        url = f"/api/clients/{client.id}/flags/{flag['id']}/acknowledge"
        assert office.post(url, json={}).status_code == 422  # a note of what was done, first
        second.reload()
        expect(second.get_by_test_id("paused")).to_be_visible()
        assert office.post(url, json={"note": "Phoned: in A&E now."}).status_code == 200

        second.reload()
        expect(second.get_by_test_id("start-session")).to_be_visible()
        expect(second.get_by_test_id("paused")).to_have_count(0)
    finally:
        for context in phones:
            context.close()
