"""The seller's integration with KooGallery: the production-interface conformance tester
(conformance.py runs it; rules.py, caller.py, tester.py, families.py, report.py, export.py,
words.py)."""
