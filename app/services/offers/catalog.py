"""The products an offer or a partner demand can name, as far as this cache knows them.

KooGallery's product catalogue is not among the synced records; the products the cache has seen
(in orders, customer demands and exclusive offers) are what both front ends offer to choose from,
with the product class where an order tells it (a customer demand is for a 联营 product only).
An id the cache has not seen may still be typed: KooGallery decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.models.orders import Order
from app.models.partner import ExclusiveOffer


@dataclass(frozen=True)
class KnownProduct:
    product_id: str
    name: str
    product_class: str = ""  # 联营, 通用, ... when an order tells it


def known_products(engine: Engine) -> list[KnownProduct]:
    """Every product the cache has seen, by name."""
    found: dict[str, KnownProduct] = {}
    with Session(engine) as s:
        rows = s.execute(select(Order.product_id, func.max(Order.product_name),
                                func.max(Order.product_class))
                         .where(Order.product_id.is_not(None)).group_by(Order.product_id))
        for pid, name, klass in rows:
            found[str(pid)] = KnownProduct(str(pid), str(name or pid), str(klass or ""))
        for pid, name in s.execute(select(Demand.product_id, func.max(Demand.product_name))
                                   .where(Demand.product_id.is_not(None))
                                   .group_by(Demand.product_id)):
            found.setdefault(str(pid), KnownProduct(str(pid), str(name or pid), "联营"))
        for products in s.scalars(select(ExclusiveOffer.products)):
            for p in products or []:
                pid = str(p.get("productId") or "")
                if pid:
                    found.setdefault(pid, KnownProduct(pid, str(p.get("productName") or pid)))
    return sorted(found.values(), key=lambda p: (p.name, p.product_id))


def product_name(engine: Engine, product_id: str) -> str:
    """The name the cache knows for ``product_id``, else the id itself."""
    for p in known_products(engine):
        if p.product_id == product_id:
            return p.name
    return product_id
