"""Site profiles: one small TOML file per site (crawler/sites/<name>.toml), served by one spider.

A profile is checked when it is loaded, before anything is crawled: types, ranges, and that
every regex and XPath compiles. Errors name the file and the key.

Limits (a site with endless pagination must end): `max_depth` (links followed from the start
page, Scrapy's DEPTH_LIMIT), `max_pages` (responses per crawl, CLOSESPIDER_PAGECOUNT) and
`max_hours` (CLOSESPIDER_TIMEOUT). The defaults are in crawler/settings.py; 0 means no limit;
`--set NAME=VALUE` on the command line overrides the profile.
"""
from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from lxml import etree
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

SITES_DIR = Path(__file__).parent / "sites"

# profile key → (Scrapy setting, factor from the profile's unit to the setting's)
LIMITS = {"max_depth": ("DEPTH_LIMIT", 1), "max_pages": ("CLOSESPIDER_PAGECOUNT", 1),
          "max_hours": ("CLOSESPIDER_TIMEOUT", 3600)}


class ProfileError(Exception):
    """A profile file that cannot be used, with the reason and the file named."""


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regex {value!r}: {exc}") from None
    return value


def _xpath(value: str) -> str:
    if value:
        try:
            etree.XPath(value)
        except etree.XPathSyntaxError as exc:
            raise ValueError(f"invalid XPath {value!r}: {exc}") from None
    return value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) address: {value!r}")
    return value


def _host(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.-]+", value):
        raise ValueError(f"not a host name (no scheme, port or path): {value!r}")
    return value


def _codec(value: str) -> str:
    if value:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
    return value


def _one_or_many(value):
    return (value,) if isinstance(value, str) else value  # `deny = "/login"` is a list of one


Regex = Annotated[str, AfterValidator(_regex)]
XPath = Annotated[str, AfterValidator(_xpath)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]
Host = Annotated[str, AfterValidator(_host)]


def _tuple(item, required: bool = False):
    return Annotated[tuple[item, ...], BeforeValidator(_one_or_many), Field(min_length=1 if required else 0)]


class SiteProfile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+$")]
    domains: _tuple(Host, required=True)
    start_urls: _tuple(HttpUrl, required=True)
    document_links: _tuple(Regex, required=True)  # regexes of document page URLs
    listing_links: _tuple(Regex) = ()  # regexes of listing / next-page URLs to follow
    link_areas: _tuple(XPath) = ()  # XPaths that hold the links worth following (empty: whole page)
    deny: _tuple(Regex) = ()  # regexes never followed (login, download, search ...)
    # regexes of document files to fetch (a free PDF/DOCX download), on listings and document pages alike;
    # named on purpose, so `deny` (which keeps the crawl off download forms) does not apply to them
    download_links: _tuple(Regex) = ()
    content_xpath: XPath = ""  # optional hint: where the document text sits
    prune_xpath: _tuple(XPath) = ()  # optional hint: site furniture to cut before extraction
    encoding: Annotated[str, AfterValidator(_codec)] = ""  # optional hint for sites that mislabel their charset
    script: Literal["zh-Hans", "zh-Hant"] = "zh-Hans"  # zh-Hant for Traditional-script mirrors
    download_delay: Annotated[float, Field(strict=True, ge=0)] = 1.0
    max_depth: Annotated[int, Field(strict=True, ge=0)] | None = None  # None: the default of crawler/settings.py
    max_pages: Annotated[int, Field(strict=True, ge=0)] | None = None
    max_hours: Annotated[float, Field(strict=True, ge=0)] | None = None
    notes: str = ""
    extra: dict = Field(default_factory=dict)

    def with_start(self, start_url: str) -> SiteProfile:
        """The same profile pointed at another address (a local copy of the site, a test server)."""
        host = urlsplit(_http_url(start_url)).hostname or ""
        return self.model_copy(update={"start_urls": (start_url,), "domains": (host,)})

    def limits(self) -> dict[str, int | float]:
        """The Scrapy settings this profile's limits set, e.g. {"DEPTH_LIMIT": 50}."""
        return {setting: getattr(self, key) * factor for key, (setting, factor) in LIMITS.items()
                if getattr(self, key) is not None}


def describe(path: str | Path, exc: ValidationError, allowed: list[str]) -> str:
    """One line per problem, each naming the file and the key."""
    lines = []
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"])
        if err["type"] == "extra_forbidden":
            lines.append(f"{path}: {key}: unknown key (allowed: {', '.join(allowed)})")
        elif err["type"] == "missing":
            lines.append(f"{path}: {key}: required")
        else:
            message = err["msg"].removeprefix("Value error, ")
            lines.append(f"{path}: {key}: {message} (got {err['input']!r})")
    return "\n".join(lines)


def profile_path(name_or_path: str | Path) -> Path:
    """crawler/sites/NAME.toml for a name; the path itself for a path to a .toml file."""
    path = Path(name_or_path)
    return path if path.suffix == ".toml" else SITES_DIR / f"{name_or_path}.toml"


def load_profile(name_or_path: str | Path) -> SiteProfile:
    """Load and check a profile by name (crawler/sites/NAME.toml) or from a path to a .toml file."""
    path = profile_path(name_or_path)
    if not path.is_file():
        known = ", ".join(available_profiles())
        raise ProfileError(f"no site profile {str(name_or_path)!r} (known: {known}; or give a path to a .toml file)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    data.setdefault("name", path.stem)
    try:
        return SiteProfile(**data)
    except ValidationError as exc:
        raise ProfileError(describe(path, exc, list(SiteProfile.model_fields))) from None


def available_profiles() -> list[str]:
    return sorted(p.stem for p in SITES_DIR.glob("*.toml"))
