"""Business-rules §6.3: a returned invoice (退票) goes to the Huawei entity's return address, which
the notice prints; the console shows it where it says where to mail the invoice (the notice's
detail pane), for notices synced from the sandbox over HTTP."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.sandbox.data.finance import CN_ENTITY, INTL_ENTITY
from app.services.invoices import drafts as store
from app.views.invoices.detail import notice_html, return_address

pytest_plugins = ("tests.support.synced_cache",)


def test_section_6_3_the_notice_pane_shows_the_return_address_beside_the_mailing_address(
        synced: Engine) -> None:
    with Session(synced) as session:
        rows = store.list_notices(session)
    cn = next(r for r in rows if r.notice.form == "cn")
    intl = next(r for r in rows if r.notice.form == "intl")
    cn_html, intl_html = notice_html(cn), notice_html(intl)
    assert "Returned invoices (退票) go to" in cn_html
    assert CN_ENTITY["returnAddress"] in cn_html and CN_ENTITY["returnContact"] in cn_html
    # an e-invoiced (intl) notice has no mailing address, but a return address all the same
    assert INTL_ENTITY["returnAddress"] in intl_html
    assert cn_html.index("Send paper invoices to") < cn_html.index("Returned invoices")


def test_section_6_3_a_notice_without_a_return_address_says_so() -> None:
    assert return_address({"name": "X"}) == "—"
    assert return_address({"returnAddress": " A ", "returnContact": ""}) == "A"
