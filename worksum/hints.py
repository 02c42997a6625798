"""What the crawl profiles tell the build about their sites' pages (content XPath, furniture, charset, script)."""
from __future__ import annotations

from worksum.cleaning.pipeline import site_of
from worksum.cleaning.record import SiteHints
from worksum.crawler.profiles import SiteProfile, available_profiles, load_profile


def hints_of(profile: SiteProfile) -> SiteHints:
    return SiteHints(content_xpath=profile.content_xpath, prune_xpath=tuple(profile.prune_xpath),
                     encoding=profile.encoding, script=profile.script if profile.script == "zh-Hant" else "")


def site_hints(profiles: list[str] | None = None) -> dict[str, SiteHints]:
    """site → hints for every bundled profile (or the named ones / profile files)."""
    out: dict[str, SiteHints] = {}
    for name in profiles if profiles is not None else available_profiles():
        profile = load_profile(name)
        for domain in profile.domains:
            out[site_of("http://" + domain)] = hints_of(profile)
    return out
