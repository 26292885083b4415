"""The workbench in Debian's Chromium (Selenium, headless) against a live server and the real engine: paste
code and run, see the verdict, the diagnostic at its line and the mismatch; open a VCD and see the waveform;
and a scripted two-round repair streamed into the page."""

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]

from chisellm.eval.backends.scripted import ScriptedBackend  # noqa: E402
from chisellm.serve.app import create_app  # noqa: E402
from chisellm.serve.background import BackgroundServer as LiveServer  # noqa: E402
from chisellm.serve.limits import ServeSettings  # noqa: E402
from chisellm.utils.io import read_jsonl  # noqa: E402

pytestmark = [pytest.mark.toolchain, pytest.mark.browser]
EXAMPLE = ROOT / "examples" / "repair"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    pytest.skip("needs Debian's chromium and chromium-driver (make setup installs them)", allow_module_level=True)


@pytest.fixture(scope="module")
def page():
    app = create_app(ServeSettings(model_name="scripted"), ScriptedBackend.from_file(EXAMPLE / "adder8_script.jsonl"))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    with LiveServer(app) as url:
        driver.get(url + "/")
        yield driver
    driver.quit()


def fill(driver, element_id, text):
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, text)


def verdict_after(driver, button):
    driver.find_element(By.ID, button).click()
    WebDriverWait(driver, 180).until(lambda d: d.find_element(By.ID, "verdict").text not in ("", "-", "running..."))
    return driver.find_element(By.ID, "verdict").text


def test_pasted_code_shows_verdict_diagnostic_line_and_mismatch(page):
    rows = [r["completion"].split("```scala\n")[1].split("```")[0] for r in read_jsonl(EXAMPLE / "adder8_script.jsonl")]
    fill(page, "top", "Adder8")
    fill(page, "vectors", (EXAMPLE / "adder8_vectors.json").read_text())
    fill(page, "code", rows[0])  # does not compile
    assert verdict_after(page, "run-verify") == "compile_error"
    marked = page.find_elements(By.CSS_SELECTOR, "#chisel .line.diag")
    assert [m.get_attribute("data-line") for m in marked] == ["9"]
    assert "value c is not a member" in marked[0].find_element(By.CLASS_NAME, "diag-msg").text
    fill(page, "code", rows[1])  # drops the carry
    assert verdict_after(page, "run-verify") == "sim_mismatch"
    assert "first mismatch: cycle 0, port io_sum: expected 313, got 57" in page.find_element(By.ID, "mismatch").text
    fill(page, "code", rows[2])
    assert verdict_after(page, "run-verify") == "ok"
    assert "module Adder8(" in page.find_element(By.ID, "verilog").text


def test_vcd_opens_as_an_svg_waveform(page):
    page.find_element(By.ID, "vcd-file").send_keys(str(ROOT / "tests" / "fixtures" / "serve" / "counter.vcd"))
    WebDriverWait(page, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#waveform svg.waveform"))
    names = [e.text for e in page.find_elements(By.CSS_SELECTOR, "#waveform .signal-name")]
    assert names == ["clock", "en", "reset", "wrap", "count[3:0]"]


def test_scripted_two_round_repair_streams_into_the_page(page):
    fill(page, "spec", (EXAMPLE / "adder8_spec.txt").read_text())
    fill(page, "top", "Adder8")
    fill(page, "vectors", (EXAMPLE / "adder8_vectors.json").read_text())
    fill(page, "rounds", "3")
    page.find_element(By.ID, "run-agent").click()
    WebDriverWait(page, 240).until(lambda d: "final:" in d.find_element(By.ID, "steps").text)
    steps = [li.text.split("\n")[0] for li in page.find_elements(By.CSS_SELECTOR, "#steps > li")]
    assert [s for s in steps if "repair" in s] == ["round 1: repair: diagnostic sent back",
                                                   "round 2: repair: diagnostic sent back"]
    assert any(s.startswith("round 1:") and s.endswith("compile_error") for s in steps)
    assert any(s.startswith("round 2:") and s.endswith("sim_mismatch") for s in steps)
    assert steps[-1] == "final: ok after 3 round(s)"
    assert page.find_element(By.ID, "verdict").text == "ok (round 3)"
