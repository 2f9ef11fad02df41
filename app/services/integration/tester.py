"""The conformance tester: the console plays KooGallery against a seller's production interface
(生产接口) and checks what KooGallery depends on, one named check at a time.

:func:`run_conformance` sends real, correctly signed requests with ``testFlag=1`` for every
activity of a family (the scripts are in :mod:`app.services.integration.families`), then judges
the answers: each activity on its own, the idempotent ``newInstance``, the polling after
``000004``, the three refusals with ``000001``, the repeated release, the credentials, and over
every answer the time limit, the JSON shape and (V1) the ``Body-Sign``. Written from
``domain/interfaces.md`` (§1–§8), not from any endpoint's code. The values it uses are
:class:`~app.services.integration.rules.ConformanceSettings`, UNCONFIRMED ones marked.

A URL that cannot be reached raises :class:`EndpointUnreachable` (no report: nothing was
checked); every other problem, a bad certificate included, is a failed check in the report.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.config.profiles import is_loopback_host as is_loopback
from app.errors import ConsoleError
from app.services.integration.caller import Answer, Caller
from app.services.integration.report import CheckResult, Finding, Report, Status
from app.services.integration.rules import (
    AUTH_FAILED,
    DOCUMENTED_CODES,
    IN_PROGRESS,
    RESULT_CODE_LENGTH,
    RESULT_MSG_MAX,
    SUCCESS,
    ConformanceSettings,
    Family,
)
from app.services.marketplace import interface_signing as signing


class EndpointUnreachable(ConsoleError):
    """The production URL does not accept connections (nothing was checked)."""

    default_code = "unreachable"


class InvalidProductionUrl(ConsoleError):
    """The production URL is not an http(s) address."""

    default_code = "production_url"


class Cancelled(ConsoleError):
    default_code = "cancelled"


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _certificate_problem(error: httpx.ConnectError) -> str | None:
    text = str(error)
    for marker in ("CERTIFICATE_VERIFY_FAILED", "certificate verify failed", "WRONG_VERSION",
                   "SSL", "TLS"):
        if marker in text:
            return text
    return None


class Run:
    """One run against one URL: the caller, the report being filled, the answers so far.

    The family scripts call :meth:`call`/:meth:`get` and then the judging helpers
    (:meth:`activity`, :meth:`refusal`, ...), which add checks to the report in order."""

    def __init__(self, url: str, key: str, family: Family, settings: ConformanceSettings,
                 *, verify: object = True, progress: Callable[[str], None] | None = None,
                 cancel: threading.Event | None = None) -> None:
        self.family = family
        self.settings = settings
        self.report = Report(family=family, url=url, started=datetime.now(UTC),
                             settings=settings.described())
        self.caller = Caller(url, key, family, settings, self.report.exchanges,
                             verify=verify)  # type: ignore[arg-type]
        self.key = key
        self.answers: list[Answer] = []
        self._progress = progress
        self._cancel = cancel
        self._transport: CheckResult | None = None

    # -- sending ---------------------------------------------------------------------------------

    def _step(self, label: str) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise Cancelled("the conformance run was stopped")
        if self._progress is not None:
            self._progress(label)

    def _first_contact(self, send: Callable[[], Answer]) -> Answer:
        try:
            return send()
        except httpx.ConnectTimeout as e:
            raise EndpointUnreachable(f"cannot reach {urlsplit(self.report.url).netloc}: {e}",
                                      params={"url": self.report.url}) from None
        except httpx.ConnectError as e:
            problem = _certificate_problem(e) if self._transport is None else None
            if problem is None or self._transport is not None:
                raise EndpointUnreachable(
                    f"cannot reach {urlsplit(self.report.url).netloc}: {e}",
                    params={"url": self.report.url}) from None
            self._transport = CheckResult("transport.https", "failed",
                                          [Finding("untrusted_certificate", {"reason": problem})])
            self.caller.stop_verifying()
            try:
                return send()
            except httpx.ConnectError as again:
                raise EndpointUnreachable(f"cannot reach the URL: {again}",
                                          params={"url": self.report.url}) from None

    def keep(self, answer: Answer) -> Answer:
        self.answers.append(answer)
        return answer

    def post(self, label: str, body: Mapping[str, Any], tamper: object = None,
             path: str = "") -> Answer:
        from app.services.integration.caller import Tamper

        self._step(label)
        how = tamper if isinstance(tamper, Tamper) else Tamper.NONE
        return self.keep(self._first_contact(
            lambda: self.caller.post(label, dict(body), how, path)))

    def get(self, label: str, params: dict[str, str], tamper: object = None) -> Answer:
        from app.services.integration.caller import Tamper

        self._step(label)
        how = tamper if isinstance(tamper, Tamper) else Tamper.NONE
        return self.keep(self._first_contact(lambda: self.caller.get(label, params, how)))

    def replay(self, label: str) -> Answer:
        self._step(label)
        return self.keep(self._first_contact(lambda: self.caller.replay(label)))

    # -- judging ---------------------------------------------------------------------------------

    def add(self, name: str, status: Status, findings: Iterable[Finding] = (),
            answers: Iterable[Answer] = ()) -> CheckResult:
        check = CheckResult(name, status, list(findings), [a.index for a in answers])
        self.report.checks.append(check)
        return check

    @staticmethod
    def why_not(answer: Answer) -> Finding:
        """Why an answer is not a success, in one finding."""
        if answer.error is not None:
            return Finding("no_answer", {"error": answer.error})
        if answer.code is None:
            return Finding("no_result_code", {"status": str(answer.status)})
        if answer.code == AUTH_FAILED:
            return Finding("signature_refused", {})
        return Finding("answered_code", {"code": answer.code,
                                         "message": str((answer.data or {}).get("resultMsg", ""))})

    def activity(self, name: str, answer: Answer, accepted: Iterable[str] = (SUCCESS,),
                 *, failing: Status = "failed") -> bool:
        """The check ``name``: the activity answered one of ``accepted``."""
        ok = answer.code in tuple(accepted)
        if ok:
            self.add(name, "passed", [Finding("answered_code", {"code": str(answer.code),
                                                                "message": ""})], [answer])
        else:
            self.add(name, failing, [self.why_not(answer)], [answer])
        return ok

    def refusal(self, name: str, answer: Answer) -> None:
        """A request KooGallery would never send must be answered ``000001``."""
        if answer.code == AUTH_FAILED:
            self.add(name, "passed", [Finding("refused", {})], [answer])
        else:
            found = self.why_not(answer) if answer.code is None else \
                Finding("not_refused", {"code": answer.code})
            self.add(name, "failed", [found], [answer])

    def replay_refusal(self, name: str, first: Answer, second: Answer) -> None:
        if first.code == AUTH_FAILED or first.code is None:
            self.add(name, "failed", [Finding("valid_refused", {}) if first.code
                                      else self.why_not(first)], [first, second])
        elif second.code == AUTH_FAILED:
            self.add(name, "passed", [Finding("refused", {})], [first, second])
        else:
            self.add(name, "failed", [Finding("replay_accepted", {"code": str(second.code)})],
                     [first, second])

    def release_again(self, name: str, answer: Answer) -> None:
        if answer.code == SUCCESS:
            self.add(name, "passed", [Finding("answered_code", {"code": SUCCESS,
                                                                "message": ""})], [answer])
        else:
            status: Status = "failed" if self.settings.release_again_must_succeed else "warning"
            self.add(name, status, [self.why_not(answer), Finding("release_retried", {})],
                     [answer])

    def idempotent(self, name: str, first: Answer, second: Answer, field: str) -> None:
        one = (first.data or {}).get(field)
        two = (second.data or {}).get(field)
        if not one or not two:
            self.add(name, "failed", [self.why_not(second if one else first)], [first, second])
        elif one == two:
            self.add(name, "passed", [Finding("same_instance", {"id": str(one)})],
                     [first, second])
        else:
            self.add(name, "failed", [Finding("different_instance",
                                              {"first": str(one), "second": str(two)})],
                     [first, second])

    def poll(self, name: str, first: Answer, query: Callable[[], Answer],
             ready: Callable[[Answer], bool]) -> None:
        """§2.2: after ``000004``, queryInstance until the instance is there."""
        if first.code == SUCCESS:
            self.add(name, "passed", [Finding("synchronous", {})], [first])
            return
        if first.code != IN_PROGRESS:
            self.add(name, "skipped", [self.why_not(first)], [first])
            return
        polled: list[Answer] = []
        waited = 0.0
        stop = threading.Event() if self._cancel is None else self._cancel
        while True:
            answer = query()
            polled.append(answer)
            if ready(answer):
                self.add(name, "passed", [Finding("appeared", {
                    "polls": str(len(polled)), "seconds": f"{waited:.1f}"})], [first, *polled])
                return
            if waited >= self.settings.poll_timeout_s:
                break
            stop.wait(self.settings.poll_interval_s)
            waited += self.settings.poll_interval_s
        self.add(name, "failed", [Finding("never_appeared", {
            "polls": str(len(polled)), "seconds": f"{waited:.1f}"})], [first, *polled[-3:]])

    def credentials(self, name: str, found: list[tuple[Answer, str, str, str]],
                    must_encrypt: bool) -> None:
        """§6.5: ``(answer, field, value, encryptType)`` of every credential seen."""
        if not found:
            self.add(name, "skipped", [Finding("no_credentials", {})])
            return
        problems: list[Finding] = []
        notes: list[Finding] = []
        for _answer, field, value, encrypt_type in found:
            limit = 128
            if len(value) > limit:
                problems.append(Finding("credential_too_long", {
                    "field": field, "length": str(len(value)), "limit": str(limit)}))
            bits = signing.ENCRYPT_TYPE_BITS.get(encrypt_type or "1")
            if bits is None:
                problems.append(Finding("unknown_encrypt_type", {"value": encrypt_type}))
            elif signing.looks_encrypted(value):
                try:
                    signing.decrypt_credential(self.key, value, bits=bits)
                except signing.CredentialDecryptError:
                    problems.append(Finding("credential_undecryptable",
                                            {"field": field, "bits": str(bits)}))
                else:
                    notes.append(Finding("credential_decrypts", {"field": field,
                                                                 "bits": str(bits)}))
            elif must_encrypt:
                problems.append(Finding("credential_not_encrypted", {"field": field}))
            else:
                notes.append(Finding("credential_plain", {"field": field}))
        answers = list({a.index: a for a, *_ in found}.values())
        unique = list(dict.fromkeys(problems or notes))  # the same field in several answers
        self.add(name, "failed" if problems else "passed", unique, answers)

    # -- over every answer -------------------------------------------------------------------------

    def transport(self) -> None:
        """HTTPS with a trusted certificate; plain http only on loopback, with a warning."""
        parts = urlsplit(self.report.url)
        host = parts.hostname or ""
        if self._transport is not None:
            check = self._transport
        elif parts.scheme == "http":
            check = CheckResult("transport.https", "warning" if is_loopback(host) else "failed",
                                [Finding("plain_http_loopback" if is_loopback(host)
                                         else "plain_http", {"host": host})])
        elif _is_ip(host) and not is_loopback(host):
            check = CheckResult("transport.https", "failed", [Finding("ip_address",
                                                                      {"host": host})])
        else:
            version = self.caller.tls_version()
            if version is not None and version in ("TLSv1", "TLSv1.1", "SSLv3"):
                check = CheckResult("transport.https", "failed",
                                    [Finding("old_tls", {"version": version})])
            else:
                check = CheckResult("transport.https", "passed",
                                    [Finding("trusted_certificate",
                                             {"version": version or "TLS"})])
        self.report.checks.insert(0, check)

    def answer_times(self) -> None:
        limit = self.settings.answer_limit_s
        slow = [a for a in self.answers if a.elapsed_s is None or a.elapsed_s > limit]
        if not slow:
            longest = max((a.elapsed_s or 0.0 for a in self.answers), default=0.0)
            self.add("answers.time", "passed", [Finding("all_in_time", {
                "count": str(len(self.answers)), "longest": f"{longest:.2f}",
                "limit": f"{limit:g}"})])
            return
        findings = [Finding("too_slow", {
            "label": self.report.exchanges[a.index].label,
            "seconds": "-" if a.elapsed_s is None else f"{a.elapsed_s:.2f}",
            "limit": f"{limit:g}"}) for a in slow[:10]]
        self.add("answers.time", "failed", findings, slow[:10])

    def answer_shapes(self) -> None:
        """Every answer: declared JSON, a JSON object, ``resultCode`` a documented 6-character
        string, ``resultMsg`` text of at most 255 characters (§1, §8.1)."""
        bad: list[tuple[Answer, Finding]] = []
        for answer in self.answers:
            if answer.error is not None:
                continue  # no answer at all: answers.time and the activity say so
            label = self.report.exchanges[answer.index].label
            finding = _shape_problem(answer, label)
            if finding is not None:
                bad.append((answer, finding))
        if not bad:
            self.add("answers.json", "passed", [Finding("all_json", {
                "count": str(len(self.answers))})])
        else:
            self.add("answers.json", "failed", [f for _, f in bad[:10]],
                     [a for a, _ in bad[:10]])

    def body_signs(self) -> None:
        """§6.4: every V1 answer carries a valid ``Body-Sign``."""
        bad = []
        for answer in self.answers:
            if answer.error is not None:
                continue
            header = answer.headers.get("body-sign")
            if not signing.body_sign_valid(self.key, answer.body, header):
                label = self.report.exchanges[answer.index].label
                bad.append((answer, Finding("body_sign_missing" if header is None
                                            else "body_sign_invalid", {"label": label})))
        if bad:
            self.add("answers.body_sign", "failed", [f for _, f in bad[:10]],
                     [a for a, _ in bad[:10]])
        else:
            self.add("answers.body_sign", "passed", [Finding("all_signed", {
                "count": str(len(self.answers))})])


def _shape_problem(answer: Answer, label: str) -> Finding | None:
    if not answer.content_type.lower().startswith("application/json"):
        return Finding("not_json_content_type", {"label": label,
                                                 "type": answer.content_type or "-"})
    if answer.data is None:
        return Finding("not_json", {"label": label})
    code = answer.data.get("resultCode")
    if code is None:
        return Finding("no_result_code", {"label": label, "status": str(answer.status)})
    if not isinstance(code, str) or len(code) != RESULT_CODE_LENGTH:
        return Finding("result_code_shape", {"label": label, "code": str(code)})
    if code not in DOCUMENTED_CODES:
        return Finding("undocumented_code", {"label": label, "code": code})
    message = answer.data.get("resultMsg")
    if message is not None and (not isinstance(message, str) or len(message) > RESULT_MSG_MAX):
        return Finding("result_msg_shape", {"label": label, "limit": str(RESULT_MSG_MAX)})
    return None
