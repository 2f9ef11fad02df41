"""The Invoices area (发票): invoice notices, drafts, printing and submitting (``view.InvoicesView``)."""
