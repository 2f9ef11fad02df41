"""The local cache: SQLAlchemy tables, database setup and migrations. Pure Python: no Qt, no HTTP.

Importing this package registers every table on ``Base.metadata``.
"""

from app.models.base import Base, DecimalText, Money, UTCDateTime
from app.models.demands import Demand
from app.models.finance import Bill, BillLine, InvoiceNotice
from app.models.imports import ImportBatch, ImportChange, ImportMapping
from app.models.integration import InterfaceMessage
from app.models.invoices import CompanyProfile, CustomerInvoice, InvoiceDraft
from app.models.orders import Order, OrderLine
from app.models.outbox import (
    DeadlineReminder,
    JournalEntry,
    OutboxEntry,
    OutboxFile,
    StoredFileChunk,
)
from app.models.partner import ExclusiveOffer, PartnerBill, PartnerPerformance
from app.models.supervision import SupervisionTask
from app.models.synced import SchemaInfo, SetAsideRecord, SyncState, Tombstone

__all__ = [
    "Base", "Bill", "BillLine", "CompanyProfile", "DeadlineReminder", "DecimalText", "Demand",
    "ExclusiveOffer", "ImportBatch", "ImportChange", "ImportMapping", "InterfaceMessage", "CustomerInvoice", "InvoiceDraft", "InvoiceNotice", "JournalEntry", "Money",
    "Order", "OrderLine",
    "OutboxEntry", "OutboxFile",
    "PartnerBill", "PartnerPerformance", "SchemaInfo", "SetAsideRecord", "StoredFileChunk", "SupervisionTask",
    "SyncState", "Tombstone", "UTCDateTime",
]
