"""Where the data come from: Google Sheets, an .xlsx / .csv export, or the bundled demo.

Knows gspread, files and caching; knows nothing of mentoring."""
from .base import Snapshot, Source, SourceError, TabChange, Tabs, WritableSource
from .demo import demo_source, demo_years
from .excel import ExcelSource
from .google_sheets import GoogleSheetsSource, make_client, spreadsheet_key
from .memory import MemoryBook

__all__ = ["ExcelSource", "GoogleSheetsSource", "MemoryBook", "Snapshot", "Source", "SourceError", "TabChange",
           "Tabs", "WritableSource", "demo_source", "demo_years", "make_client", "spreadsheet_key"]
