#!/usr/bin/env python3
"""The public channel (群众网上反馈渠道, issue 24) in a real browser: a citizen on a phone and the desk's
staff, each in Debian's headless chromium driven by selenium, over one `gongkai serve --listen …
--public-listen …` (two listeners, one process, one database).

    tools/citizentest.py CONFIG.json

CONFIG is the one tools/desktest.py reads (Tests/EndToEndTests/CitizenBrowserTests.swift writes it):
the built binary, a database made by `gongkai demo` with a 督办 and a 承办人 of 三营镇 (made by
`gongkai user add`, with the same initial password), the environment, the clock and the folder of
screenshots.

The cases, each reported on its own:
  submit     a citizen on a 390 px phone opens the public home page, follows 提交诉求, fills the form
             anonymously (三营镇, 发放时限) and gets a number and a PIN
  dispatch   the 督办 finds it in 全部 with channel 网上, accepts it and transfers it to 三营镇民政办
  reply      the 承办人 of 三营镇 signs for it and replies
  close      the 督办 closes it (anonymous: no one to call back)
  follow     the citizen, on the phone, enters number and PIN and sees 已办结 and the reply
  rate       the citizen rates 满意; the page thanks them and offers no second rating
  desk       the 督办 sees 来电人评价 满意 on the complaint's page, the comment in its history
  vnu        the Nu HTML checker: 0 errors on every public page (home, form, receipt, answers, error)
  axe        axe-core: 0 violations on every public page at 390 and 1366 px, no sideways scrolling

Prints one JSON object and exits 1 when any case failed. Offline: no Selenium Manager, no downloads.
Run with the interpreter of the venv `make deps` makes (.venv-tools/bin/python).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import desktest  # noqa: E402  (the staff desk's helpers: log in, take a step, read a field, screenshots)
import webcheck  # noqa: E402  (the same chromium, axe-core and vnu)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from desktest import body, check, field, submit, wait_for  # noqa: E402

TOWNSHIP = desktest.TOWNSHIP
SUMMARY = "我家的低保金这三个月都没有到账，不知道是什么原因"
REPLY = "经核实，系银行代发时账户信息有误，已于本周补发三个月低保金，请注意查收。"
COMMENT = "办得很快，谢谢"
# A form is refused when posted sooner than 3 s after it was served (templates/security.toml [public]).
FORM_SECONDS = 3.5
# The public pages answered to a GET, by name.
GET_PAGES = {"home": "/", "submit": "/submit", "progress": "/progress", "not-found": "/login"}


class Server:
    """`gongkai serve` with the staff and the public listener on free loopback ports (`url`, `public`)."""

    def __init__(self, config, log):
        env = dict(os.environ, **config["environment"], GONGKAI_NOW=config["now"])
        self.log = open(log, "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [config["binary"], "serve", "--listen", "127.0.0.1:0", "--public-listen", "127.0.0.1:0",
             "--db", config["database"], "--output", config["output"]],
            cwd=config["directory"], env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        self.url = self.public = None
        text = ""
        for _ in range(600):
            self.log.seek(0)
            text = self.log.read()
            staff = re.search(r"listening on (http://127\.0\.0\.1:[0-9]+)", text)
            public = re.search(r"public channel on (http://127\.0\.0\.1:[0-9]+)", text)
            if staff and public:
                self.url, self.public = staff.group(1), public.group(1)
                break
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        if not self.public:
            self.stop()
            raise RuntimeError(f"gongkai serve did not start both listeners: {text[-2000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


def form_post(base, path, fields):
    """A public form as a script would send it: GET its page for a token, wait, POST. (status, html)."""
    _, page = desktest.fetch(base, path)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    time.sleep(FORM_SECONDS)
    return desktest.fetch(base, path, form=dict(fields, csrf_token=token))


def shown(html, element_id):
    found = re.search(r'id="' + element_id + r'"[^>]*>([^<]+)', html)
    return found.group(1) if found else None


def wait_out_the_form(served):
    time.sleep(max(0, FORM_SECONDS - (time.monotonic() - served)))


class Citizen:
    def __init__(self, config, report):
        self.config = config
        self.server = Server(config, os.path.join(config["directory"], "serve-public.log"))
        self.desk = desktest.Desk(config, report)  # the staff's chromium at 1366 px and its helpers
        self.desk.server = self.server
        self.phone = webcheck.browser(390)
        self.number = self.pin = None
        self.pages = {}  # name → html as served, for vnu and axe

    def submit(self):
        phone, base = self.phone, self.server.public
        phone.get(base + "/")
        check(phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN", "the home page is not lang zh-CN")
        text = body(phone)
        for words in ["12349", "信访", "日内"]:
            check(words in text, f"the home page does not say {words}: {text[:300]}")
        desktest.mark(phone)
        phone.find_element(By.LINK_TEXT, "提交诉求").click()
        desktest.wait_for_next(phone)
        served = time.monotonic()
        Select(phone.find_element(By.ID, "category")).select_by_value("发放时限")
        Select(phone.find_element(By.ID, "township")).select_by_value(TOWNSHIP)
        Select(phone.find_element(By.ID, "programme")).select_by_value("dibao")
        phone.find_element(By.ID, "summary").send_keys(SUMMARY)
        phone.find_element(By.ID, "anonymous").click()
        phone.find_element(By.ID, "consent").click()
        wait_out_the_form(served)
        submit(phone, "form[action='/submit']")
        self.number = wait_for(phone, "#complaint-number").text
        self.pin = phone.find_element(By.ID, "complaint-pin").text
        check(re.fullmatch(r"TS-[0-9]{6}-[0-9]{4}", self.number), f"no number: {body(phone)[:300]}")
        check(re.fullmatch(r"[0-9]{4}", self.pin), f"no PIN: {body(phone)[:300]}")
        return {"number": self.number, "screenshot": self.desk.screenshot(phone, "public-receipt-390.png")}

    def dispatch(self):
        self.desk.as_role("督办")
        driver = self.desk.driver
        driver.get(self.server.url + "/complaints?channel=" + urllib.parse.quote("网上"))
        tab = driver.find_elements(By.CSS_SELECTOR, "[aria-current='page']")
        check(any(t.text == "全部" for t in tab), f"not the 全部 tab: {[t.text for t in tab]}")
        rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "tbody tr") if self.number in r.text]
        check(rows, f"{self.number} not in 全部 with channel 网上: {body(driver)[:400]}")
        driver.get(f"{self.server.url}/complaints/{self.number}")
        wait_for(driver, "table")
        check(field(driver, "渠道") == "网上", f"channel {field(driver, '渠道')}")
        check(field(driver, "诉求摘要") == SUMMARY, "the summary was not kept")
        check("网上群众" in body(driver), "the history does not say 网上群众 registered it")
        self.desk.step(self.number, "accept")
        self.desk.step(self.number, "transfer", unit=desktest.UNIT)
        return {"status": field(driver, "状态")}

    def reply(self):
        self.desk.as_role("承办人")
        self.desk.step(self.number, "assign")
        self.desk.step(self.number, "reply", note=REPLY)
        return {"status": field(self.desk.driver, "状态")}

    def close(self):
        self.desk.as_role("督办")
        self.desk.step(self.number, "close")
        status = field(self.desk.driver, "状态")
        check(status == "办结", f"status {status}")
        return {"status": status}

    def follow(self):
        phone = self.phone
        phone.get(self.server.public + "/progress")
        served = time.monotonic()
        phone.find_element(By.ID, "number").send_keys(self.number)
        phone.find_element(By.ID, "pin").send_keys(self.pin)
        wait_out_the_form(served)
        submit(phone, "form[action='/progress']")
        status = wait_for(phone, "#progress-status").text
        reply = phone.find_element(By.ID, "progress-reply").text
        check(status == "已办结", f"status {status}")
        check(reply == REPLY, f"reply {reply!r}")
        for account in self.config["accounts"]:
            check(account["displayName"] not in body(phone), f"a staff name ({account['displayName']}) on the public page")
        return {"status": status}

    def rate(self):
        phone = self.phone
        served = time.monotonic()
        phone.find_element(By.ID, "rating-1").click()
        phone.find_element(By.ID, "comment").send_keys(COMMENT)
        wait_out_the_form(served)
        submit(phone, "form[action='/rate']")
        rated = wait_for(phone, "#progress-rated").text
        check("满意" in rated, f"not rated: {body(phone)[:300]}")
        check(not phone.find_elements(By.CSS_SELECTOR, "form[action='/rate']"), "a second rating is offered")
        return {"rated": rated, "screenshot": self.desk.screenshot(phone, "public-rated-390.png")}

    def desk_sees_rating(self):
        self.desk.as_role("督办")
        driver = self.desk.driver
        driver.get(f"{self.server.url}/complaints/{self.number}")
        rating = field(driver, "来电人评价")
        check(rating.startswith("满意"), f"来电人评价 {rating!r}")
        check(COMMENT in body(driver), "the caller's comment is not in the history")
        return {"来电人评价": rating}

    def served_pages(self):
        """Every public page as the server sends it, a receipt and the answers to enquiries included."""
        base = self.server.public
        pages = {name: desktest.fetch(base, path)[1] for name, path in GET_PAGES.items()}
        status, pages["receipt"] = form_post(base, "/submit", {
            "category": "政策咨询", "township": TOWNSHIP, "summary": "临时救助怎么申请？", "anonymous": "是", "consent": "是", "website": ""})
        check(status == 200, f"a second submission answered {status}")
        number, pin = shown(pages["receipt"], "complaint-number"), shown(pages["receipt"], "complaint-pin")
        _, pages["answer"] = form_post(base, "/progress", {"number": number, "pin": pin, "website": ""})
        _, pages["refused"] = form_post(base, "/progress", {"number": number, "pin": "x", "website": ""})
        _, pages["closed"] = form_post(base, "/progress", {"number": self.number, "pin": self.pin, "website": ""})
        check(shown(pages["answer"], "progress-status") and shown(pages["closed"], "progress-reply"), "an enquiry was not answered")
        return pages

    def vnu(self):
        self.pages = self.pages or self.served_pages()
        folder = tempfile.mkdtemp(prefix="citizentest-vnu-", dir=self.config["directory"])
        files = []
        for name, html in self.pages.items():
            files.append(os.path.join(folder, name + ".html"))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(html)
        result = webcheck.check_vnu(folder, files)
        check(not result["errors"], f"vnu: {result['errors']}")
        return result

    def axe(self):
        """axe-core on every public page at both widths: the GET pages at their address, the answers
        to a form post as served (saved beside the stylesheet: a form's token is good once)."""
        self.pages = self.pages or self.served_pages()
        source = webcheck.axe_source()
        violations, wide, shots = [], [], []
        folder = tempfile.mkdtemp(prefix="citizentest-axe-", dir=self.config["directory"])
        with open(os.path.join(folder, "public.css"), "w", encoding="utf-8") as f:
            f.write(desktest.fetch(self.server.public, "/static/public.css")[1])
        for width in (390, 1366):
            driver = webcheck.browser(width)
            try:
                for name, html in self.pages.items():
                    if name in GET_PAGES:
                        driver.get(self.server.public + GET_PAGES[name])
                    else:
                        local = os.path.join(folder, name + ".html")
                        with open(local, "w", encoding="utf-8") as f:
                            f.write(html.replace('href="/static/public.css"', 'href="public.css"'))
                        driver.get("file://" + local)
                    driver.execute_script(source)
                    for v in driver.execute_async_script(webcheck.AXE):
                        violations.append(f"{name} at {width} px: {v['id']} ({v['help']}) on {v['nodes']} elements, e.g. {v['target']}")
                    m = driver.execute_script(webcheck.LAYOUT)
                    if m["scrollWidth"] > m["clientWidth"]:
                        wide.append(f"{name} at {width} px scrolls sideways ({m['scrollWidth']} > {m['clientWidth']} px)")
                    if name in ("home", "submit", "closed"):
                        shots.append(self.desk.screenshot(driver, f"public-{name}-{width}.png"))
            finally:
                driver.quit()
        check(not violations, f"axe: {violations}")
        check(not wide, f"sideways: {wide}")
        return {"pages": len(self.pages), "widths": [390, 1366], "screenshots": shots}

    def close_all(self):
        self.phone.quit()
        self.desk.driver.quit()
        self.server.stop()


def main():
    os.environ["SE_AVOID_STATS"] = "true"  # no statistics, no Selenium Manager download
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    started = time.monotonic()
    report = desktest.Report()
    citizen = Citizen(config, report)
    try:
        for name, case in [("submit", citizen.submit), ("dispatch", citizen.dispatch), ("reply", citizen.reply),
                           ("close", citizen.close), ("follow", citizen.follow), ("rate", citizen.rate),
                           ("desk", citizen.desk_sees_rating), ("vnu", citizen.vnu), ("axe", citizen.axe)]:
            report.case(name, case)
    finally:
        citizen.close_all()
    failed = [c["case"] for c in report.cases if not c["ok"]]
    json.dump({"cases": report.cases, "failed": failed, "number": citizen.number,
               "seconds": round(time.monotonic() - started, 1)}, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
