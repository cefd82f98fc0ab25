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
    kind: str        # token | metadata | batchGet | batchUpdate | valuesBatchUpdate | valuesGet | valuesUpdate | append
    key: str | None
    params: dict
    range: str | None = None     # the A1 range in the path (valuesGet, valuesUpdate, append)


def parse_a1_sheet(a1: str) -> str:
    """The tab title of an A1 range: 'My ''tab'''!A1:B2 -> My 'tab'."""
    if a1.startswith("'"):
        m = re.match(r"'((?:[^']|'')*)'", a1)
        return m.group(1).replace("''", "'")
    return a1.split("!", 1)[0]


def parse_a1_start(a1: str) -> tuple[str, int, int]:
    """(tab title, 0-based row, 0-based column) of a range's first cell: 'Tab'!C5:D5 -> (Tab, 4, 2).
    A bare tab name, or a range without a row (C:D), starts at row 1; without a column, at column A."""
    title = parse_a1_sheet(a1)
    if a1.startswith("'"):
        rest = a1[len(re.match(r"'((?:[^']|'')*)'", a1).group(0)):]
    else:
        rest = a1[len(title):]
    m = re.match(r"!?([A-Za-z]*)(\d*)", rest)
    letters, digits = m.group(1).upper(), m.group(2)
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return title, (int(digits) - 1 if digits else 0), (col - 1 if letters else 0)


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """As the API answers: trailing empty cells and rows left out."""
    out = [list(r) for r in rows]
    for r in out:
        while r and r[-1] in ("", None):
            r.pop()
    while out and not out[-1]:
        out.pop()
    return out


def _col(n: int) -> str:
    """1 -> A, 27 -> AA."""
    s = ""
    while n:
        n, rest = divmod(n - 1, 26)
        s = chr(65 + rest) + s
    return s or "A"


_ROUTES = [  # (method or None for any, path, kind); a range in the path is percent-encoded, ":" included
    (None, r"^/v4/spreadsheets/([^/:]+)$", "metadata"),
    (None, r"^/v4/spreadsheets/([^/:]+)/values:batchGet$", "batchGet"),
    (None, r"^/v4/spreadsheets/([^/:]+)/values:batchUpdate$", "valuesBatchUpdate"),
    (None, r"^/v4/spreadsheets/([^/:]+):batchUpdate$", "batchUpdate"),
    ("POST", r"^/v4/spreadsheets/([^/:]+)/values/([^/:]+):append$", "append"),
    ("GET", r"^/v4/spreadsheets/([^/:]+)/values/([^/:]+)$", "valuesGet"),
    ("PUT", r"^/v4/spreadsheets/([^/:]+)/values/([^/:]+)$", "valuesUpdate"),
]


class FakeSheetsAPI(BaseAdapter):
    """Workbooks as {key: {tab: [[cell, ...], ...]}} of strings.

    Scripted trouble: fail_next(code, times), down (every Sheets call 503), revoked (token refused),
    hang (every request, the token one included, waits its read timeout — at most 5 s — then raises
    requests.ReadTimeout, as urllib3 does with a server that does not answer).
    `on_call(call)`, when set, runs before each request is answered (e.g. to type a row into the sheet
    between a read and a write). `calls` records every request; sheets_calls() counts the Sheets API ones."""

    def __init__(self, books: dict[str, dict[str, list[list[str]]]]):
        super().__init__()
        self.books = books
        self.calls: list[Call] = []
        self.failures: list[int] = []
        self.down = False
        self.revoked = False
        self.hang = False
        self.on_call = None
        self.lock = threading.RLock()

    # -- scripting ----------------------------------------------------------
    def fail_next(self, code: int, times: int = 1) -> None:
        self.failures += [code] * times

    def sheets_calls(self, kind: str | None = None) -> int:
        return sum(1 for c in self.calls if c.kind != "token" and (kind is None or c.kind == kind))

    # -- transport ----------------------------------------------------------
    def send(self, request, timeout=None, **kwargs):
        with self.lock:
            call = self._record(request)
        if self.hang:
            wait = timeout[1] if isinstance(timeout, tuple) else timeout
            threading.Event().wait(min(5.0, 5.0 if wait is None else wait))
            raise requests.ReadTimeout(f"fake Sheets API: no answer to {call.kind}", request=request)
        with self.lock:
            if self.on_call is not None:
                self.on_call(call)
            return self._answer(request, call)

    def close(self):
        pass

    def _record(self, request) -> Call:
        url = urlparse(request.url)
        params = {k: v for k, v in parse_qs(url.query).items()}
        call = Call(request.method, "unknown", None, params)
        if request.url.startswith(TOKEN_URL):
            call = Call(request.method, "token", None, {})
        for method, pattern, kind in _ROUTES if call.kind == "unknown" else ():
            m = re.match(pattern, url.path)
            if m and method in (None, request.method):
                call = Call(request.method, kind, m.group(1), params, unquote(m.group(2)) if m.re.groups > 1 else None)
                break
        self.calls.append(call)
        return call

    def _answer(self, request, call: Call):
        url = urlparse(request.url)
        params, kind, key = call.params, call.kind, call.key
        if kind == "token":
            if self.revoked:
                return self._reply(request, 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
            return self._reply(request, 200, {"access_token": "ya29.fake-token", "expires_in": 3600, "token_type": "Bearer"})
        if url.netloc != SHEETS:
            raise requests.ConnectionError(f"no network in tests: {url.netloc}")
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
        if kind in ("batchGet", "valuesGet"):
            out = []
            for a1 in (params.get("ranges", []) if kind == "batchGet" else [call.range]):
                title = parse_a1_sheet(unquote(a1))
                if title not in book:
                    return self._error(request, 400, f"Unable to parse range: {a1}")
                rows = _trimmed(book[title])
                width = max((len(r) for r in rows), default=0)
                vr = {"range": f"'{title}'!A1:{_col(max(width, 1))}{max(len(rows), 1)}", "majorDimension": "ROWS"}
                if rows:
                    vr["values"] = rows
                out.append(vr)
            if kind == "valuesGet":
                return self._reply(request, 200, out[0])
            return self._reply(request, 200, {"spreadsheetId": key, "valueRanges": out})
        body = json.loads(request.body or b"{}")
        if kind == "batchUpdate":
            replies = []
            for i, req in enumerate(body.get("requests", [])):
                if "addSheet" in req:
                    title = req["addSheet"]["properties"]["title"]
                    if title in book:
                        return self._error(request, 400, f'Invalid requests[{i}].addSheet: A sheet with the name '
                                                         f'"{title}" already exists. Please enter another name.')
                    book[title] = []
                    replies.append({"addSheet": {"properties": {"title": title, "sheetId": len(book)}}})
            return self._reply(request, 200, {"spreadsheetId": key, "replies": replies})
        if kind in ("valuesBatchUpdate", "valuesUpdate"):
            data = body.get("data", []) if kind == "valuesBatchUpdate" else [{**body, "range": call.range}]
            for d in data:
                if parse_a1_sheet(d["range"]) not in book:
                    return self._error(request, 400, f"Unable to parse range: {d['range']}")
            for d in data:
                title, row, col = parse_a1_start(d["range"])
                self._put(book[title], row, col, d.get("values", []))
            rows = sum(len(d.get("values", [])) for d in data)
            return self._reply(request, 200, {"spreadsheetId": key, "totalUpdatedRows": rows})
        if kind == "append":
            title = parse_a1_sheet(call.range)
            if title not in book:
                return self._error(request, 400, f"Unable to parse range: {call.range}")
            sheet, values = book[title], body.get("values", [])
            last = max((i for i, r in enumerate(sheet) if any(c not in ("", None) for c in r)), default=-1)
            width = max((len(r) for r in sheet[:last + 1]), default=0)
            if params.get("insertDataOption", ["OVERWRITE"])[0] == "INSERT_ROWS":
                sheet[last + 1:last + 1] = [[] for _ in values]       # new rows: whatever was below moves down
            self._put(sheet, last + 1, 0, values)
            cols = max((len(r) for r in values), default=0)
            updates = {"spreadsheetId": key,
                       "updatedRange": f"'{title}'!A{last + 2}:{_col(max(cols, 1))}{last + 1 + len(values)}",
                       "updatedRows": len(values), "updatedColumns": cols, "updatedCells": sum(len(r) for r in values)}
            answer = {"spreadsheetId": key, "updates": updates}
            if last >= 0:
                answer["tableRange"] = f"'{title}'!A1:{_col(max(width, 1))}{last + 1}"
            return self._reply(request, 200, answer)
        return self._error(request, 404)

    @staticmethod
    def _put(sheet: list[list[str]], row: int, col: int, values: list[list[object]]) -> None:
        """`values` written from (row, col) on, the grid growing as needed; every cell outside them stays as it
        was, and so does one given as null (as the API does: "" clears a cell, null skips it)."""
        for i, line in enumerate(values):
            while len(sheet) <= row + i:
                sheet.append([])
            target = sheet[row + i]
            for j, value in enumerate(line):
                if value is None:
                    continue
                while len(target) <= col + j:
                    target.append("")
                target[col + j] = value if isinstance(value, str) else json.dumps(value) if isinstance(value, bool) \
                    else str(value)

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
