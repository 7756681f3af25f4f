"""Sending a run's letters: at the pace of `[mail] rate`, each recorded before and after.

Temporary failures are tried again after 1, 2, 4, ... seconds (`[mail] retries` times); a
recipient still failing is left for the next run, which sends only what was not sent. A server
that cannot be reached stops the run rather than wearing out every recipient's attempts.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Protocol

from .compose import Letter
from .log import SendLog
from .smtp import Fatal, Permanent, Temporary, Uncertain, Unreachable

PROGRESS_EVERY = 25  # letters between two progress lines, on runs of more than that
MAX_BACKOFF = 60.0


class Transport(Protocol):
    def send(self, message: EmailMessage, sender: str, recipient: str) -> None: ...

    def close(self, wait: bool = True) -> None: ...


@dataclass
class Outcome:
    """What a run did: sent, refused for good, left for later, and why it stopped, if it did."""

    sent: list[Letter] = field(default_factory=list)
    failed: list[tuple[Letter, str]] = field(default_factory=list)
    deferred: list[tuple[Letter, str]] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped before the end
    left: int = 0  # letters not sent because it stopped


class Pace:
    """At most `rate` messages a second: each waits until its turn."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self.next = clock()

    def wait(self) -> None:
        now = self.clock()
        if now < self.next:
            self.sleep(self.next - now)
            now = self.next
        self.next = now + self.interval


def backoff(attempt: int) -> float:
    """Seconds to wait before attempt `attempt + 1`: 1, 2, 4, ..., at most a minute."""
    return min(2.0**attempt, MAX_BACKOFF)


@dataclass
class Delivery:
    """Everything a run sends with: how to make each message, the server, the log."""

    compose: Callable[[Letter], EmailMessage]
    transport: Transport
    log: SendLog
    sender: str  # the envelope sender (bounces go there)
    server: str  # host:port, for messages
    retries: int
    pace: Pace
    report: Callable[[str], None]
    sleep: Callable[[float], None] = time.sleep


def deliver(letters: Sequence[Letter], delivery: Delivery) -> Outcome:
    """Send each letter once, in order; the log says what happened to each."""
    outcome = Outcome()
    total = len(letters)
    stopped = True  # until the loop ends on its own: a stop closes without a goodbye
    try:
        with _terminated_as_exit():
            _deliver_each(letters, delivery, outcome)
        stopped = False
    except (KeyboardInterrupt, Terminated) as stop:  # how far the run got: the desk is told
        how = "Ctrl-C" if isinstance(stop, KeyboardInterrupt) else "a stop signal (SIGTERM)"
        delivery.report(
            f"Stopped by {how}: {len(outcome.sent)} of {total} messages sent; run the same "
            "command again to send the others."
        )
        raise
    finally:
        delivery.transport.close(wait=not stopped)
    return outcome


class Terminated(SystemExit):
    """SIGTERM (a service stopped, `kill`): the run ends as Ctrl-C ends it, saying how far
    it got, and exits with the status a shell gives a process SIGTERM ended (143)."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


@contextlib.contextmanager
def _terminated_as_exit() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # signals reach only it
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is signal.SIG_IGN:
        yield
        return

    def terminate(number: int, frame: object) -> None:
        raise Terminated

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous or signal.SIG_DFL)


def _deliver_each(letters: Sequence[Letter], delivery: Delivery, outcome: Outcome) -> None:
    """Send the letters in order, until the end or a reason to stop (`outcome.stopped`)."""
    total = len(letters)
    for index, letter in enumerate(letters):
        try:
            reason = _send_one(letter, delivery, outcome)
        except Fatal as error:  # the login, the sender, TLS: no letter can go
            delivery.log.letter("unsent", letter, str(error))
            reason = str(error)
        if reason is not None:
            outcome.stopped = reason
            outcome.left = total - index
            break
        done = index + 1
        if total > PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
            delivery.report(f"{done} of {total} done ({len(outcome.sent)} sent)")


def _send_one(letter: Letter, delivery: Delivery, outcome: Outcome) -> str | None:
    """Send one letter, trying again after temporary failures; why the run must stop, if so."""
    message = delivery.compose(letter)
    delivery.log.letter("trying", letter)
    for attempt in range(delivery.retries + 1):
        delivery.pace.wait()
        with answer_awaited(delivery.report):
            error = _hand_over(message, letter, delivery, outcome)
        if error is None:
            return None
        if isinstance(error, Uncertain):
            return (
                f"{delivery.server} stopped answering while it took the message to "
                f"{letter.recipient.email} ({error}); it may have it"
            )
        if attempt == delivery.retries:
            if isinstance(error, Unreachable):  # known not to have gone: said so in the log
                delivery.log.letter("unsent", letter, str(error))
                return f"{delivery.server} cannot be reached ({error})"
            delivery.log.letter("deferred", letter, str(error))
            outcome.deferred.append((letter, str(error)))
            return None
        wait = backoff(attempt)
        delivery.report(f"{letter.recipient.email}: {error}; trying again in {wait:g} s")
        delivery.sleep(wait)
    return None


def _hand_over(
    message: EmailMessage, letter: Letter, delivery: Delivery, outcome: Outcome
) -> Temporary | None:
    """The message to the server, and the log's line for its answer; a refusal for now is
    handed back, to be tried again."""
    try:
        delivery.transport.send(message, delivery.sender, letter.recipient.email)
    except Permanent as error:
        delivery.log.letter("failed", letter, str(error))
        outcome.failed.append((letter, str(error)))
        return None
    except Temporary as error:
        return error
    delivery.log.letter("sent", letter)
    outcome.sent.append(letter)
    return None


STOPS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def answer_awaited(report: Callable[[str], None]) -> Iterator[None]:
    """Ctrl-C or SIGTERM while the server takes a message stops the run once the server has
    answered and the log holds the answer: stopped before, the run could not tell whether
    the message went, and the next run would send it again. A second one stops at once."""
    if threading.current_thread() is not threading.main_thread():  # signals reach only it
        yield
        return
    previous: dict[int, Any] = {n: signal.getsignal(n) or signal.SIG_DFL for n in STOPS}
    caught = [n for n in STOPS if previous[n] is not signal.SIG_IGN]  # ignored stays so
    held: list[int] = []

    def hold(number: int, frame: object) -> None:
        if held:  # asked twice: now
            signal.signal(number, previous[number])
            signal.raise_signal(number)
            return
        held.append(number)
        report("stopping once the server has answered for this message (again to stop now)")

    for stop in caught:
        signal.signal(stop, hold)
    try:
        yield
    finally:
        for number in caught:
            signal.signal(number, previous[number])
        if held:
            signal.raise_signal(held[0])
