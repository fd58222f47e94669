"""What pages and API endpoints show, as plain dicts built from the store and the analyses.

Pages and their JSON twins call the same functions here, so a page never shows anything
its JSON does not hold. No SQL here either: only the store contract and crossroads.analysis.
"""
