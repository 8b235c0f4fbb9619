"""Knowledge curation: what trainers use to change a KB safely and see what the copilot would do.

Round-trip YAML editing that keeps comments and order (yamldoc, workspace), KB tests (kbtests),
rule example checks (ruletests), Try-it runs through the real engine (trial), item diffs (diff),
spreadsheet import (tables, importer) and mining the session store for gaps (gaps, cluster).
Engine code: no Qt here; the workbench window in ui/workbench renders these.
"""
