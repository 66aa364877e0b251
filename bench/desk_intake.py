#!/usr/bin/env python3
"""Intake throughput for bench/80-desk.sh: CLERKS concurrent clerks post POSTS intake forms in all to
`gongkai serve` (POST /complaints/new with a logged-in session's cookie and its csrf_token), each
clerk on its own keep-alive connection, as fast as the server answers.

    python3 bench/desk_intake.py URL COOKIE CSRF_TOKEN CLERKS POSTS

Prints one line of JSON: accepted (200 with a number), refused (any other answer), seconds, the
rate, and the numbers the answers showed (so the caller can compare them with the database's rows).
"""
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse


def main():
    url, cookie, token, clerks, posts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    target = urllib.parse.urlsplit(url)
    lock = threading.Lock()
    numbers, refused = [], []
    next_post = iter(range(posts))

    def clerk(c):
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        while True:
            with lock:
                i = next(next_post, None)
            if i is None:
                break
            body = urllib.parse.urlencode({
                "summary": f"压测登记第{i}件：低保金未按时发放", "category": "发放时限", "township": "三营镇",
                "csrf_token": token})
            connection.request("POST", "/complaints/new", body=body, headers={
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            found = re.search(r'id="saved-title">已登记：<a href="/complaints/(TS-[0-9]{6}-[0-9]{4,})">', text)
            with lock:
                if answer.status == 200 and found:
                    numbers.append(found.group(1))
                else:
                    refused.append(answer.status)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=clerk, args=(c,)) for c in range(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - started
    print(json.dumps({"accepted": len(numbers), "refused": len(refused), "refusedStatuses": sorted(set(refused)),
                      "seconds": round(seconds, 2), "perSecond": round(len(numbers) / seconds, 1), "numbers": numbers}))


if __name__ == "__main__":
    main()
