"""A requests transport that answers like Google: the OAuth token endpoint and Sheets API v4.

Mounted on the sessions of a real gspread client (data_sources.make_client(info, adapter=api)),
so google-auth really signs a JWT with a real RSA key and gspread really parses the replies.
Nothing leaves the machine.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlparse

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

TOKEN_URL = "https://oauth2.googleapis.com/token"
SHEETS = "sheets.googleapis.com"
ERRORS = {
    400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE",
}
MESSAGES = {
    403: "The caller does not have permission", 404: "Requested entity was not found.",
    429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'",
    500: "Internal error encountered.", 503: "The service is currently unavailable.",
}


@lru_cache(maxsize=1)
def _private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def service_account_info(email: str = "dashboard@school-project.iam.gserviceaccount.com") -> dict:
    """A complete service-account key, as Google's JSON file has it (with a real, fresh RSA key)."""
    return {
        "type": "service_account", "project_id": "school-project", "private_key_id": "0123456789abcdef",
        "private_key": _private_key_pem(), "client_email": email, "client_id": "1234567890",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": TOKEN_URL,
    }


@dataclass
class Call:
    method: str
    kind: str        # token | metadata | batchGet | batchUpdate | valuesBatchUpdate
    key: str | None
    params: dict


def parse_a1_sheet(a1: str) -> str:
    """The tab title of an A1 range: 'My ''tab'''!A1:B2 -> My 'tab'."""
    if a1.startswith("'"):
        m = re.match(r"'((?:[^']|'')*)'", a1)
        return m.group(1).replace("''", "'")
    return a1.split("!", 1)[0]


class FakeSheetsAPI(BaseAdapter):
    """Workbooks as {key: {tab: [[cell, ...], ...]}} of strings.

    Scripted trouble: fail_next(code, times), down (every Sheets call 503), revoked (token refused).
    `calls` records every request; sheets_calls() counts the Sheets API ones."""

    def __init__(self, books: dict[str, dict[str, list[list[str]]]]):
        super().__init__()
        self.books = books
        self.calls: list[Call] = []
        self.failures: list[int] = []
        self.down = False
        self.revoked = False
        self.lock = threading.Lock()

    # -- scripting ----------------------------------------------------------
    def fail_next(self, code: int, times: int = 1) -> None:
        self.failures += [code] * times

    def sheets_calls(self, kind: str | None = None) -> int:
        return sum(1 for c in self.calls if c.kind != "token" and (kind is None or c.kind == kind))

    # -- transport ----------------------------------------------------------
    def send(self, request, **kwargs):
        with self.lock:
            return self._answer(request)

    def close(self):
        pass

    def _answer(self, request):
        url = urlparse(request.url)
        params = {k: v for k, v in parse_qs(url.query).items()}
        if request.url.startswith(TOKEN_URL):
            self.calls.append(Call(request.method, "token", None, {}))
            if self.revoked:
                return self._reply(request, 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
            return self._reply(request, 200, {"access_token": "ya29.fake-token", "expires_in": 3600, "token_type": "Bearer"})
        if url.netloc != SHEETS:
            raise requests.ConnectionError(f"no network in tests: {url.netloc}")
        m = re.match(r"^/v4/spreadsheets/([^/:]+)(/values:batchGet|/values:batchUpdate|:batchUpdate)?$", url.path)
        kind = {None: "metadata", "/values:batchGet": "batchGet", "/values:batchUpdate": "valuesBatchUpdate",
                ":batchUpdate": "batchUpdate"}[m.group(2)] if m else "unknown"
        key = m.group(1) if m else None
        self.calls.append(Call(request.method, kind, key, params))
        if request.headers.get("Authorization") != "Bearer ya29.fake-token":
            return self._error(request, 401, "Request is missing required authentication credential.")
        if self.down:
            return self._error(request, 503)
        if self.failures:
            return self._error(request, self.failures.pop(0))
        if key not in self.books:
            return self._error(request, 404)
        book = self.books[key]
        if kind == "metadata":
            sheets = [{"properties": {"sheetId": i, "title": t, "index": i,
                                      "gridProperties": {"rowCount": max(1000, len(v)), "columnCount": 26}}}
                      for i, (t, v) in enumerate(book.items())]
            return self._reply(request, 200, {"spreadsheetId": key, "properties": {"title": "Наставничество"},
                                              "sheets": sheets})
        if kind == "batchGet":
            out = []
            for a1 in params.get("ranges", []):
                title = parse_a1_sheet(unquote(a1))
                if title not in book:
                    return self._error(request, 400, f"Unable to parse range: {a1}")
                rows = [list(r) for r in book[title]]
                for r in rows:
                    while r and r[-1] in ("", None):
                        r.pop()
                while rows and not rows[-1]:
                    rows.pop()
                width = max((len(r) for r in rows), default=0)
                vr = {"range": f"'{title}'!A1:{chr(64 + max(width, 1))}{max(len(rows), 1)}", "majorDimension": "ROWS"}
                if rows:
                    vr["values"] = rows
                out.append(vr)
            return self._reply(request, 200, {"spreadsheetId": key, "valueRanges": out})
        body = json.loads(request.body or b"{}")
        if kind == "batchUpdate":
            replies = []
            for req in body.get("requests", []):
                if "addSheet" in req:
                    title = req["addSheet"]["properties"]["title"]
                    book[title] = []
                    replies.append({"addSheet": {"properties": {"title": title, "sheetId": len(book)}}})
            return self._reply(request, 200, {"spreadsheetId": key, "replies": replies})
        if kind == "valuesBatchUpdate":
            for d in body.get("data", []):
                book[parse_a1_sheet(d["range"])] = [[str(c) for c in r] for r in d["values"]]
            return self._reply(request, 200, {"spreadsheetId": key, "totalUpdatedRows": sum(len(d["values"]) for d in body["data"])})
        return self._error(request, 404)

    def _error(self, request, code: int, message: str | None = None):
        return self._reply(request, code, {"error": {"code": code, "message": message or MESSAGES.get(code, "error"),
                                                     "status": ERRORS.get(code, "UNKNOWN")}})

    @staticmethod
    def _reply(request, status: int, payload: dict) -> requests.Response:
        resp = requests.Response()
        resp.status_code = status
        resp._content = json.dumps(payload).encode()
        resp.headers = CaseInsensitiveDict({"Content-Type": "application/json; charset=UTF-8"})
        resp.encoding = "utf-8"
        resp.url = request.url
        resp.request = request
        resp.reason = "OK" if status == 200 else ERRORS.get(status, "Error")
        return resp


def book_from_tabs(tabs) -> dict[str, list[list[str]]]:
    """A workbook for the fake from data_sources tabs (header + rows of text)."""
    return {name: [list(map(str, frame.columns))] + frame.astype(str).values.tolist() for name, frame in tabs.items()}


def from_env() -> FakeSheetsAPI:
    """For a server process in a benchmark: books from $FAKE_SHEETS_BOOKS (JSON), every call logged
    as one line to $FAKE_SHEETS_LOG so the benchmark can count them."""
    import os

    with open(os.environ["FAKE_SHEETS_BOOKS"], encoding="utf-8") as fh:
        api = FakeSheetsAPI(json.load(fh))
    log_path = os.environ.get("FAKE_SHEETS_LOG")
    if log_path:
        calls = api.calls

        class Logged(list):
            def append(self, call):
                super().append(call)
                with open(log_path, "a", encoding="utf-8") as out:
                    out.write(f"{call.kind}\n")

        api.calls = Logged(calls)
    return api
