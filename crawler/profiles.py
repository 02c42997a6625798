"""Site profiles: one small TOML file per site (crawler/sites/<name>.toml), served by one spider."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

SITES_DIR = Path(__file__).parent / "sites"


class ProfileError(ValueError):
    """A profile file that cannot be used, with the reason and the file named."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...]
    start_urls: tuple[str, ...]
    document_links: tuple[str, ...]  # regexes of document page URLs
    listing_links: tuple[str, ...] = ()  # regexes of listing / next-page URLs to follow
    link_areas: tuple[str, ...] = ()  # XPaths that hold the links worth following (empty: whole page)
    deny: tuple[str, ...] = ()  # regexes never followed (login, download, search ...)
    # regexes of document files to fetch (a free PDF/DOCX download), on listings and document pages alike;
    # named on purpose, so `deny` (which keeps the crawl off download forms) does not apply to them
    download_links: tuple[str, ...] = ()
    content_xpath: str = ""  # optional hint: where the document text sits
    prune_xpath: tuple[str, ...] = ()  # optional hint: site furniture to cut before extraction
    encoding: str = ""  # optional hint for sites that mislabel their charset
    script: str = "zh-Hans"  # zh-Hant for Traditional-script mirrors
    download_delay: float = 1.0
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def with_start(self, start_url: str) -> "SiteProfile":
        """The same profile pointed at another address (a local copy of the site, a test server)."""
        host = urlsplit(start_url).hostname or ""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(start_urls=(start_url,), domains=(host,))
        return SiteProfile(**values)


_TUPLES = {"domains", "start_urls", "document_links", "listing_links", "link_areas", "deny", "prune_xpath",
           "download_links"}


def load_profile(name_or_path: str) -> SiteProfile:
    """Load a profile by name (crawler/sites/NAME.toml) or from a path to a .toml file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = SITES_DIR / f"{name_or_path}.toml"
    if not path.exists():
        known = ", ".join(available_profiles())
        raise ProfileError(f"no site profile {name_or_path!r} (known: {known}; or give a path to a .toml file)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    data.setdefault("name", path.stem)
    known_fields = {f.name for f in fields(SiteProfile)}
    unknown = set(data) - known_fields
    if unknown:
        raise ProfileError(f"{path}: unknown keys {sorted(unknown)}; allowed: {sorted(known_fields)}")
    for key in ("domains", "start_urls", "document_links"):
        if not data.get(key):
            raise ProfileError(f"{path}: '{key}' is required")
    for key in _TUPLES & set(data):
        value = data[key]
        data[key] = (value,) if isinstance(value, str) else tuple(value)
    return SiteProfile(**data)


def available_profiles() -> list[str]:
    return sorted(p.stem for p in SITES_DIR.glob("*.toml"))
