import pytest

from worksum.crawler.profiles import ProfileError, available_profiles, load_profile

PRODUCT_SITES = {"bdocx", "renrendoc", "book118", "docin", "doc88", "xiexiebang", "caihuaku"}


def test_every_product_site_has_a_valid_profile():
    assert PRODUCT_SITES <= set(available_profiles())
    for name in available_profiles():
        p = load_profile(name)
        assert p.domains and p.start_urls and p.document_links


def test_profile_errors_name_the_problem(tmp_path):
    bad = tmp_path / "x.toml"
    bad.write_text('domains = ["a.example"]\nstart_urls = ["http://a.example/"]\nwhat = 1\n')
    with pytest.raises(ProfileError, match="what: unknown key"):
        load_profile(str(bad))
    with pytest.raises(ProfileError, match="no site profile"):
        load_profile("missing-site")


GOOD = 'domains = ["a.example"]\nstart_urls = ["http://a.example/"]\ndocument_links = ["/doc/"]\n'


@pytest.mark.parametrize("extra, key, says", [
    ('listing_links = ["/list/(", "/ok/"]\n', "listing_links.0", "invalid regex '/list/('"),
    ('deny = "[z-a]"\n', "deny.0", "invalid regex"),
    ('link_areas = ["//div[@id="]\n', "link_areas.0", "invalid XPath"),
    ('content_xpath = "//div[["\n', "content_xpath", "invalid XPath"),
    ('encoding = "gbk-ish"\n', "encoding", "unknown encoding"),
    ('script = "zh-Latn"\n', "script", "zh-Hans"),
    ('download_delay = "2"\n', "download_delay", "valid number"),
    ('download_delay = -1\n', "download_delay", "greater than or equal to 0"),
    ('max_depth = 2.5\n', "max_depth", "valid integer"),
    ('max_pages = -5\n', "max_pages", "greater than or equal to 0"),
])
def test_profile_is_checked_when_loaded_naming_file_and_key(tmp_path, extra, key, says):
    path = tmp_path / "site.toml"
    path.write_text(GOOD + extra)
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert str(err.value).startswith(f"{path}: {key}: ") and says in str(err.value), str(err.value)


def test_bad_start_urls_and_domains_are_named(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('domains = ["https://a.example/"]\nstart_urls = ["a.example/list"]\ndocument_links = "/doc/"\n')
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert f"{path}: domains.0: not a host name" in str(err.value)
    assert f"{path}: start_urls.0: not an http(s) address" in str(err.value)


def test_profile_limits_become_scrapy_settings(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text(GOOD + "max_depth = 40\nmax_hours = 1.5\n")
    assert load_profile(path).limits() == {"DEPTH_LIMIT": 40, "CLOSESPIDER_TIMEOUT": 5400.0}
    assert load_profile("bdocx").limits() == {}  # the defaults of crawler/settings.py apply


def test_with_start_points_profile_at_local_copy():
    p = load_profile("bdocx").with_start("http://127.0.0.1:9999/list/")
    assert p.domains == ("127.0.0.1",) and p.start_urls == ("http://127.0.0.1:9999/list/",)
