#!/usr/bin/env python3
"""`overstretch serve` in real browsers: headless Chromium driven by Selenium
(Debian's chromium, chromium-driver and python3-selenium), one browser per
team (JPN, ROK, and the US as a third team that must not overhear), one for
the facilitator and one for the projector. Plays three turns with private
messages, a proposal accepted (in effect when the turn closes), one declined
and one vetoed by the facilitator with a reason, an inject and an override,
and checks what each page shows and does not show. Exit 77 (skipped) when Chromium, its driver or Selenium
is missing.

    python3 tests/serve_browser_test.py build/tools/overstretch .
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(why):
    print(f"serve_browser_test: skipped: {why}")
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    # Debian's python3-selenium lives with Debian's python3: use it when the
    # python3 on PATH is another one (pyenv, a venv).
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    skip("python3-selenium is not installed")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not CHROMIUM or not DRIVER:
    skip("chromium or chromedriver (chromium-driver) is not installed")

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,2000"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def wait(driver, condition, what, timeout=30):
    def safe(d):
        try:
            return condition(d)
        except StaleElementReferenceException:
            return False
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(safe)
    except TimeoutException:
        check(False, "timed out waiting: " + what)
        raise


def fresh(read):
    """Calls read() again if a re-render (every state message rebuilds the
    page) made an element it found stale before it was read."""
    for _ in range(50):
        try:
            return read()
        except StaleElementReferenceException:
            time.sleep(0.1)
    check(False, "a read kept going stale")
    raise RuntimeError("stale")


def text_of(driver, element_id):
    return fresh(lambda: driver.find_element(By.ID, element_id).text)


def text(driver):
    return fresh(lambda: driver.find_element(By.TAG_NAME, "body").text)


def turn_played(driver, n):
    return lambda d: f"turn {n + 1} of" in d.find_element(By.ID, "turn").text or \
        f"after turn {n}" in d.find_element(By.ID, "turn").text


def act(driver, element_id, action, *args):
    """Finds an element afresh and acts on it, again if a re-render (every
    state message rebuilds the page) made it stale in between."""
    for _ in range(50):
        try:
            e = driver.find_element(By.ID, element_id)
            if action == "select":
                from selenium.webdriver.support.ui import Select
                return Select(e).select_by_value(*args)
            return getattr(e, action)(*args)
        except StaleElementReferenceException:
            time.sleep(0.1)
    check(False, f"{element_id} kept going stale")
    raise RuntimeError("stale")


def order_everywhere(driver, pick):
    """Clicks option pick(radios) in every theater; waits for the server to echo it.
    Every state message rebuilds the page, so finding the radios, picking one
    (pick may read them) and clicking it are retried together when a re-render
    makes any of them stale in between."""
    theaters = [t.get_attribute("data-theater")
                for t in driver.find_elements(By.CSS_SELECTOR, "div.theater")]
    for th in theaters:
        css = f'div.theater[data-theater="{th}"] input[type=radio]'
        i, stale = None, True
        for _ in range(50):
            try:
                radios = driver.find_elements(By.CSS_SELECTOR, css)
                if radios:
                    i = pick(radios)
                    radios[i].click()
                stale = False
                break
            except StaleElementReferenceException:
                time.sleep(0.1)
        if stale:
            check(False, f"order in {th} kept going stale")
        if i is None:
            continue
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, css)[i].is_selected(), f"order in {th}")


def orders_in(driver):
    act(driver, "orders-in", "click")
    wait(driver, lambda d: d.find_elements(By.ID, "ready-note"), "orders in")


def talks_text(driver):
    return text_of(driver, "talks")


def talks(jpn, rok, us, fac, proj):
    """Private messages and proposals: only the two parties and the
    facilitator see them; an accepted proposal waits for the turn to close;
    a declined one changes nothing; a vetoed one is shown vetoed, with the
    facilitator's reason, to its two parties only."""
    act(jpn, "msg-to", "select", "ROK")
    act(jpn, "msg-text", "send_keys", "Okinawa is open to you if Seoul shares its radar picture")
    act(jpn, "msg-send", "click")
    wait(rok, lambda d: "Okinawa is open to you" in talks_text(d), "ROK receives JPN's message")
    wait(fac, lambda d: "Okinawa is open to you" in talks_text(d), "the facilitator sees every message")
    act(rok, "msg-to", "select", "facilitator")
    act(rok, "msg-text", "send_keys", "Seoul asks the facilitator for a ruling")
    act(rok, "msg-send", "click")
    wait(fac, lambda d: "Seoul asks the facilitator" in talks_text(d), "ROK writes to the facilitator")
    check("Seoul asks the facilitator" not in text(jpn), "JPN does not see ROK's message to the facilitator")
    # ROK proposes full intelligence sharing both ways, announced when accepted.
    act(rok, "prop-to", "select", "JPN")
    act(rok, "prop-tie", "select", "intel")
    act(rok, "prop-direction", "select", "mutual")
    rok.execute_script("document.getElementById('prop-value').value = '0.7'")
    act(rok, "prop-note", "send_keys", "radar picture for bases")
    act(rok, "prop-send", "click")
    wait(jpn, lambda d: d.find_elements(By.ID, "accept-1"), "JPN can accept ROK's proposal")
    check("radar picture for bases" in talks_text(jpn), "JPN sees ROK's note")
    check(not rok.find_elements(By.ID, "accept-1"), "ROK cannot accept its own proposal")
    intel_070 = re.compile(r"ROK\s+\S+\s+\S+\s+0\.70")
    check(not intel_070.search(text_of(jpn, "briefing")),
          "before acceptance JPN's ties show no intel 0.70 with ROK")
    act(jpn, "accept-1", "click")
    agreement = "ROK and JPN share intelligence with each other"
    wait(jpn, lambda d: "takes effect when turn 1 closes" in talks_text(d),
         "JPN sees the accepted proposal wait for the close")
    wait(fac, lambda d: d.find_elements(By.ID, "veto-1"), "the facilitator may still veto it")
    check(not intel_070.search(text_of(jpn, "briefing")) and
          agreement not in text_of(fac, "headlines"),
          "an accepted proposal changes nothing before the turn closes")
    # JPN offers base access; ROK declines: nothing changes.
    act(jpn, "prop-to", "select", "ROK")
    act(jpn, "prop-tie", "select", "access")
    act(jpn, "prop-direction", "select", "give")
    act(jpn, "prop-send", "click")
    wait(rok, lambda d: d.find_elements(By.ID, "decline-2"), "ROK can decline JPN's proposal")
    act(rok, "decline-2", "click")
    wait(jpn, lambda d: "declined" in talks_text(d), "JPN sees its proposal declined")
    check("JPN grants ROK access" not in text_of(fac, "headlines"),
          "a declined proposal is not announced")
    # JPN pledges commitment; the facilitator vetoes it (a reason is required).
    act(jpn, "prop-to", "select", "ROK")
    act(jpn, "prop-tie", "select", "commitment")
    act(jpn, "prop-direction", "select", "give")
    act(jpn, "prop-send", "click")
    wait(fac, lambda d: d.find_elements(By.ID, "veto-3"), "the facilitator sees the pending proposal")
    check(not jpn.find_elements(By.ID, "veto-3") and not rok.find_elements(By.ID, "veto-3"),
          "no team has a veto button")
    act(fac, "veto-3", "click")
    wait(fac, lambda d: "give a reason" in d.find_element(By.ID, "message").text,
         "a veto without a reason is refused")
    act(fac, "veto-reason-3", "send_keys", "Tokyo's cabinet has not approved a pledge")
    act(fac, "veto-3", "click")
    for who, d in (("JPN", jpn), ("ROK", rok)):
        wait(d, lambda d: "vetoed by the facilitator: Tokyo's cabinet has not approved a pledge"
             in talks_text(d), f"{who} is told the proposal was vetoed, and why")
    check(not fac.find_elements(By.ID, "veto-3"), "a vetoed proposal cannot be vetoed again")
    # The third team and the projector never see the talks themselves.
    for who, d in (("US", us), ("projector", proj)):
        t = text(d)
        for secret in ("Okinawa is open to you", "Seoul asks the facilitator", "radar picture for bases",
                       "JPN grants ROK access", "pledges commitment", "vetoed", "Tokyo's cabinet"):
            check(secret not in t, f"{who} does not see: {secret}")
    check("none yet" in talks_text(us), "the US has no talks of its own")


def main():
    overstretch, source = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="serve_browser_")
    server = subprocess.Popen(
        [overstretch, "serve", os.path.join(source, "scenarios/classroom/korea_japan.yaml"),
         "--human", "JPN,ROK,US", "--port", "0", "--out", os.path.join(work, "run"),
         "--save", os.path.join(work, "game.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    links = {}
    while len(links) < 5:
        line = server.stdout.readline()
        if not line:
            print(server.stderr.read())
            check(False, "the server printed its links")
            return 1
        m = re.match(r"\s+(?:team\s+)?(\w+)\s+(http://\S+)", line)
        if m:
            links[m.group(1)] = m.group(2)
    drivers = {}
    try:
        for who in ("JPN", "ROK", "US", "facilitator", "projector"):
            drivers[who] = browser()
            drivers[who].get(links[who])
        jpn, rok, us, fac, proj = (drivers[k] for k in ("JPN", "ROK", "US", "facilitator", "projector"))
        for d in drivers.values():
            wait(d, lambda d: d.find_element(By.ID, "status").text == "connected", "connected")
        # A wrong code gets no page.
        bad = links["JPN"].split("code=")[0] + "code=0123456789abcdef0123456789abcdef"
        jpn_probe = drivers["projector"]
        jpn_probe.get(bad)
        check("403" in text(jpn_probe), "a wrong code gets 403")
        jpn_probe.get(links["projector"])
        wait(proj, lambda d: d.find_element(By.ID, "status").text == "connected", "projector back")

        check("Turn 1 briefing" in text(jpn) and "Japan" in text(jpn), "JPN sees its turn-1 briefing")
        check("Turn 1 briefing" in text(rok) and "Korea" in text(rok), "ROK sees its briefing at the same time")
        check("True state" not in text(jpn) and "True state" in text(fac), "only the facilitator sees the truth")

        # ---- turn 1: both teams order in parallel; an inject with a headline.
        order_everywhere(jpn, lambda r: 0)
        order_everywhere(rok, lambda r: len(r) - 1)
        orders_in(jpn)
        wait(rok, lambda d: "JPN ✓ in" in d.find_element(By.ID, "board").text, "ROK sees JPN is in")
        orders_in(rok)
        wait(fac, lambda d: "ROK ✓ in" in d.find_element(By.ID, "board").text, "facilitator board")
        rok_orders = fresh(lambda: [row.find_elements(By.TAG_NAME, "td")[1].text
                                    for row in fac.find_elements(By.CSS_SELECTOR, "#turn-control tr")
                                    if row.find_elements(By.TAG_NAME, "td") and
                                    row.find_elements(By.TAG_NAME, "td")[0].text == "ROK"])
        check(len(rok_orders) == 1 and ":" in rok_orders[0], "the facilitator sees ROK's orders")
        # "KOR: deploy 100%, ..." as the console writes them: never on Japan's page.
        check("ROK ✓ in" in text(jpn) and all(o.split(";")[0] not in text(jpn) for o in rok_orders),
              "JPN sees that ROK is in, not what ROK ordered")
        talks(jpn, rok, us, fac, proj)
        act(fac, "inject-effect", "send_keys", "{tie: {between: [JPN, ROK], intel: 0.6}}")
        act(fac, "inject-headline", "send_keys", "GSOMIA restored in full")
        act(fac, "inject-send", "click")
        wait(jpn, lambda d: "GSOMIA restored in full" in text_of(d, "headlines"),
             "the headline reaches JPN")
        check("GSOMIA restored in full" in text(proj), "the headline is on the projector")
        act(fac, "close-turn", "click")
        for d in (jpn, rok, fac, proj):
            wait(d, turn_played(d, 1), "turn 1 played")
        # The accepted proposal took effect as the turn closed (after the
        # facilitator's inject of intel 0.6) and is announced to everyone.
        agreement = "ROK and JPN share intelligence with each other"
        for d in (jpn, rok, us, proj):
            wait(d, lambda d: agreement in text_of(d, "headlines"),
                 "the agreement is announced when the turn closes")
        check("accepted: in effect" in talks_text(jpn), "JPN sees the agreement in effect")
        check(re.search(r"ROK\s+\S+\s+\S+\s+0\.70", text_of(jpn, "briefing")),
              "JPN's turn-2 briefing shows intel 0.70 with ROK")

        # ---- turn 2: an override (refused without a reason, then accepted).
        order_everywhere(jpn, lambda r: len(r) - 1)
        act(fac, "override-value", "send_keys", "0.1")
        act(fac, "override-send", "click")
        wait(fac, lambda d: "reason is required" in d.find_element(By.ID, "message").text,
             "an override without a reason is refused")
        act(fac, "override-reason", "send_keys", "ceasefire along the DMZ")
        act(fac, "override-send", "click")
        wait(fac, lambda d: "ceasefire along the DMZ" in d.find_element(By.ID, "steps").text,
             "the override is logged with its reason")
        wait(proj, lambda d: "0.100" in d.find_element(By.ID, "theaters").text, "the projector shows the override")
        # ROK enters nothing: the model decides for it (marked).
        act(fac, "close-turn", "click")
        for d in (jpn, rok, fac):
            wait(d, turn_played(d, 2), "turn 2 played")
        check("the model decided for ROK" in text(fac), "the facilitator sees the model decided for ROK")
        check("your orders were incomplete" in text(rok), "ROK is told the model decided for it")
        check("your orders were incomplete" not in text(jpn), "JPN played its own orders")

        # ---- turn 3: Taiwan opens; over-commitment is shown while entering.
        order_everywhere(jpn, lambda r: next(i for i in range(len(r) - 1, -1, -1)
                                              if "100%" in r[i].find_element(By.XPATH, "..").text))
        wait(jpn, lambda d: "warn" in (d.find_element(By.ID, "commitment").get_attribute("class") or ""),
             "over-commitment shown")
        wait(jpn, lambda d: "more than you have" in d.find_element(By.ID, "commitment").text,
             "JPN is warned of over-commitment before the turn closes")
        check(True, "JPN is warned of over-commitment before the turn closes")
        order_everywhere(rok, lambda r: 0)
        act(fac, "close-turn", "click")
        for d in (jpn, rok, fac, proj):
            wait(d, turn_played(d, 3), "turn 3 played")

        # What each page shows and does not show.
        fac_text = text(fac)
        truths = re.findall(r"\d+\.\d vs \d+\.\d", fac_text)
        check(len(truths) >= 3, "the facilitator sees delivered forces")
        for who in ("JPN", "ROK"):
            t = text(drivers[who])
            check(not any(x in t for x in truths), f"{who} never sees the true delivered forces")
            check("What you saw of past turns" in t and "Turn 3" in t, f"{who} sees its fogged history")
            check("True state" not in t and "Facilitator steps" not in t and "Adjudications" not in t,
                  f"{who} sees no facilitator material")
        for who, d in drivers.items():
            check("[object" not in text(d), f"{who}'s page shows no unrendered object")
        p = text(proj)
        check("briefing" not in p and "Your forces" not in p and not any(x in p for x in truths),
              "the projector shows public information only")
        # "View as team" shows the console exactly a team's page.
        act(fac, "view-as-team", "select", "JPN")
        wait(fac, lambda d: "You are seeing JPN's page" in text(d), "view as JPN")
        check("Turn 4 briefing" in text(fac) and "True state" not in text(fac),
              "the facilitator sees JPN's page as JPN does: " + text(fac)[:300].replace("\n", " | "))
        act(fac, "view-as-team", "select", "")
        wait(fac, lambda d: "True state" in text(d), "back to the console")
        # Undo from the console takes turn 3 back for everyone.
        act(fac, "undo", "click")
        wait(jpn, lambda d: "turn 3 of" in d.find_element(By.ID, "turn").text, "undo reaches JPN")
        # A reload gets the page back.
        jpn.refresh()
        wait(jpn, lambda d: "Turn 3 briefing" in text(d), "reloaded page shows the briefing again")
    finally:
        for d in drivers.values():
            try:
                d.quit()
            except Exception:  # noqa: BLE001 - best effort
                pass
        server.send_signal(signal.SIGINT)
        try:
            out, err = server.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            out, err = server.communicate()
        check(server.returncode == 0, f"the server exits 0 on Ctrl-C ({err.strip()[:300]})")
        check(os.path.exists(os.path.join(work, "game.json")), "the game was saved")
        check(os.path.exists(os.path.join(work, "run", "events.jsonl")), "the run directory was written")
        # The debrief report lists the talks that were private during the game.
        report = subprocess.run([overstretch, "report", os.path.join(work, "run")],
                                capture_output=True, text=True)
        html_path = os.path.join(work, "run.html")
        html = open(html_path, encoding="utf-8").read() if os.path.exists(html_path) else ""
        check(report.returncode == 0 and "Messages and proposals between teams" in html and
              "Okinawa is open to you" in html and "radar picture for bases" in html and
              "declined" in html and "vetoed" in html,
              "the report shows the messages, proposals and the veto")
        shutil.rmtree(work, ignore_errors=True)
    print(f"serve_browser_test: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
