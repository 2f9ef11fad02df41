"""``run_conformance``: one conformance run of a family against a production URL (the entry
point both front ends use; :mod:`app.services.integration.tester` judges,
:mod:`app.services.integration.families` says what is sent)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from app.services.integration import families
from app.services.integration.report import Report
from app.services.integration.rules import ConformanceSettings, Family
from app.services.integration.tester import InvalidProductionUrl, Run


def run_conformance(url: str, key: str, family: Family = "saas-v2",
                    settings: ConformanceSettings | None = None, *, verify: object = True,
                    progress: Callable[[str], None] | None = None,
                    cancel: threading.Event | None = None) -> Report:
    """Run every check of ``family`` against the production interface at ``url`` signed with
    ``key`` (the key of 卖家中心 > 密钥管理; V1: the 服务商信息 Key值).

    ``verify``: the certificate authorities to trust (True: this computer's usual ones; tests
    pass an ``ssl.SSLContext``). ``progress`` is called with each request's label before it is
    sent; ``cancel`` stops the run between requests (:class:`Cancelled`)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidProductionUrl(f"not an http(s) address: {url!r}", params={"url": url})
    if not key:
        raise InvalidProductionUrl("no key given", failure_code="production_key")
    run = Run(url.strip(), key, family, settings or ConformanceSettings(), verify=verify,
              progress=progress, cancel=cancel)
    try:
        families.SCRIPTS[family](run)
        run.transport()
        run.answer_times()
        run.answer_shapes()
        if family == "saas-v1":
            run.body_signs()
    finally:
        run.caller.close()
    run.report.finished = datetime.now(UTC)
    return run.report
