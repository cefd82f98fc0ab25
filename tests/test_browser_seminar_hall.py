"""The seminar page on a projector (1920×1080) and a phone (390×844): on the projector the QR code and the headline
figures are on the first screen, figures at least 48 px, chart and strip text at least 18 px, stage names written out;
on a phone the same figures, stacked; nothing addressed to the presenter."""
from __future__ import annotations

import pytest

from tests.browser import open_page, shot

pytestmark = pytest.mark.browser

SIZES = """() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const box = el => el.getBoundingClientRect();
  const deepest = el => { while (el.firstElementChild) el = el.firstElementChild; return el; };   // the text itself
  const values = [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(deepest);
  const qr = document.querySelector('[data-testid="stImage"] img, [data-testid="stFullScreenFrame"] img');
  const chartText = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg text')]
    .filter(t => t.textContent.trim()).map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize));
  const strip = [...document.querySelectorAll('.roadmap-strip .rs-head, .roadmap-strip .rs-name')].map(px);
  return {strip: strip, values: values.map(v => [px(v), box(v).bottom]), qr: qr ? [box(qr).width, box(qr).bottom] : null,
          chart: chartText, height: window.innerHeight, alerts: document.querySelectorAll('[data-testid="stAlert"]').length};
}"""


@pytest.mark.parametrize("width, height", [(1920, 1080), (390, 844)])
def test_the_seminar_reads_from_the_back_of_the_hall_and_on_a_phone(browser, app_url, width, height):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    try:
        open_page(page, f"{app_url}/seminar?year=2025-26", wait_text="Наставляемых в банке")
        shot(page, f"seminar-hall-{width}")
        sizes = page.evaluate(SIZES)
        assert sizes["values"] and all(px >= (48 if width >= 1366 else 35) for px, _ in sizes["values"]), sizes["values"]
        if width >= 1366:
            assert sizes["qr"] is not None and sizes["qr"][0] >= 150
        else:                                                           # a phone has the page already: no QR
            assert sizes["qr"] is None or sizes["qr"][0] == 0
        assert min(sizes["chart"]) >= 18, sorted(set(sizes["chart"]))
        assert sizes["alerts"] == 0                                      # no warning addressed to the presenter
        stages = [s.replace("\xad", "") for s in page.locator('.roadmap-strip [role="listitem"]').all_inner_texts()]
        assert len(stages) == 7 and any("Формирование банка наставляемых" in s for s in stages), stages  # written out
        assert all("выполнен" in s or "в работе" in s or "не начат" in s or "просрочен" in s or "расходятся" in s
                   for s in stages), stages                                         # the status as a word, too
        assert min(sizes["strip"]) >= 18, sizes["strip"]
        if width >= 1366:                                               # projector: QR and figures on the first screen
            assert sizes["qr"][1] <= height and sizes["values"][0][1] <= height, sizes
    finally:
        ctx.close()
