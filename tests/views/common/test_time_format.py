"""Issue 13: dates and times read the same in every language and every place (no US-style
"3/1/26 4:00 PM" beside "2026-03-01 16:00")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale

from app.views.common.formats import local_time
from app.views.i18n import format_local_time


@pytest.mark.parametrize("locale", [
    QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    QLocale(QLocale.Language.Chinese, QLocale.Country.China),
])
def test_format_local_time_is_the_tables_format_in_every_language(locale: QLocale) -> None:
    previous = QLocale()
    QLocale.setDefault(locale)
    try:
        now = datetime(2026, 3, 10, 12, tzinfo=UTC)
        earlier = now - timedelta(days=9)
        assert format_local_time(earlier, now) == local_time(earlier)
        assert format_local_time(now, now) == now.astimezone().strftime("%H:%M")
    finally:
        QLocale.setDefault(previous)
