"""The conformance tester (issue 14 §1) against the sandbox's reference production interfaces
over real HTTP: every reference endpoint passes every check, and each break switch fails exactly
its own check and no other (interfaces.md §1-§8)."""

from __future__ import annotations

import pytest

from app.sandbox.production.endpoint import SWITCHES, ReferenceEndpoint, switches_for
from app.services.integration.conformance import run_conformance
from app.services.integration.report import Report
from app.services.integration.rules import FAMILIES, ConformanceSettings
from app.services.integration.tester import EndpointUnreachable, InvalidProductionUrl

KEY = "conformance-test-key-1234"

#: The check each switch breaks.
BROKEN_CHECK = {
    "slow": "answers.time",
    "html_content_type": "answers.json",
    "no_idempotency": "newInstance.idempotent",
    "never_ready": "newInstance.async",
    "bad_credentials": "credentials.encrypted",
    "ignore_signature": "security.wrong_signature",
    "ignore_timestamp": "security.stale_timestamp",
    "accept_replay": "security.replayed_nonce",
    "bad_body_sign": "answers.body_sign",
}
RELEASE_AGAIN = {"saas-v2": "releaseInstance.again", "saas-v1": "releaseInstance.again",
                 "license": "releaseLicenseCode.again", "kit": "tenantSync.delete_again"}


def _run(family: str, switches: tuple[str, ...] = ()) -> Report:
    with ReferenceEndpoint(family, KEY, switches) as endpoint:
        return run_conformance(endpoint.url, KEY, family)  # type: ignore[arg-type]


def _statuses(report: Report) -> dict[str, str]:
    return {c.name: c.status for c in report.checks}


_BASELINES: dict[str, dict[str, str]] = {}


def _baseline(family: str) -> dict[str, str]:
    if family not in _BASELINES:
        _BASELINES[family] = _statuses(_run(family))
    return _BASELINES[family]


@pytest.mark.parametrize("family", FAMILIES)
def test_the_reference_endpoint_passes_every_check(family: str) -> None:
    report = _run(family)
    statuses = _statuses(report)
    assert report.ok, statuses
    # plain http on loopback is a warning (§1: KooGallery calls HTTPS only), nothing else is
    assert statuses.pop("transport.https") == "warning"
    assert {s for s in statuses.values()} <= {"passed", "skipped"}, statuses
    skipped = [n for n, s in statuses.items() if s == "skipped"]
    assert skipped == (["security.replayed_nonce"] if family == "saas-v1" else [])
    assert report.counts()["failed"] == 0
    assert len(report.checks) == len(statuses) + 1


CASES = [(family, switch) for switch, (families, _) in SWITCHES.items() for family in families]


@pytest.mark.parametrize(("family", "switch"), CASES, ids=[f"{f}-{s}" for f, s in CASES])
def test_each_break_switch_fails_exactly_its_own_check(family: str, switch: str) -> None:
    baseline = _baseline(family)
    broken = _run(family, (switch,))
    own = RELEASE_AGAIN[family] if switch == "release_again_fails" else BROKEN_CHECK[switch]
    statuses = _statuses(broken)
    failed = sorted(n for n, s in statuses.items() if s == "failed")
    assert failed == [own], statuses
    assert not broken.ok
    # no other check got worse (a check that had nothing to judge may be skipped)
    for name, status in statuses.items():
        if name != own:
            assert status in (baseline[name], "skipped"), (name, baseline[name], status)


def test_every_switch_of_every_family_is_covered() -> None:
    for family in FAMILIES:
        for switch in switches_for(family):
            assert (family, switch) in CASES


def test_a_url_nobody_listens_on_is_unreachable() -> None:
    with ReferenceEndpoint("saas-v2", KEY) as endpoint:
        url = endpoint.url
    with pytest.raises(EndpointUnreachable):
        run_conformance(url, KEY)


def test_a_wrong_key_fails_the_activities_with_signature_refused() -> None:
    with ReferenceEndpoint("saas-v2", KEY) as endpoint:
        report = run_conformance(endpoint.url, "another key")
    assert report.check("newInstance").status == "failed"
    assert report.check("newInstance").findings[0].code == "signature_refused"


def test_the_unconfirmed_inner_hash_variant_is_a_setting() -> None:
    """§11 item 1: the plain SHA-256 variant is refused by an endpoint following the docs."""
    with ReferenceEndpoint("saas-v2", KEY) as endpoint:
        report = run_conformance(endpoint.url, KEY,
                                 settings=ConformanceSettings(inner_hmac=False))
    assert report.check("newInstance").findings[0].code == "signature_refused"
    marked = {s["name"]: s["unconfirmed"] for s in report.settings}
    assert marked["inner_hmac"].startswith("UNCONFIRMED")
    assert marked["answer_limit_s"] == ""


def test_settings_are_overridden_by_name_and_checked() -> None:
    settings = ConformanceSettings().with_overrides({"poll_timeout_s": "3",
                                                     "release_again_must_succeed": "no"})
    assert settings.poll_timeout_s == 3.0 and not settings.release_again_must_succeed
    with pytest.raises(ValueError, match="unknown setting"):
        ConformanceSettings().with_overrides({"nope": "1"})
    with pytest.raises(ValueError):
        ConformanceSettings().with_overrides({"answer_limit_s": "-1"})


def test_not_an_http_address_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(InvalidProductionUrl):
        run_conformance("ftp://example.com/x", KEY)


def test_secrets_never_appear_in_the_report() -> None:
    report = _run("saas-v2")
    text = str(report.as_dict())
    assert KEY not in text
    for exchange in report.exchanges:
        assert "signature=****" in exchange.url and "nonce=****" in exchange.url
    assert '"password": "****"' in text.replace("'", '"') or "****" in text


def test_the_junit_file_parses_and_its_counts_match_the_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Done means (issue 14): the JUnit file parses and its counts match the report."""
    import xml.etree.ElementTree as ET

    from app.config.paths import atomic_write_text
    from app.services.integration.export import to_html, to_json, to_junit

    report = _run("saas-v2", ("ignore_signature",))
    path = tmp_path / "conformance.xml"
    atomic_write_text(path, to_junit(report))
    root = ET.parse(path).getroot()
    suite = root.find("testsuite")
    assert suite is not None
    counts = report.counts()
    assert int(suite.get("tests", "")) == len(report.checks) == sum(counts.values())
    assert int(suite.get("failures", "")) == counts["failed"] == 1
    assert int(suite.get("skipped", "")) == counts["skipped"]
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [c.name for c in report.checks]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["security.wrong_signature"]
    warning = next(c for c in cases if c.get("name") == "transport.https")
    assert (warning.findtext("system-out") or "").startswith("WARNING")
    assert KEY not in path.read_text(encoding="utf-8")
    page = to_html(report, "zh_CN")
    assert "错误的签名被拒绝" in page and "失败" in page and KEY not in page
    assert to_html(report, "en").count("<tr>") >= len(report.checks)
    data = __import__("json").loads(to_json(report))
    assert data["counts"] == counts and data["ok"] is False
