"""The Orders area (订单管理): a table that stays fast with a million orders, filters, a detail pane.

* :mod:`.model` — ``OrdersTableModel``: the ordered rowid list of the current filter, rows fetched
  lazily a block at a time (the shared ``app.views.common.lazy_model.LazyIdModel``;
  ``app.services.orders.query`` does the SQL).
* :mod:`.filter_bar` — ``OrdersFilterBar``: status, type, charging mode, product, customer, dates,
  free search.
* :mod:`.detail` — ``OrderDetailPane``: lines, buyer, amounts, dates, timeline, supervision link.
* :mod:`.view` — ``OrdersView``: the area itself, built by the window's ``OrdersArea``.
* :mod:`.area` — ``OrdersArea``: the area's place in the window; "Opening the cache…" until the
  first cache, then the ``OrdersView``.
"""
