"""The conformance report's words in English and Chinese: each check's title and each finding's
sentence (the services have no Qt, so the words are data here, as in
:mod:`app.services.exchange.terms`). The window, the command line and the HTML export all read
them through :func:`check_title` and :func:`finding_text`.
"""

from __future__ import annotations

from app.services.exchange.terms import is_chinese
from app.services.integration.report import Finding, Status

#: Checks judged over the whole run, and the special checks of single activities.
_TITLES: dict[str, tuple[str, str]] = {
    "transport.https": ("HTTPS with a trusted certificate", "HTTPS 且证书可信"),
    "answers.time": ("Every answer within the time limit", "每个应答都在时限内"),
    "answers.json": ("Every answer is JSON with a documented resultCode",
                     "每个应答都是带有文档所列 resultCode 的 JSON"),
    "answers.body_sign": ("Every answer carries a valid Body-Sign", "每个应答都带有效的 Body-Sign"),
    "newInstance": ("newInstance creates an instance", "newInstance 创建实例"),
    "newInstance.async": ("After 000004, queryInstance shows the instance",
                          "返回 000004 后，queryInstance 能查到实例"),
    "newInstance.idempotent": ("A repeated newInstance returns the same instanceId",
                               "重复的 newInstance 返回相同的 instanceId"),
    "queryInstance": ("queryInstance finds the instance", "queryInstance 查到实例"),
    "credentials.encrypted": ("Credentials decrypt (AES, SHA1PRNG key) and fit 128 characters",
                              "账号密码可解密（AES，SHA1PRNG 密钥）且不超过 128 个字符"),
    "security.wrong_signature": ("A wrong signature is refused with 000001",
                                 "错误的签名被拒绝（000001）"),
    "security.stale_timestamp": ("A timestamp older than 60 s is refused with 000001",
                                 "超过 60 秒的时间戳被拒绝（000001）"),
    "security.replayed_nonce": ("A replayed nonce is refused with 000001",
                                "重放的 nonce 被拒绝（000001）"),
    "releaseInstance.again": ("Releasing a released instance does not fail",
                              "再次释放已释放的实例不报错"),
    "releaseLicenseCode.again": ("Releasing a released license code does not fail",
                                 "再次释放已释放的授权码不报错"),
    "tenantSync.delete_again": ("Deleting a deleted tenant does not fail",
                                "再次删除已删除的企业不报错"),
}

_STATUS: dict[str, tuple[str, str]] = {
    "passed": ("passed", "通过"), "failed": ("failed", "失败"),
    "warning": ("warning", "警告"), "skipped": ("skipped", "跳过"),
}

#: §8.1, for the findings that name a code.
CODE_MEANINGS: dict[str, tuple[str, str]] = {
    "000000": ("success", "成功"),
    "000001": ("authentication failed", "鉴权失败"),
    "000002": ("invalid request parameter", "请求参数不合法"),
    "000003": ("instance does not exist", "实例不存在"),
    "000004": ("being processed", "处理中"),
    "000005": ("other internal error", "其他内部错误"),
    "000100": ("no instance resources available", "无可用实例资源"),
    "000101": ("mobile number empty or already used", "手机号为空或已被使用"),
    "000102": ("e-mail empty or already used", "邮箱为空或已被使用"),
    "000103": ("buyer has already purchased", "用户已购买"),
    "000104": ("product's internal service error", "商品内部服务错误"),
    "000105": ("account has already subscribed to this benefit", "账号已订购该权益"),
    "000106": ("sold out", "已售罄"),
    "000107": ("SaaS e-mail domain already used", "SaaS 邮箱域名已被使用"),
}

_FINDINGS: dict[str, tuple[str, str]] = {
    "answered_code": ("answered {code} ({meaning}) {message}", "应答 {code}（{meaning}）{message}"),
    "no_answer": ("no answer: {error}", "没有应答：{error}"),
    "no_result_code": ("{label} the answer (HTTP {status}) has no resultCode",
                       "{label} 应答（HTTP {status}）没有 resultCode"),
    "signature_refused": ("answered 000001: our signed request was refused; check the key "
                          "(卖家中心 > 应用工具 > 密钥管理) and this computer's clock",
                          "应答 000001：签名正确的请求被拒绝；请检查密钥（卖家中心 > 应用工具 > "
                          "密钥管理）和本机时钟"),
    "refused": ("refused with 000001", "已以 000001 拒绝"),
    "not_refused": ("answered {code} instead of 000001", "应答 {code}，而不是 000001"),
    "valid_refused": ("the first, valid request was already refused with 000001",
                      "第一次有效的请求就被 000001 拒绝"),
    "replay_accepted": ("the replayed request was answered {code} instead of 000001",
                        "重放的请求应答 {code}，而不是 000001"),
    "release_retried": ("KooGallery retries releases, so an already released one should answer "
                        "000000 (UNCONFIRMED, interfaces.md §2.6)",
                        "云商店会重试释放，已释放的应答 000000 为宜（未确认，interfaces.md §2.6）"),
    "same_instance": ("both answers name instance {id}", "两次应答都是实例 {id}"),
    "different_instance": ("the first answer named {first}, the repeat {second}",
                           "第一次应答 {first}，重复请求应答 {second}"),
    "synchronous": ("answered 000000 at once (no polling needed)",
                    "立即应答 000000（无需轮询）"),
    "appeared": ("the instance appeared after {polls} queryInstance call(s), {seconds} s",
                 "调用 {polls} 次 queryInstance 后查到实例，用时 {seconds} 秒"),
    "never_appeared": ("the instance had no app info after {polls} queryInstance call(s), "
                       "{seconds} s", "调用 {polls} 次 queryInstance（{seconds} 秒）后实例仍无应用信息"),
    "no_credentials": ("no userName or password in the answers", "应答中没有账号或密码"),
    "credential_too_long": ("{field} is {length} characters (limit {limit}): the buyer cannot "
                            "see it", "{field} 长 {length} 个字符（上限 {limit}），买家将看不到"),
    "unknown_encrypt_type": ("encryptType {value} is neither 1 (AES-256) nor 2 (AES-128)",
                             "encryptType {value} 既不是 1（AES-256）也不是 2（AES-128）"),
    "credential_undecryptable": ("{field} does not decrypt with the key (AES-{bits}, SHA1PRNG)",
                                 "{field} 无法用密钥解密（AES-{bits}，SHA1PRNG）"),
    "credential_decrypts": ("{field} decrypts (AES-{bits})", "{field} 可解密（AES-{bits}）"),
    "credential_not_encrypted": ("{field} is not encrypted (V1 requires §6.5 encryption)",
                                 "{field} 未加密（V1 要求按 §6.5 加密）"),
    "credential_plain": ("{field} is plain text (allowed in V2; whether V2 expects encryption is "
                         "UNCONFIRMED)", "{field} 为明文（V2 允许；V2 是否要求加密未确认）"),
    "plain_http_loopback": ("plain http on this computer ({host}): fine for a local test, but "
                            "KooGallery calls only HTTPS with a trusted certificate",
                            "本机明文 http（{host}）：本地测试可以，但云商店只调用证书可信的 HTTPS"),
    "plain_http": ("plain http to {host}: KooGallery calls only HTTPS",
                   "明文 http 访问 {host}：云商店只调用 HTTPS"),
    "ip_address": ("{host} is an IP address: the production address must use a domain name",
                   "{host} 是 IP 地址：生产地址必须使用域名"),
    "untrusted_certificate": ("the certificate is not trusted ({reason}); the other checks ran "
                              "without the certificate check",
                              "证书不可信（{reason}）；其余检查在不校验证书的情况下进行"),
    "old_tls": ("{version}: KooGallery requires TLS 1.2 or later",
                "{version}：云商店要求 TLS 1.2 或更高"),
    "trusted_certificate": ("trusted certificate, {version}", "证书可信，{version}"),
    "all_in_time": ("{count} answers, the longest {longest} s (limit {limit} s)",
                    "{count} 个应答，最长 {longest} 秒（时限 {limit} 秒）"),
    "too_slow": ("{label}: {seconds} s (limit {limit} s)", "{label}：{seconds} 秒（时限 {limit} 秒）"),
    "all_json": ("{count} answers", "{count} 个应答"),
    "not_json_content_type": ("{label}: Content-Type {type}, not application/json",
                              "{label}：Content-Type 为 {type}，不是 application/json"),
    "not_json": ("{label}: the body is not a JSON object", "{label}：应答体不是 JSON 对象"),
    "result_code_shape": ("{label}: resultCode {code} is not a 6-character string",
                          "{label}：resultCode {code} 不是 6 个字符的字符串"),
    "undocumented_code": ("{label}: resultCode {code} is not a documented code",
                          "{label}：resultCode {code} 不是文档所列的结果码"),
    "result_msg_shape": ("{label}: resultMsg is not text of at most {limit} characters",
                         "{label}：resultMsg 不是不超过 {limit} 个字符的文本"),
    "all_signed": ("{count} answers signed", "{count} 个应答已签名"),
    "body_sign_missing": ("{label}: no Body-Sign header", "{label}：没有 Body-Sign 头"),
    "body_sign_invalid": ("{label}: Body-Sign does not match the body",
                          "{label}：Body-Sign 与应答体不符"),
    "no_instance": ("not judged: newInstance gave no instanceId",
                    "未判断：newInstance 没有返回 instanceId"),
    "instance_missing": ("the answer does not list instance {id}", "应答中没有实例 {id}"),
    "instance_found": ("instance {id} found", "查到实例 {id}"),
    "field_missing": ("{field} is missing", "缺少 {field}"),
    "field_too_long": ("{field} is {length} characters (limit {limit})",
                       "{field} 长 {length} 个字符（上限 {limit}）"),
    "memo_not_escaped": ("memo has non-ASCII characters not sent as \\uXXXX escapes",
                         "memo 中的非 ASCII 字符没有以 \\uXXXX 转义发送"),
    "change_refused": ("the change was refused: right if your product does not allow it",
                       "变更被拒绝：若您的商品不允许该变更则没有问题"),
    "license_unknown": ("your server does not know the made-up code {code}; give a test license "
                        "code (--set license_code=CODE) for a full run",
                        "您的服务器不认识临时编造的授权码 {code}；请提供测试授权码"
                        "（--set license_code=CODE）以完整测试"),
    "v1_no_nonce": ("not applicable: V1 requests carry no nonce", "不适用：V1 请求没有 nonce"),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if is_chinese(language) else pair[0]


def check_title(name: str, language: str) -> str:
    """The title of check ``name``: its own, or for an activity ``activity.detail`` "activity
    (detail) answers 000000"."""
    known = _TITLES.get(name)
    if known is not None:
        return _pick(known, language)
    activity, _, detail = name.partition(".")
    what = f"{activity} ({detail})" if detail else activity
    return f"{what} 应答成功" if is_chinese(language) else f"{what} answers 000000"


def status_word(status: Status | str, language: str) -> str:
    return _pick(_STATUS.get(status, (status, status)), language)


def code_meaning(code: str, language: str) -> str:
    pair = CODE_MEANINGS.get(code)
    if pair is None:
        return "未在文档中" if is_chinese(language) else "not documented"
    return _pick(pair, language)


def finding_text(finding: Finding, language: str) -> str:
    """One finding as a sentence in ``language``."""
    pattern = _FINDINGS.get(finding.code)
    if pattern is None:
        return finding.code + (f" {finding.params}" if finding.params else "")
    values = {"label": "", "message": "", **finding.params}
    if "code" in values:
        values.setdefault("meaning", code_meaning(values["code"], language))
    try:
        return _pick(pattern, language).format(**values).strip()
    except (KeyError, IndexError):
        return _pick(pattern, language)


def findings_text(findings: list[Finding], language: str) -> str:
    return "; ".join(finding_text(f, language) for f in findings)
