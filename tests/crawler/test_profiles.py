import pytest

from crawler.profiles import ProfileError, available_profiles, load_profile

PRODUCT_SITES = {"bdocx", "renrendoc", "book118", "docin", "doc88", "xiexiebang", "caihuaku"}


def test_every_product_site_has_a_valid_profile():
    assert PRODUCT_SITES <= set(available_profiles())
    for name in available_profiles():
        p = load_profile(name)
        assert p.domains and p.start_urls and p.document_links


def test_profile_errors_name_the_problem(tmp_path):
    bad = tmp_path / "x.toml"
    bad.write_text('domains = ["a.example"]\nstart_urls = ["http://a.example/"]\nwhat = 1\n')
    with pytest.raises(ProfileError, match="unknown keys"):
        load_profile(str(bad))
    with pytest.raises(ProfileError, match="no site profile"):
        load_profile("missing-site")


def test_with_start_points_profile_at_local_copy():
    p = load_profile("bdocx").with_start("http://127.0.0.1:9999/list/")
    assert p.domains == ("127.0.0.1",) and p.start_urls == ("http://127.0.0.1:9999/list/",)
