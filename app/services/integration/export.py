"""A conformance report as JSON (codes, for scripts), JUnit XML (for the seller's CI) and HTML
(for people, in their language). Secrets are already masked in the report's exchanges; the
front ends write the text with ``app.config.paths.atomic_write_text``.

JUnit: one ``<testsuite>`` with one ``<testcase>`` per check; a failed check is a
``<failure>``, a skipped one ``<skipped>``; a warning is a passing test case whose
``<system-out>`` starts with ``WARNING`` (JUnit has no warning). So ``tests`` = all checks,
``failures`` = failed checks, ``skipped`` = skipped checks, as the report counts them.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

from app.services.integration.report import CheckResult, Exchange, Report
from app.services.integration.words import check_title, findings_text, status_word


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def _readable(body: str) -> str:
    """A JSON body indented for reading; any other text as it is."""
    try:
        return json.dumps(json.loads(body), ensure_ascii=False, indent=2)
    except ValueError:
        return body


def _exchange_text(exchange: Exchange) -> str:
    lines = [f"{exchange.method} {exchange.url}"]
    lines += [f"{k}: {v}" for k, v in exchange.request_headers.items()]
    if exchange.request_body:
        lines += ["", _readable(exchange.request_body)]
    lines.append("")
    if exchange.error:
        lines.append(f"-> {exchange.error}")
    else:
        seconds = "" if exchange.elapsed_s is None else f" ({exchange.elapsed_s:.3f} s)"
        lines.append(f"-> HTTP {exchange.status}{seconds}")
        lines += [f"{k}: {v}" for k, v in exchange.response_headers.items()]
        lines += ["", _readable(exchange.response_body)]
    return "\n".join(lines)


def exchanges_text(report: Report, check: CheckResult) -> str:
    """The requests and answers a check is based on, as text (masked)."""
    return "\n\n".join(f"## {report.exchanges[i].label}\n{_exchange_text(report.exchanges[i])}"
                       for i in check.exchanges)


def to_junit(report: Report, language: str = "en") -> str:
    counts = report.counts()
    suites = ET.Element("testsuites", {
        "name": "KooGallery production-interface conformance",
        "tests": str(len(report.checks)), "failures": str(counts["failed"]),
        "errors": "0", "skipped": str(counts["skipped"]), "time": f"{report.seconds():.3f}"})
    suite = ET.SubElement(suites, "testsuite", {
        "name": f"conformance.{report.family}", "tests": str(len(report.checks)),
        "failures": str(counts["failed"]), "errors": "0", "skipped": str(counts["skipped"]),
        "time": f"{report.seconds():.3f}", "timestamp": report.started.isoformat()})
    properties = ET.SubElement(suite, "properties")
    for setting in report.settings:
        value = setting["value"] + (f" [{setting['unconfirmed']}]" if setting["unconfirmed"]
                                    else "")
        ET.SubElement(properties, "property", {"name": setting["name"], "value": value})
    for check in report.checks:
        seconds = sum(report.exchanges[i].elapsed_s or 0.0 for i in check.exchanges)
        case = ET.SubElement(suite, "testcase", {
            "classname": f"conformance.{report.family}", "name": check.name,
            "time": f"{seconds:.3f}"})
        text = findings_text(check.findings, language)
        if check.status == "failed":
            ET.SubElement(case, "failure", {"message": text or check.name,
                                            "type": "conformance"}).text = text
        elif check.status == "skipped":
            ET.SubElement(case, "skipped", {"message": text})
        out = exchanges_text(report, check)
        if check.status == "warning":
            out = f"WARNING: {text}\n\n{out}"
        if out:
            ET.SubElement(case, "system-out").text = out
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


_CSS = """body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
.passed{color:#1a7f37}.failed{color:#c62828;font-weight:bold}.warning{color:#b26a00}
.skipped{color:#666}pre{white-space:pre-wrap;background:#f6f6f6;padding:8px;font-size:12px}
details{margin:2px 0}"""


def to_html(report: Report, language: str = "en") -> str:
    zh = language.lower().startswith("zh")

    def t(en: str, cn: str) -> str:
        return cn if zh else en

    counts = report.counts()
    e = html.escape
    rows = []
    for check in report.checks:
        detail = e(findings_text(check.findings, language))
        exchanges = exchanges_text(report, check)
        if exchanges:
            detail += (f"<details><summary>{t('Requests and answers', '请求与应答')}</summary>"
                       f"<pre>{e(exchanges)}</pre></details>")
        rows.append(f"<tr><td>{e(check_title(check.name, language))}<br><code>{e(check.name)}"
                    f"</code></td><td class='{check.status}'>"
                    f"{e(status_word(check.status, language))}</td><td>{detail}</td></tr>")
    settings = "".join(
        f"<tr><td><code>{e(s['name'])}</code></td><td>{e(s['value'])}</td>"
        f"<td>{e(s['source'])} {e(s['unconfirmed'])}</td></tr>" for s in report.settings)
    summary = ", ".join(f"{status_word(s, language)} {n}" for s, n in counts.items())
    verdict = (t("No check failed", "没有失败的检查") if report.ok
               else t("Some checks failed", "有检查失败"))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if zh else 'en'}"><head><meta charset="utf-8">
<title>{t('Conformance report', '一致性测试报告')}</title><style>{_CSS}</style></head><body>
<h1>{t('Production interface conformance', '生产接口一致性测试')}</h1>
<p>{e(report.url)} &middot; {e(report.family)} &middot; {e(report.started.isoformat())}
&middot; {report.seconds():.1f} s</p>
<p><b>{verdict}</b>: {e(summary)}</p>
<table><tr><th>{t('Check', '检查')}</th><th>{t('Result', '结果')}</th>
<th>{t('Detail', '详情')}</th></tr>
{''.join(rows)}</table>
<h2>{t('Settings', '设置')}</h2>
<table><tr><th>{t('Setting', '设置')}</th><th>{t('Value', '值')}</th>
<th>{t('Source', '来源')}</th></tr>{settings}</table>
</body></html>
"""
