"""KooGallery's open-API result codes and license statuses in words (interfaces.md §8.2, §8.3, §7.4).

The words are data in both languages (services have no Qt), like ``app.services.exchange.terms``.
A code the table does not know is shown as KooGallery sent it, with its message. Entries the
published pages do not settle are marked ``unconfirmed`` and say so when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.exchange.terms import is_chinese


@dataclass(frozen=True)
class Code:
    """A result code or status and its meaning in English and Chinese."""

    code: str
    en: str
    zh: str
    unconfirmed: bool = False
    #: Whether the call did what was asked.
    ok: bool = False

    def word(self, language: str) -> str:
        text = self.zh if is_chinese(language) else self.en
        if self.unconfirmed:
            text += "(未经证实)" if is_chinese(language) else " (unconfirmed)"
        return text


def _table(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


#: License open-API codes (§8.3).
LICENSE_CODES = _table(
    Code("92020000", "Success", "成功", ok=True),
    Code("92020001", "KooGallery internal error; try again later", "云商店内部错误,请稍后重试"),
    Code("92020002", "Invalid parameter", "参数不合法"),
    Code("92020003", "The license code's state does not allow this (already activated?)",
         "授权码状态不允许此操作(已激活?)", unconfirmed=True),
    Code("92020004", "The buyer has not received this license code yet",
         "买家尚未收到该授权码"),
    Code("92020005", "The license code does not exist", "授权码不存在"),
    Code("92020011", "The license code is not activated", "授权码未激活"),
    Code("92020020", "An invalid license code is in the list", "列表中有无效的授权码"),
    Code("95000001", "Request parameters invalid", "请求参数不合法"),
    Code("95000002", "Method not allowed", "不允许的请求方法"),
    Code("95000003", "Unsupported content type", "不支持的内容类型"),
    Code("95000004", "Request body unreadable", "请求体无法读取"),
)

#: Open-API codes of Query Order and the usage push (§8.2).
MKT_CODES = _table(
    Code("MKT.0000", "Success", "成功", ok=True),
    Code("MKT.0100", "Input validation failed", "输入校验失败"),
    Code("MKT.0101", "Invalid parameter (an unknown order or line, say)",
         "参数不合法(如订单或订单行不存在)"),
    Code("MKT.0102", "Invalid body signature (check the key from 密钥管理)",
         "消息体签名错误(请检查密钥管理中的密钥)"),
    Code("MKT.0150", "Illegal operation", "非法操作"),
    Code("MKT.0151", "No permission", "无权限"),
    Code("MKT.0154", "Illegal token (access key, signature or clock)",
         "非法令牌(访问密钥、签名或时钟)"),
    Code("MKT.0199", "Request parameter error", "请求参数错误"),
    Code("MKT.0250", "Called too often; try again later", "调用频率超限,请稍后重试"),
    Code("MKT.0999", "KooGallery internal error", "云商店内部错误"),
    Code("MKT.9001", "Instance not found", "实例不存在"),
    Code("MKT.9002", "Invalid usage records", "使用量记录不合法"),
    Code("MKT.9003", "Too many records in one request", "单次记录数过多", unconfirmed=True),
    Code("MKT.9004", "Begin time older than 21 days", "开始时间早于21天前"),
)

#: A license code's status (LicenseInfo.status, §7.4).
LICENSE_STATUSES = _table(
    Code("ALIVE", "Active", "已激活", ok=True),
    Code("EXPIRED", "Expired", "已过期"),
    Code("RELEASED", "Released", "已释放"),
)

ALL_CODES = {**LICENSE_CODES, **MKT_CODES}


def describe(code: str | None, language: str, message: str | None = None) -> str:
    """A code in words; an unknown one as sent, with KooGallery's message."""
    known = ALL_CODES.get(code or "")
    if known is not None:
        return known.word(language)
    detail = message or ("未知" if is_chinese(language) else "unknown")
    return f"{code}: {detail}" if code else detail


def status_word(status: str | None, language: str) -> str:
    """A license status in words (an unknown one as sent)."""
    known = LICENSE_STATUSES.get(status or "")
    return known.word(language) if known else (status or "")
