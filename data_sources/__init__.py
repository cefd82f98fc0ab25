"""Where the data come from: Google Sheets, an .xlsx / .csv export, or the bundled demo.

Knows gspread, files and caching; knows nothing of mentoring."""
from .base import Snapshot, Source, SourceError, TabChange, Tabs, WritableSource
from .demo import demo_source, demo_years
from .excel import ExcelSource
from .memory import MemoryBook

_GOOGLE = ("GoogleSheetsSource", "make_client", "spreadsheet_key")


def __getattr__(name: str):
    """gspread and google-auth are imported when a Google spreadsheet is used, not by every start on the demo."""
    if name in _GOOGLE:
        from . import google_sheets
        return getattr(google_sheets, name)
    raise AttributeError(name)

__all__ = ["ExcelSource", "GoogleSheetsSource", "MemoryBook", "Snapshot", "Source", "SourceError", "TabChange",
           "Tabs", "WritableSource", "demo_source", "demo_years", "make_client", "spreadsheet_key"]
