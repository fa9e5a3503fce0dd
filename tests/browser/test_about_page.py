"""The About page says honestly where the guidance comes from: the two papers for the anatomy,
the symptoms and the medical options; no published research on the self-massage itself."""

from __future__ import annotations

from playwright.sync_api import expect


def test_about_cites_the_two_papers_and_says_the_self_massage_is_untested_clinical_reasoning(
        phone_context):
    page = phone_context.new_page()
    page.goto("/#/about")
    main = page.locator("main")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    for doi in ("10.14245/ns.1836024.012", "10.1007/s11916-020-00891-7"):
        expect(page.get_by_role("link", name=f"doi:{doi}")).to_have_attribute(
            "href", f"https://doi.org/{doi}")
    expect(main).to_contain_text("No published research has yet tested massage")
    expect(main).to_contain_text("clinical reasoning")
    expect(main).to_contain_text("For the anatomy, the symptoms and the medical options only")
    expect(main).to_contain_text("It does not diagnose anything")
    expect(main).not_to_contain_text("follows these reviews")
