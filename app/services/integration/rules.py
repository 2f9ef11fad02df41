"""What the conformance tester holds a production interface to: the published values of
``domain/interfaces.md`` as data, and the UNCONFIRMED ones as settings with their mark.

:class:`ConformanceSettings` is every value a run depends on. A value the documentation states
carries its section; a value it leaves open is listed in :data:`UNCONFIRMED` with what is unsure,
is shown in every report beside its value, and can be changed per run
(``seller-console conformance --set NAME=VALUE``, :meth:`ConformanceSettings.with_overrides`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Literal

Family = Literal["saas-v2", "saas-v1", "license", "kit"]
FAMILIES: tuple[Family, ...] = ("saas-v2", "saas-v1", "license", "kit")

#: §8.1: every documented production-interface result code.
DOCUMENTED_CODES: tuple[str, ...] = (
    "000000", "000001", "000002", "000003", "000004", "000005", "000100", "000101", "000102",
    "000103", "000104", "000105", "000106", "000107", "000900", "000901", "000902", "000903",
)
SUCCESS = "000000"
AUTH_FAILED = "000001"
NOT_FOUND = "000003"
IN_PROGRESS = "000004"

#: §2.4: the scenes of refreshInstance.
V2_REFRESH_SCENES = ("TRIAL_TO_FORMAL", "RENEWAL", "UNSUBSCRIBE_RENEWAL_PERIOD", "RENEWAL_CHANGE")
#: §5: the scenes of refreshLicenseCode (TRIAL_TO_FORMAL only in a sample project: a setting).
LICENSE_REFRESH_SCENES = ("RENEWAL", "UNSUBSCRIBE_RENEWAL_PERIOD")
#: §4: the kit V2 interfaces, under the production address.
KIT_V2_PREFIX = "/produceAPI/v2/"

#: §1, §2.3, §3, §4: field limits of the answers, in characters.
RESULT_CODE_LENGTH = 6
RESULT_MSG_MAX = 255
INSTANCE_ID_MAX = 64
URL_MAX = 512
USER_NAME_MAX = 128
PASSWORD_MAX = 128
MEMO_MAX = 1024


@dataclass(frozen=True)
class ConformanceSettings:
    """Every value a run depends on (see the module docstring); times in seconds."""

    #: §1: KooGallery's HTTP client gives the seller about 5 seconds to answer.
    answer_limit_s: float = 5.0
    #: How long past the limit the tester still waits, so that a slow answer is still judged
    #: (this tester's own choice, not KooGallery's).
    answer_grace_s: float = 10.0
    #: §6.1: a request whose timestamp differs from now by more than this is refused.
    timestamp_window_s: float = 60.0
    #: How old the stale request's timestamp is (well past the window; this tester's choice).
    stale_age_s: float = 120.0
    #: §6.1: unit of the V2/kit ``timestamp`` (every example is ms; older pages say seconds).
    timestamp_unit: Literal["ms", "s"] = "ms"
    #: §6.1: inner step of the V2 signature: HMAC with the key (docs) or plain SHA-256.
    inner_hmac: bool = True
    #: §2.11: how often KooGallery polls queryInstance after 000004, and for how long.
    poll_interval_s: float = 0.5
    poll_timeout_s: float = 10.0
    #: §2.6: an already released instance (or license code) is answered with success.
    release_again_must_succeed: bool = True
    #: §2.4: digits of refreshInstance's ``expireTime`` (documented 14, example 17).
    expire_time_digits: Literal[14, 17] = 14
    #: §5: send refreshLicenseCode with the scene TRIAL_TO_FORMAL too.
    license_trial_to_formal: bool = False
    #: §4: send /produceAPI/v2/singleOrgSync (the path is inferred).
    kit_single_org_sync: bool = True
    #: §3/§6.3: the V1 stale-timeStamp probe (V1 pages name no window; the V2 60 s is assumed).
    v1_stale_probe: bool = True
    #: §5: the license code the License 2.0 activities name (empty: a made-up test code, which
    #: the seller's server may rightly not know).
    license_code: str = ""
    #: §4: the instance the kit interfaces name (empty: a made-up test instance).
    kit_instance_id: str = ""

    def with_overrides(self, values: Mapping[str, str]) -> ConformanceSettings:
        """A copy with ``{name: text}`` applied; :class:`ValueError` names a wrong one."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, object] = {}
        for name, text in values.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r} (known: {', '.join(sorted(known))})")
            current = getattr(self, name)
            changes[name] = _parse(name, text, current)
        return replace(self, **changes)  # type: ignore[arg-type]

    def described(self) -> list[dict[str, str]]:
        """Every setting with its value and, if the documentation leaves it open, its mark."""
        return [{"name": name, "value": str(value), "source": SOURCES.get(name, ""),
                 "unconfirmed": UNCONFIRMED.get(name, "")}
                for name, value in asdict(self).items()]


def _parse(name: str, text: str, current: object) -> object:
    value = text.strip()
    if isinstance(current, bool):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{name} is true or false, not {text!r}")
    if isinstance(current, float):
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"{name} is a number of seconds, not {text!r}") from None
        if number <= 0:
            raise ValueError(f"{name} must be positive")
        return number
    if name == "timestamp_unit" and value not in ("ms", "s"):
        raise ValueError("timestamp_unit is ms or s")
    if name == "expire_time_digits":
        if value not in ("14", "17"):
            raise ValueError("expire_time_digits is 14 or 17")
        return int(value)
    return value


#: Where each documented value comes from.
SOURCES: dict[str, str] = {
    "answer_limit_s": "interfaces.md §1",
    "timestamp_window_s": "interfaces.md §6.1",
    "timestamp_unit": "interfaces.md §6.1",
    "inner_hmac": "interfaces.md §6.1",
    "poll_interval_s": "interfaces.md §2.11",
    "poll_timeout_s": "interfaces.md §2.11",
    "release_again_must_succeed": "interfaces.md §2.6",
    "expire_time_digits": "interfaces.md §2.4",
    "license_trial_to_formal": "interfaces.md §5",
    "kit_single_org_sync": "interfaces.md §4",
    "v1_stale_probe": "interfaces.md §3, §6.3",
}

#: The settings the documentation leaves open, and what is unsure (interfaces.md §11).
UNCONFIRMED: dict[str, str] = {
    "timestamp_unit": "UNCONFIRMED (§11 item 3): ms in every example, seconds on older pages",
    "inner_hmac": "UNCONFIRMED (§11 item 1): HMAC in the docs, plain SHA-256 in one "
                  "third-party implementation",
    "poll_interval_s": "UNCONFIRMED (§11 item 6): KooGallery's polling interval is not published",
    "poll_timeout_s": "UNCONFIRMED (§11 item 6): how long KooGallery polls is not published",
    "release_again_must_succeed": "UNCONFIRMED (§2.6): inferred from KooGallery's retries",
    "expire_time_digits": "UNCONFIRMED (§11 item 5): 14 digits documented, 17 in the example",
    "license_trial_to_formal": "UNCONFIRMED (§5): only a sample project defines this scene",
    "kit_single_org_sync": "UNCONFIRMED (§11 item 13): the V2 path is inferred",
    "v1_stale_probe": "UNCONFIRMED: the V1 pages name no timestamp window",
}
