"""The dashboard's server, as `streamlit run app.py`, with the listening address checked first
(`listen_address.decide`) in the same process — one interpreter start instead of two (run.sh → start.py →
serve.py). A warm-up thread that imported and read the years while the server started was tried and dropped: on
two cores it competed with the first page for the interpreter and gained nothing measurable
(`scripts/bench_start.py`, README «Замеры»)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main(args: list[str]) -> int:
    from listen_address import decide

    extra, refusal = decide(args, [Path.home() / ".streamlit/secrets.toml", ROOT / ".streamlit/secrets.toml"])
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *extra, *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
