"""Scrapy's stats of a crawl (the crawl report files in a crawl folder's stats/): what went wrong, by kind."""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from pathlib import Path

log = logging.getLogger(__name__)

STATUS = "downloader/response_status_count/"
EXCEPTION = "downloader/exception_type_count/"
# Other counts that say something went wrong, and how the summary names them.
ERROR_STATS = {"robotstxt/forbidden": "disallowed by robots.txt", "worksum/banned/dropped": "dropped (site banned us)",
               "worksum/robots/disallowed_sites": "sites left alone (robots.txt unreachable)",
               "retry/max_reached": "gave up after retries", "worksum/disk_full": "disk full"}


def crawl_errors(stats: dict) -> dict[str, int]:
    """What went wrong in a crawl, by kind: HTTP error statuses, network errors, spider errors, …"""
    errors: dict[str, int] = {}
    for key, n in sorted(stats.items()):
        if key.startswith(STATUS) and key[len(STATUS):].isdigit() and int(key[len(STATUS):]) >= 400:
            errors[f"HTTP {key[len(STATUS):]}"] = n
        elif key.startswith(EXCEPTION) and not key.endswith(".IgnoreRequest"):  # those are counted by why
            kind = key[len(EXCEPTION):].rsplit(".", 1)[-1]
            errors[kind] = errors.get(kind, 0) + n
        elif key.startswith("spider_exceptions/") and key.count("/") == 1:
            errors[f"spider {key.split('/', 1)[1]}"] = n
        elif key in ERROR_STATS and n:
            errors[ERROR_STATS[key]] = n
    return errors


_REPORT_NAME = re.compile(r"^(?P<profile>.+)-\d{8}T\d{6}-\d+$")  # <profile>-<UTC time>-<pid>.json


def crawl_health(stats_dir: Path) -> dict[str, dict]:
    """Per crawl profile, over every crawl report in `stats_dir`: crawls, responses by status, errors, retries."""
    health: dict[str, dict] = {}
    for path in sorted(Path(stats_dir).glob("*.json")):
        m = _REPORT_NAME.match(path.stem)
        try:
            stats = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("crawl report %s cannot be read: %s", path, exc)
            continue
        if not m or not isinstance(stats, dict):
            continue
        h = health.setdefault(m["profile"], {"crawls": 0, "responses": 0, "statuses": Counter(), "errors": Counter(),
                                             "retries": 0, "finish_reasons": Counter()})
        h["crawls"] += 1
        h["responses"] += stats.get("downloader/response_count", 0)
        h["statuses"].update({k[len(STATUS):]: v for k, v in stats.items() if k.startswith(STATUS)})
        h["errors"].update(crawl_errors(stats))
        h["retries"] += stats.get("retry/count", 0)
        h["finish_reasons"][stats.get("finish_reason", "unfinished")] += 1
    return {name: {k: dict(sorted(v.items())) if isinstance(v, Counter) else v for k, v in h.items()}
            for name, h in health.items()}
