#!/usr/bin/env python3
"""The complaint desk in a real browser (issue 13, "Tests"): Debian's headless chromium driven by
selenium over `gongkai serve`, as the office's staff would use it.

    tools/desktest.py CONFIG.json

CONFIG names the built binary, a database made by `gongkai demo` with one account per role (made by
`gongkai user add`, all with the same initial password), the environment to run `serve` in, the two
clocks (GONGKAI_NOW at the start; the second is computed past the new complaint's deadline) and the
folder for screenshots. Tests/EndToEndTests/DeskBrowserTests.swift writes it and runs this script.

The cases, each reported on its own (one failing does not hide the others):
  login           every role logs in through the form (the first login changes the password)
  intake          a 登记员 records a complaint in under 10 keystrokes after typing the summary: the
                  keys README.md's browser walk-through spells out, typed one by one
  handling        the 督办 accepts and transfers it, a 承办人 of its township signs for it and replies,
                  the centre's 登记员 calls back (never the replier), and the 承办人 closes it
  dispatch        the 督办 finds a complaint by its number (typed without TS-) and dispatches it; the 承办人
                  sends it back (退单); the 督办 dispatches it again to 官厅镇; a second one is urged (催办)
                  and shows as 被催办 1 on the 承办人's home
  red             after a restart with GONGKAI_NOW past the deadline, the 督办 logs in again (the
                  session's idle time is over) and sees a second complaint red in the 超期 queue
  leader          a 领导 is refused intake and a caller's identity (403)
  csrf            a POST without csrf_token is refused (403); the same POST with it is not
  approval        三员分立: the 系统管理员 adds an account with 督办 → it cannot see a caller → the
                  安全管理员 approves at /users/approvals → it can; the 审计管理员 finds all three steps
  axe, vnu        axe-core 0 violations at 390 and 1366 px, the Nu HTML checker 0 errors, on the desk
                  pages (login, home, queue, complaint, intake, dashboard)
  firefox         in headless Firefox ESR at 1366 px (driven through Marionette, its own protocol: no
                  geckodriver), a 登记员 records a complaint from the keyboard and the 督办 accepts it (受理)
  phone-390       every desk page of every role at 390 px: no sideways scroll of the page, no table
                  cell narrower than two characters; screenshots of home, queue, complaint,
                  statistics and dashboard as each role sees them, at 390 and 1366 px
  screenshots     intake, a red queue, a complaint and the dashboard at 1366 and 390 px; the Firefox's
                  complaint at 1366 px

Prints one JSON object and exits 1 when any case failed. Offline: no Selenium Manager, no downloads.
Run with the interpreter of the venv `make deps` makes (.venv-tools/bin/python).
"""
import base64
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webcheck  # noqa: E402  (the same chromium, axe-core and vnu as the published pages' checks)

from selenium.common.exceptions import NoSuchElementException, TimeoutException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


KEY_NAMES = {Keys.TAB: "Tab", Keys.ARROW_DOWN: "↓", Keys.ENTER: "Enter"}
INTAKE_LIMIT = 10
TOWNSHIP = "三营镇"
UNIT = "三营镇民政办"
README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")


def intake_keys(readme=README):
    """The keys after the summary as README.md's "在浏览器里从来电到办结" (from a call to 办结 in the
    browser) writes them (the first code span there made only of Tab, ↓ and Enter), so the README says
    what this test types."""
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    start = text.index("### 在浏览器里从来电到办结")
    section = text[start:text.find("\n#", start + 1)]
    names = {name: key for key, name in KEY_NAMES.items()}
    for span in re.findall(r"`([^`]+)`", section):
        words = span.split()
        if words and all(w in names for w in words):
            return [names[w] for w in words]
    raise AssertionError("README.md's browser walk-through spells out no key sequence (Tab ↓ Enter in a code span)")
NEW_PASSWORD = "Gai-mi-ma-2026x"


class Server:
    """`gongkai serve` on a free loopback port, with GONGKAI_NOW = `now`."""

    def __init__(self, config, now, log):
        env = dict(os.environ, **config["environment"], GONGKAI_NOW=now)
        self.log = open(log, "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [config["binary"], "serve", "--listen", "127.0.0.1:0", "--db", config["database"], "--output", config["output"]],
            cwd=config["directory"], env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        self.url = None
        for _ in range(600):
            self.log.seek(0)
            found = re.search(r"http://127\.0\.0\.1:[0-9]+", self.log.read())
            if found:
                self.url = found.group(0)
                break
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        if not self.url:
            self.stop()
            self.log.seek(0)
            raise RuntimeError(f"gongkai serve did not start: {self.log.read()[-2000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


class Firefox:
    """Headless Firefox ESR in its own process and profile, driven through Marionette with Mozilla's
    client (marionette-driver): geckodriver, which would let selenium drive it, is not packaged by
    Debian and cannot be fetched offline. It offers the part of selenium's WebDriver the helpers below
    use, so log_in, submit, field and the Desk's record and step drive it unchanged."""

    def __init__(self, width):
        from marionette_driver.marionette import Marionette
        self.profile = tempfile.mkdtemp(prefix="desktest-firefox-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with open(os.path.join(self.profile, "user.js"), "w", encoding="utf-8") as f:
            f.write(f'user_pref("marionette.port", {port});\n')
        self.log = open(os.path.join(self.profile, "firefox.log"), "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            ["firefox-esr", "--headless", "--marionette", "--no-remote", "--profile", self.profile, f"--window-size={width},900"],
            stdout=subprocess.DEVNULL, stderr=self.log)
        self.marionette = None
        try:
            self.marionette = Marionette(host="127.0.0.1", port=port, startup_timeout=120)
            capabilities = self.marionette.start_session()
            self.version = capabilities.get("browserVersion", "?")
            self.marionette.set_window_rect(width=width, height=900)
        except Exception:
            self.log.seek(0)
            output = self.log.read()[-2000:]
            self.quit()
            raise RuntimeError(f"Firefox ESR did not start a Marionette session: {output}")

    def get(self, url):
        self.marionette.navigate(url)

    @property
    def current_url(self):
        return self.marionette.get_url()

    @property
    def title(self):
        return self.marionette.title

    def find_element(self, by, value):
        """selenium's By values are WebDriver's strategy names, as Marionette's; a missing element raises
        selenium's exception, which WebDriverWait waits through."""
        from marionette_driver.errors import NoSuchElementException as Missing
        try:
            return self.marionette.find_element(by, value)
        except Missing as error:
            raise NoSuchElementException(str(error)) from None

    def find_elements(self, by, value):
        return self.marionette.find_elements(by, value)

    def execute_script(self, script):
        """In the page's own window (Marionette's default sandbox is a fresh one per call, where `mark`
        would not outlive the call)."""
        return self.marionette.execute_script(script, sandbox=None)

    def delete_all_cookies(self):
        self.marionette.delete_all_cookies()

    def press(self, keys):
        """Types `keys` where the cursor is, as key actions."""
        self.marionette.actions.sequence("key", "keyboard").send_keys(keys).perform()

    def png(self):
        """The whole page, not only the window."""
        return self.marionette.screenshot(format="binary", full=True)

    def quit(self):
        try:
            if self.marionette and self.marionette.session:
                self.marionette.delete_session()
        finally:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=30)
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)


class Report:
    """Every case with its outcome; a case that raises is a failure with its reason, and the rest go on."""

    def __init__(self):
        self.cases, self.figures = [], {}

    def case(self, name, function, *args):
        started = time.monotonic()
        try:
            detail = function(*args)
            self.cases.append({"case": name, "ok": True, "detail": detail, "seconds": round(time.monotonic() - started, 1)})
            return detail
        except Exception as error:  # noqa: BLE001 — every failure is reported, none ends the run
            # The last line of tools/ that raised (tools/citizentest.py reports with this class too).
            where = [f for f in traceback.extract_tb(error.__traceback__)
                     if os.path.dirname(f.filename) == os.path.dirname(__file__)][-1]
            self.cases.append({"case": name, "ok": False, "detail": f"{type(error).__name__}: {error} (line {where.lineno})",
                               "seconds": round(time.monotonic() - started, 1)})
            return None


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def wait_for(driver, css, seconds=20):
    return WebDriverWait(driver, seconds).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def mark(driver):
    """Marks the page in the browser, so `wait_for_next` knows when another one has replaced it (this
    chromium answers a stale element with an inspector error, not a stale-element one)."""
    driver.execute_script("window.desktestOldPage = true")


def wait_for_next(driver, seconds=20):
    WebDriverWait(driver, seconds).until(lambda d: d.execute_script(
        "return window.desktestOldPage === undefined && document.readyState === 'complete'"))


def submit(driver, form_css):
    """Clicks the form's button and waits for the next page."""
    mark(driver)
    driver.find_element(By.CSS_SELECTOR, form_css + " button[type=submit]").click()
    wait_for_next(driver)


def log_in(driver, base, login, password, new_password=NEW_PASSWORD):
    """Logs in through the form; a first login changes the password to `new_password`. Returns the home page's text."""
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver, "form[action='/login']")
    if urllib.parse.urlsplit(driver.current_url).path == "/password":
        driver.find_element(By.ID, "current_password").send_keys(password)
        driver.find_element(By.ID, "new_password").send_keys(new_password)
        submit(driver, "form[action='/password']")
    path = urllib.parse.urlsplit(driver.current_url).path
    check(path == "/", f"{login} landed on {driver.current_url}, not the home page: {body(driver)[:300]}")
    return body(driver)


def log_out(driver):
    submit(driver, "form[action='/logout']")


def press(driver, keys):
    """Types `keys` where the cursor is, in chromium or in the Firefox."""
    if isinstance(driver, Firefox):
        driver.press(keys)
    else:
        ActionChains(driver).send_keys(keys).perform()


def body(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def session_cookie(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def csrf_token(driver):
    return driver.find_element(By.CSS_SELECTOR, "input[name=csrf_token]").get_attribute("value")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(base, path, cookie=None, form=None):
    """(status, body) of one request as a script would send it, redirects not followed."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(base + path, data=data, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def field(driver, label):
    """A row of the complaint page's 投诉信息 table."""
    for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr"):
        heads = row.find_elements(By.TAG_NAME, "th")
        if heads and heads[0].text == label:
            return row.find_element(By.TAG_NAME, "td").text
    raise AssertionError(f"no {label} on {driver.current_url}")


class Desk:
    """The suite's state: the server, the accounts and the complaints made along the way."""

    def __init__(self, config, report):
        self.config, self.report = config, report
        self.accounts = {a["role"]: a for a in config["accounts"]}
        self.passwords = {}
        self.server = None
        self.driver = webcheck.browser(1366)
        self.keystrokes = []
        self.numbers = {}

    def start(self, now):
        if self.server:
            self.server.stop()
        self.server = Server(self.config, now, os.path.join(self.config["directory"], f"serve-{len(self.report.cases)}.log"))
        return self.server.url

    @property
    def base(self):
        return self.server.url

    def as_role(self, role, driver=None):
        """Logs the browser (chromium unless given) in as the role's account (its password is changed at
        the first login)."""
        driver = driver or self.driver
        driver.delete_all_cookies()
        account = self.accounts[role]
        password = self.passwords.get(role, self.config["initialPassword"])
        text = log_in(driver, self.base, account["login"], password)
        self.passwords[role] = NEW_PASSWORD
        return text

    # -- the cases ------------------------------------------------------------------------------

    def every_role_logs_in(self):
        seen = {}
        for role in self.accounts:
            text = self.as_role(role)
            check(self.accounts[role]["login"] in text and role in text, f"the home page of {role} does not name the account and role: {text[:300]}")
            log_out(self.driver)
            check(urllib.parse.urlsplit(self.driver.current_url).path == "/login", f"{role}: logout did not return to /login")
            seen[role] = "ok"
        check(len(seen) == 7, f"{len(seen)} roles, not 7")
        return f"{len(seen)} roles logged in, changed the initial password, logged out"

    def record(self, summary, driver, keystrokes):
        """A 登记员's intake from the keyboard; appends the keys pressed after the summary to
        `keystrokes` and returns the complaint's number."""
        driver.get(self.base + "/complaints/new")
        focused = "return document.activeElement && document.activeElement.id"
        try:
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(focused) == "i-summary")
        except TimeoutException:
            raise AssertionError(f"the cursor starts in {driver.execute_script(focused)!r}, not the summary")
        press(driver, summary)  # typed where the cursor is; not counted
        mark(driver)
        pressed = []
        for key in intake_keys():
            press(driver, key)
            pressed.append(KEY_NAMES[key])
        wait_for_next(driver)
        keystrokes.append(pressed)
        check(len(pressed) < INTAKE_LIMIT, f"{len(pressed)} keystrokes after the summary")
        link = wait_for(driver, "#saved-title a")
        number = link.text
        check(re.fullmatch(r"TS-[0-9]{6}-[0-9]{4}", number), f"no number shown on save: {body(driver)[:300]}")
        link.click()
        wait_for(driver, "table")
        check(field(driver, "乡镇（街道）") == TOWNSHIP, f"township {field(driver, '乡镇（街道）')}")
        check(field(driver, "诉求摘要") == summary, "the summary was not kept")
        check(field(driver, "状态") == "登记", f"status {field(driver, '状态')}")
        return number

    def intake(self):
        self.as_role("登记员")
        self.numbers["handled"] = self.record("低保金本月未到账，来电询问原因", self.driver, self.keystrokes)
        self.numbers["late"] = self.record("申请临时救助一个月无人答复", self.driver, self.keystrokes)
        return {"numbers": self.numbers, "keystrokes": self.keystrokes}

    def step(self, number, action, driver=None, **fields):
        """Takes one step through the complaint page's form for it (in chromium unless given a driver)."""
        driver = driver or self.driver
        driver.get(f"{self.base}/complaints/{number}")
        form = f"form[action='/complaints/{number}/{action}']"
        found = driver.find_elements(By.CSS_SELECTOR, form)
        check(found, f"no {action} form for {number} on the page of {driver.current_url}: {body(driver)[:400]}")
        for name, value in fields.items():
            element = found[0].find_element(By.NAME, name)
            if element.tag_name == "select":
                element.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
            else:
                element.send_keys(value)
        submit(driver, form)
        notice = driver.find_elements(By.CSS_SELECTOR, "p.notice")
        check(notice and "已" in notice[0].text, f"{action} on {number} not done: {body(driver)[:400]}")

    def handling(self):
        number = self.numbers["handled"]
        self.as_role("督办")
        self.step(number, "accept")
        self.step(number, "transfer", unit=UNIT)
        self.as_role("承办人")
        self.driver.get(self.base + "/complaints?queue=unsigned")
        check(number in body(self.driver), f"{number} not in the 承办人's 待签收 queue")
        self.step(number, "assign")
        check(field(self.driver, "承办人") == self.accounts["承办人"]["displayName"], "the 承办人 did not sign for it")
        self.step(number, "reply", note="已核实：系银行代发延迟，本月已补发。")
        # 回访 is the centre's (issue 23): the 承办人 who replied is offered no callback; the 登记员 calls back.
        check(not self.driver.find_elements(By.CSS_SELECTOR, f"form[action='/complaints/{number}/callback']"),
              "the 承办人 who replied is offered the callback")
        self.as_role("登记员")
        self.step(number, "callback", rating="满意")
        self.as_role("承办人")
        self.step(number, "close")
        status = field(self.driver, "状态")
        check(status == "办结", f"status {status}, not 办结")
        history = [row.text for row in self.driver.find_elements(By.CSS_SELECTOR, "table:last-of-type tbody tr")]
        return {"number": number, "closedBy": "承办人", "history": len(history)}

    def dispatch(self):
        """Issue 23: the 督办 finds a complaint by its number typed without TS-, dispatches it to
        三营镇; the 承办人 sends it back (退单) as not theirs; the 督办 dispatches it again to 官厅镇, where
        it moves (the 三营镇 承办人 no longer sees it). A second one is urged (催办): the 承办人's home
        shows 被催办 1, and its link lists it."""
        self.as_role("登记员")
        misrouted = self.record("户籍已迁往官厅镇，询问本月低保金在哪里领取", self.driver, [])
        urged = self.record("低保金发放银行卡丢失，请求协助补办", self.driver, [])
        self.as_role("督办")
        self.driver.get(self.base + "/complaints")
        search = self.driver.find_element(By.ID, "f-q")
        search.send_keys(misrouted.removeprefix("TS-"))
        mark(self.driver)
        search.submit()
        wait_for_next(self.driver)
        path = urllib.parse.urlsplit(self.driver.current_url).path
        check(path == f"/complaints/{misrouted}", f"searching {misrouted.removeprefix('TS-')} opened {path}, not the complaint")
        self.step(misrouted, "accept")
        self.step(misrouted, "transfer", unit=UNIT)
        self.as_role("承办人")
        self.step(misrouted, "send_back", reason="户籍不在本镇，请转官厅镇")
        check("已退单" in body(self.driver), f"no 已退单 notice: {body(self.driver)[:300]}")
        self.as_role("督办")
        self.driver.get(f"{self.base}/complaints/{misrouted}")
        check(field(self.driver, "状态") == "受理" and field(self.driver, "办理单位") == "—",
              f"after 退单: status {field(self.driver, '状态')}, unit {field(self.driver, '办理单位')}")
        check("退单" in body(self.driver) and "户籍不在本镇" in body(self.driver), "the history does not show the 退单 and its reason")
        self.step(misrouted, "transfer", unit="官厅镇民政办")
        check(field(self.driver, "乡镇（街道）") == "官厅镇", f"re-dispatched, township {field(self.driver, '乡镇（街道）')}")
        self.step(urged, "accept")
        self.step(urged, "transfer", unit=UNIT)
        self.step(urged, "urge", reason="请尽快签收")
        self.as_role("承办人")
        self.driver.get(f"{self.base}/complaints/{misrouted}")
        check("未找到" in self.driver.title + body(self.driver) and "户籍已迁往官厅镇" not in body(self.driver),
              f"the 三营镇 承办人 still sees {misrouted} after it moved to 官厅镇: {body(self.driver)[:200]}")
        self.driver.get(self.base + "/")
        work = {li.find_element(By.CSS_SELECTOR, ".work-label").text: li for li in self.driver.find_elements(By.CSS_SELECTOR, "ul.work li")}
        check("被催办" in work, f"no 被催办 on the 承办人's home: {list(work)}")
        count = work["被催办"].find_element(By.CSS_SELECTOR, ".work-count").text
        check(count == "1", f"被催办 {count}, not 1")
        work["被催办"].find_element(By.TAG_NAME, "a").click()
        wait_for(self.driver, "main")
        check(urged in body(self.driver) and misrouted not in body(self.driver), "the 被催办 queue does not list the urged complaint alone")
        return {"sentBack": misrouted, "urged": urged}

    def red(self):
        number = self.numbers["late"]
        self.as_role("督办")
        self.driver.get(f"{self.base}/complaints/{number}")
        due = field(self.driver, "办结期限")
        check(not self.driver.find_elements(By.CSS_SELECTOR, "p.light.red"), f"{number} is red before its deadline ({due})")
        self.driver.get(self.base + "/complaints?queue=overdue")
        check(number not in body(self.driver), f"{number} in the 超期 queue before its deadline")
        later = datetime.date.fromisoformat(due) + datetime.timedelta(days=5)
        now = f"{later.isoformat()}T09:30:00+08:00"
        self.start(now)
        self.driver.get(self.base + "/complaints?queue=overdue")
        # An ended session answers 401 with a link to /login (issue 22), not a redirect.
        expired = "请先登录" in body(self.driver)
        if expired:
            log_in(self.driver, self.base, self.accounts["督办"]["login"], self.passwords["督办"])
            self.driver.get(self.base + "/complaints?queue=overdue")
        rows = [r for r in self.driver.find_elements(By.CSS_SELECTOR, "tbody tr") if number in r.text]
        check(rows, f"{number} not in the 超期 queue at {now}: {body(self.driver)[:400]}")
        check(rows[0].find_elements(By.CSS_SELECTOR, "span.light.red"), f"{number} has no red light in the queue")
        self.driver.get(f"{self.base}/complaints/{number}")
        check(self.driver.find_elements(By.CSS_SELECTOR, "p.light.red"), f"{number}'s page shows no red light")
        return {"number": number, "due": due, "now": now, "sessionExpired": expired}

    def leader(self):
        self.as_role("领导")
        cookie = session_cookie(self.driver)
        nav = self.driver.find_element(By.CSS_SELECTOR, "nav[aria-label='主菜单']").text
        check("登记投诉" not in nav, f"the 领导's menu offers intake: {nav}")
        number = self.numbers.get("late", "TS-202609-0001")
        answers = {path: fetch(self.base, path, cookie)[0]
                   for path in ["/complaints/new", f"/complaints/{number}/reveal", "/dashboard"]}
        check(answers["/dashboard"] == 200, f"the 领导's session does not work: {answers}")
        check(answers["/complaints/new"] == 403 and answers[f"/complaints/{number}/reveal"] == 403, f"not refused: {answers}")
        self.driver.get(self.base + "/complaints/new")
        check("登记投诉" not in self.driver.title, f"the 领导 sees the intake form: {self.driver.title}")
        return answers

    def csrf(self):
        self.as_role("登记员")
        self.driver.get(self.base + "/complaints/new")
        token, cookie = csrf_token(self.driver), session_cookie(self.driver)
        form = {"summary": "", "category": "", "township": TOWNSHIP}
        without = fetch(self.base, "/complaints/new", cookie, form)[0]
        forged = fetch(self.base, "/complaints/new", cookie, dict(form, csrf_token="x" * len(token)))[0]
        genuine = fetch(self.base, "/complaints/new", cookie, dict(form, csrf_token=token))[0]
        check(without == 403 and forged == 403, f"a POST without a valid csrf_token answered {without} / {forged}, not 403")
        check(genuine == 400, f"the same POST with the token answered {genuine}, not 400 (empty summary refused by the form)")
        return {"without": without, "forged": forged, "withToken": genuine}

    def approval(self):
        """The 系统管理员 proposes 督办 for a new account; it sees no caller until the 安全管理员 approves
        the proposal; the 审计管理员 finds the proposal, the approval and the reveal."""
        login, number = "feng.du", self.numbers.get("late", "TS-202609-0001")
        self.as_role("系统管理员")
        self.driver.get(self.base + "/users")
        form = self.driver.find_element(By.CSS_SELECTOR, "form[action='/users']")
        form.find_element(By.NAME, "login").send_keys(login)
        form.find_element(By.NAME, "display_name").send_keys("冯督办")
        form.find_element(By.CSS_SELECTOR, "input[name=role][value='督办']").click()
        form.find_element(By.NAME, "password").send_keys(self.config["initialPassword"])
        submit(self.driver, "form[action='/users']")
        check("须经安全管理员批准" in body(self.driver), f"no word of the approval: {body(self.driver)[:300]}")
        check("待批准" in body(self.driver), "the 系统管理员 does not see the proposal's state")

        def reveal(new_password):
            """Logs in as the new account (a password that must change becomes `new_password`) and asks
            for the caller; True when the caller is shown."""
            self.driver.delete_all_cookies()
            log_in(self.driver, self.base, login, self.passwords.get(login, self.config["initialPassword"]), new_password)
            self.passwords[login] = new_password
            self.driver.get(f"{self.base}/complaints/{number}/reveal")
            reasons = self.driver.find_elements(By.ID, "reveal-reason")
            if not reasons:
                return False
            reasons[0].send_keys("核实来电情况")
            submit(self.driver, f"form[action='/complaints/{number}/reveal']")
            return "来电人身份" in body(self.driver) and "已记录查看原因" in body(self.driver)

        check(not reveal(NEW_PASSWORD), "the proposed 督办 sees a caller before the approval")
        self.as_role("安全管理员")
        self.driver.get(self.base + "/users/approvals")
        check(login in body(self.driver), f"{login}'s proposal is not listed: {body(self.driver)[:300]}")
        submit(self.driver, "form[action='/users/approvals/approve']")
        check("已批准" in body(self.driver), f"not approved: {body(self.driver)[:300]}")
        # The approval voids the password the 系统管理员 set: the person gets a one-time password.
        self.passwords[login] = self.driver.find_element(By.CSS_SELECTOR, "code.one-time-password").text
        check(reveal("Handed-over-2026"), "the approved 督办 does not see the caller")
        self.as_role("审计管理员")
        found = {}
        for action in ["user.roles.propose", "user.roles.approve", "complaint.reveal"]:
            self.driver.get(f"{self.base}/audit?action={action}")
            found[action] = login in body(self.driver) or ("冯督办" in body(self.driver))
        check(all(found.values()), f"the 审计管理员 does not see every step: {found}")
        return {"account": login, "complaint": number, "audited": found}

    def firefox(self):
        """The intake and the 受理 in headless Firefox ESR at 1366 px, in a Firefox of its own."""
        browser = Firefox(1366)
        try:
            self.as_role("登记员", browser)
            pressed = []
            number = self.record("小区路灯坏了一周无人修理", browser, pressed)
            self.as_role("督办", browser)
            self.step(number, "accept", browser)
            status = field(browser, "状态")
            check(status == "受理", f"status {status}, not 受理, in Firefox")
            shot = self.screenshot(browser, "firefox-complaint-1366.png")
        finally:
            browser.quit()
        return {"browser": f"Firefox {browser.version}", "number": number, "keystrokes": pressed, "status": status, "screenshot": shot}

    # -- pages: axe, vnu, screenshots -------------------------------------------------------------

    def pages(self):
        """The desk pages as the 督办 sees them now (path, name, screenshot?)."""
        number = self.numbers.get("late", "")
        return [("/login", "login", False), ("/", "home", False), ("/complaints?queue=overdue", "queue-red", True),
                (f"/complaints/{number}", "complaint", True), ("/complaints/new", "intake", True), ("/dashboard", "dashboard", True)]

    def vnu(self):
        cookie = self.supervisor_cookie()
        folder = tempfile.mkdtemp(prefix="desktest-vnu-", dir=self.config["directory"])
        files = []
        for path, name, _ in self.pages():
            status, text = fetch(self.base, path, None if name == "login" else cookie)
            check(status == 200, f"{path} answered {status}")
            files.append(os.path.join(folder, name + ".html"))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(text)
        result = webcheck.check_vnu(folder, files)
        check(not result["errors"], f"vnu: {result['errors']}")
        return result

    def supervisor_cookie(self):
        self.as_role("督办")
        return session_cookie(self.driver)

    def axe(self, width):
        self.as_role("督办")
        cookies = self.driver.get_cookies()
        driver = webcheck.browser(width)
        violations, wide, shots = [], [], []
        try:
            source = webcheck.axe_source()
            driver.get(self.base + "/healthz")
            for c in cookies:
                driver.add_cookie({k: c[k] for k in ("name", "value", "path") if k in c})
            for path, name, shoot in self.pages():
                if name == "login":
                    driver.delete_all_cookies()
                driver.get(self.base + path)
                if name == "login":
                    for c in cookies:
                        driver.add_cookie({k: c[k] for k in ("name", "value", "path") if k in c})
                check(urllib.parse.urlsplit(driver.current_url).path == urllib.parse.urlsplit(path).path,
                      f"{path} at {width} px went to {driver.current_url}")
                driver.execute_script(source)
                for v in driver.execute_async_script(webcheck.AXE):
                    violations.append(f"{name} at {width} px: {v['id']} ({v['help']}) on {v['nodes']} elements, e.g. {v['target']}")
                m = driver.execute_script(webcheck.LAYOUT)
                if m["scrollWidth"] > m["clientWidth"]:
                    wide.append(f"{name} at {width} px scrolls sideways ({m['scrollWidth']} > {m['clientWidth']} px)")
                if shoot:
                    shots.append(self.screenshot(driver, f"{name}-{width}.png"))
        finally:
            driver.quit()
        self.report.figures.setdefault("sideways", []).extend(wide)
        check(not violations, f"axe: {violations}")
        return {"pages": len(self.pages()), "screenshots": shots, "sideways": wide}

    def role_pages(self, role):
        """Every desk page the role may open, as (path, name, screenshot?): the screenshots are home,
        the queue, a complaint, the statistics and the dashboard, as far as the role sees them."""
        late, handled = self.numbers.get("late", ""), self.numbers.get("handled", "")
        pages = [("/", "home", True), ("/password", "password", False)]
        if role in ("登记员", "承办人", "督办", "领导"):
            pages += [("/complaints", "queue", True)]
            pages += [(f"/complaints?queue={q}", f"queue-{q}", False) for q in ("mine", "unsigned", "due", "overdue", "callback", "closed")]
            pages += [(f"/complaints/{late}", "complaint", True), (f"/complaints/{handled}", "complaint-closed", False),
                      (f"/complaints/{late}/print", "print", False)]
        if role in ("登记员", "督办"):
            pages.append(("/complaints/new", "intake", False))
        if role in ("承办人", "督办"):
            pages.append((f"/complaints/{late}/reveal", "reveal", False))
        if role in ("督办", "领导"):
            pages += [("/complaints/statistics", "statistics", True), ("/dashboard", "dashboard", True)]
        pages += {"系统管理员": [("/users", "users", False)], "安全管理员": [("/policy", "policy", False), ("/users/approvals", "approvals", False)],
                  "审计管理员": [("/audit", "audit", False)]}.get(role, [])
        return pages

    def phone(self):
        """Every desk page of every role at 390 px: the page does not scroll sideways (scrollWidth ≤
        innerWidth) and no table cell is narrower than two characters of its text; screenshots of
        home, queue, complaint, statistics and dashboard as each role sees them, at 390 and 1366 px,
        whose cells are held to the same two characters at 1366 px."""
        problems, shots, walked = [], [], 0
        phone = webcheck.browser(390)
        try:
            for role, account in self.accounts.items():
                self.as_role(role)
                phone.get(self.base + "/healthz")
                phone.delete_all_cookies()
                for c in self.driver.get_cookies():
                    phone.add_cookie({k: c[k] for k in ("name", "value", "path") if k in c})
                for path, name, shoot in self.role_pages(role):
                    phone.get(self.base + path)
                    walked += 1
                    where = f"{role} {path}"
                    check(urllib.parse.urlsplit(phone.current_url).path == urllib.parse.urlsplit(path).path,
                          f"{where} at 390 px went to {phone.current_url}")
                    m = phone.execute_script(webcheck.LAYOUT)
                    inner = phone.execute_script("return window.innerWidth")
                    if m["scrollWidth"] > inner:
                        problems.append(f"{where}: scrolls sideways ({m['scrollWidth']} > {inner} px)")
                    problems += [f"{where}: cell narrower than two characters: {n}" for n in m["narrow"]]
                    if shoot:
                        shots.append(self.screenshot(phone, f"{account['login']}-{name}-390.png"))
                        self.driver.get(self.base + path)
                        wide = self.driver.execute_script(webcheck.LAYOUT)
                        problems += [f"{where} at 1366 px: cell narrower than two characters: {n}" for n in wide["narrow"]]
                        shots.append(self.screenshot(self.driver, f"{account['login']}-{name}-1366.png"))
        finally:
            phone.quit()
        check(not problems, f"layout: {problems}")
        return {"pages": walked, "screenshots": shots}

    def screenshot(self, driver, name):
        """The whole page, not only the window."""
        os.makedirs(self.config["screenshots"], exist_ok=True)
        if isinstance(driver, Firefox):
            png = driver.png()
        else:
            size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            png = base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})["data"])
        path = os.path.join(self.config["screenshots"], name)
        with open(path, "wb") as f:
            f.write(png)
        return path

    def close(self):
        self.driver.quit()
        if self.server:
            self.server.stop()


def main():
    os.environ["SE_AVOID_STATS"] = "true"  # no statistics, no Selenium Manager download
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    started = time.monotonic()
    report = Report()
    desk = Desk(config, report)
    try:
        desk.start(config["now"])
        report.case("login", desk.every_role_logs_in)
        report.case("intake", desk.intake)
        report.case("handling", desk.handling)
        report.case("dispatch", desk.dispatch)
        report.case("red", desk.red)
        report.case("leader", desk.leader)
        report.case("csrf", desk.csrf)
        report.case("approval", desk.approval)
        report.case("vnu", desk.vnu)
        for width in (390, 1366):
            report.case(f"axe-{width}", desk.axe, width)
        report.case("phone-390", desk.phone)
        report.case("firefox", desk.firefox)
    finally:
        desk.close()
    failed = [c["case"] for c in report.cases if not c["ok"]]
    json.dump({"cases": report.cases, "failed": failed, "keystrokes": desk.keystrokes, **report.figures,
               "seconds": round(time.monotonic() - started, 1)}, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
